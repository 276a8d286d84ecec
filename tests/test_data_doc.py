"""The codebook stays true to the data: every topic documented, every example real.

DATA.md is the generic codebook (rules valid for any dataset); the bundled
dataset's per-topic half is docs/codebook-moonshot.md.
"""

from __future__ import annotations

import re

import pytest
from conftest import CLAIMS, ROOT

import timeline
from timeline.scale import STANCE_LEVELS

ROW = re.compile(r"^\| ([+-]?\d) \| .+ \| `([a-z0-9-]+)`: (.+) \|$")
GENERIC = ROOT / "DATA.md"
PER_TOPIC = ROOT / "docs" / "codebook-moonshot.md"


def examples(text: str) -> list[re.Match[str]]:
    return [m for m in map(ROW.match, text.splitlines()) if m]


@pytest.fixture(scope="module")
def dataset() -> timeline.Dataset:
    return timeline.load(CLAIMS)


def test_every_topic_has_its_rules_in_the_per_topic_codebook(dataset):
    text = PER_TOPIC.read_text(encoding="utf-8")
    for topic in dataset.topics:
        assert f"### `{topic.id}`" in text, f"{PER_TOPIC.name} lacks rules for {topic.id}"
    assert len(examples(text)) >= 3 * len(dataset.topics)


def test_the_generic_codebook_names_no_topic_of_its_own(dataset):
    text = GENERIC.read_text(encoding="utf-8")
    assert not [t.id for t in dataset.topics if f"### `{t.id}`" in text]
    assert len(examples(text)) >= 10  # each decision rule shows a real case


@pytest.mark.parametrize("path", [GENERIC, PER_TOPIC], ids=lambda p: p.name)
def test_examples_match_the_data(dataset, path):
    found = examples(path.read_text(encoding="utf-8"))
    assert found
    for match in found:
        stance, ident, quote = int(match[1]), match[2], match[3]
        assert ident in dataset.claim, f"{path.name}: no claim {ident}"
        claim = dataset.claim[ident]
        assert claim.stance == stance, ident
        assert quote == claim.quote.replace("|", "¦"), ident


def test_the_stance_scale_is_the_one_the_library_explains():
    """DATA.md's table of levels is the table the report and the dashboard show."""
    section = GENERIC.read_text(encoding="utf-8").split("## The stance scale")[1].split("\n## ")[0]
    rows = re.findall(r"^\| ([−+]?\d) \| (.+) \|$", section, flags=re.MULTILINE)
    assert [(int(level.replace("−", "-")), meaning) for level, meaning in rows] == list(
        STANCE_LEVELS)
