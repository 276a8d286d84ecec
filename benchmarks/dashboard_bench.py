"""Dashboard figures for benchmarks/run.py: the main callback against the bare figure."""

from __future__ import annotations

from pathlib import Path


def callback_figures(path: Path, dataset: object, repeat: int) -> dict[str, float]:
    return {}
