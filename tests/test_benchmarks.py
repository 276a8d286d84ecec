"""The synthetic generator behind benchmarks/ writes valid, deterministic claims files."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

import timeline

GENERATOR = ROOT / "benchmarks" / "make_claims.py"


def generate(tmp_path, n: int, seed: int, name: str):
    path = tmp_path / name
    subprocess.run([sys.executable, str(GENERATOR), str(n), "-o", str(path), "--seed", str(seed)],
                   check=True, timeout=120)
    return path


def test_generated_file_validates(tmp_path):
    dataset = timeline.load(generate(tmp_path, 300, 7, "a.yaml"))
    frame = dataset.frame()
    assert len(dataset.claims) == 300
    assert frame["speaker"].nunique() > 1 and frame["topic"].nunique() > 1
    assert set(frame["date_precision"]) == {"year", "month", "day"}
    assert frame["quote"].str.len().min() >= 15


def test_generator_is_deterministic_for_a_seed(tmp_path):
    first = generate(tmp_path, 50, 3, "a.yaml").read_bytes()
    assert generate(tmp_path, 50, 3, "b.yaml").read_bytes() == first
    assert generate(tmp_path, 50, 4, "c.yaml").read_bytes() != first
