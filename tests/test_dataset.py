"""The bundled dataset: real quotes, right speakers, coverage — all computed from the data.

These tests read the source texts in ../shared/sources (required in CI).
"""

from __future__ import annotations

import copy
import re
from collections import Counter

import pytest
from conftest import BASE, CLAIMS, SOURCES, claim, claims_document, require_sources, run_cli

import timeline
from timeline.verify import normalise_whitespace, verify_quotes, where_it_differs

HEADLINE_TOPICS = ("open-source", "long-context", "multimodality")
SHOW_NOTES = "podcast-2025-notes"
NOT_ADDRESSED = {("open-source", "zhidx-ama-2026")}
"""Headline topics a conversation's speakers never state a view on (documented under
"Gaps" in docs/codebook-moonshot.md): the K2.5 AMA's one open-source question got an
answer that never mentions open source."""

# How each text marks whose words a line holds. A quote must sit in a turn whose
# label names the claim's speaker: never the host, a user, the editor or a blogger.
HOST = None
TURN_LABELS: dict[str, list[tuple[str, str | None]]] = {
    "003_5dc0dbfeb05a7fbb.txt": [(r"腾讯新闻《潜望》：", HOST), (r"杨植麟：", "杨植麟")],
    "000_89a2f82cd15d7b0d.txt": [(r"张小珺：", HOST), (r"杨植麟：", "杨植麟"),
                                 (r"\*\*|_", HOST)],  # bold and italic lines are editor glosses
    "004_dbe7f235500f70c2.txt": [(r"Q：", HOST), (r"解读", HOST), (r"#\d+", HOST),
                                 (r"A：", "月之暗面团队")],
    "002_2362ce41a74c03f7.txt": [(r"\(\d+\)\S*提问", HOST), (r"\d\d\.$", HOST),
                                 (r"(杨植麟|周昕宇|吴育昕):", "")],
}


@pytest.fixture(scope="module")
def dataset() -> timeline.Dataset:
    return timeline.load(CLAIMS)


def test_every_quote_is_verbatim_in_its_source(dataset):
    assert verify_quotes(dataset, require_sources()) == []


def test_verify_command_passes_on_the_shared_sources():
    result = run_cli("verify", "--claims", str(CLAIMS), "--sources", str(require_sources()))
    assert result.returncode == 0, result.stderr


def test_verify_reports_a_changed_quote(write_claims, dataset):
    text = CLAIMS.read_text(encoding="utf-8")
    first = dataset.claims[0].quote
    path = write_claims(text.replace(first, first + "（编造）", 1))
    result = run_cli("verify", "--claims", str(path), "--sources", str(require_sources()))
    assert result.returncode == 1
    assert f"claim {dataset.claims[0].id}: quote not found verbatim" in result.stderr
    assert "where the quote goes on '（编造）…'" in result.stderr  # shows where it goes astray


def speaker_of_line(lines: list[str], index: int, labels: list[tuple[str, str | None]]
                    ) -> str | None:
    """Whose words line `index` holds: the label of the nearest turn at or above it."""
    for line in reversed(lines[: index + 1]):
        for pattern, who in labels:
            match = re.match(pattern, line.strip())
            if match:
                return match.group(1) if who == "" else who
    return HOST


@pytest.mark.parametrize(("text", "quote", "found"), [
    ("杨植麟：我认为开源\n很重要。", "我认为开源很重要。", True),  # a hard-wrapped transcript
    ("杨植麟：我认为开源\r\n\u3000很重要。", "我认为开源 很重要。", True),
    ("Yang: open\nsource matters.", "open source matters.", True),
    ("Yang: open\nsource matters.", "opensource matters.", False),  # Latin words keep a space
    ("杨植麟：我认为开源很重要。", "我认为闭源很重要。", False),
    ("杨植麟：我认为开源，很重要。", "我认为开源,很重要。", False),  # punctuation width counts
])
def test_whitespace_between_chinese_characters_is_not_part_of_a_quote(
        tmp_path, write_claims, text, quote, found):
    (tmp_path / "talk.txt").write_text(text, encoding="utf-8")
    sources = copy.deepcopy(BASE["sources"])
    sources[1]["file"] = "talk.txt"
    data = timeline.load(write_claims(claims_document(
        [claim("yang-2025-open", "2025-05", 1, source="talk-2025", quote=quote)],
        sources=sources)))
    assert (verify_quotes(data, tmp_path) == []) is found


def test_a_missed_quote_says_where_it_leaves_the_source():
    text = normalise_whitespace("杨植麟：我认为开源，很重要。还有长文本。")
    assert where_it_differs("我认为开源,很重要。", text) == (
        ": the source has '…我认为开源' but goes on '，很重要。还有长文本。…' where the quote goes "
        "on ',很重要。…'")
    assert where_it_differs("完全不同的话", text) == (
        ": not even its first characters are in the source")


def test_quotes_sit_in_the_speakers_own_turns(dataset):
    folder, checked = require_sources(), 0
    for source in dataset.sources:
        if source.id == SHOW_NOTES:
            continue
        lines = (folder / source.file).read_text(encoding="utf-8").splitlines()
        labels = TURN_LABELS[source.file]
        for curated in (c for c in dataset.claims if c.source == source.id):
            quote = normalise_whitespace(curated.quote)
            found = [i for i, line in enumerate(lines) if quote in normalise_whitespace(line)]
            assert found, f"{curated.id}: quote does not sit within one line of {source.file}"
            expected = dataset.speaker[curated.speaker].names["zh"]
            assert speaker_of_line(lines, found[0], labels) == expected, curated.id
            checked += 1
    assert checked == len([c for c in dataset.claims if c.source != SHOW_NOTES]) > 0


def test_show_notes_are_never_a_claims_only_source(dataset):
    assert not [c.id for c in dataset.claims if c.source == SHOW_NOTES]
    assert any(SHOW_NOTES in c.also_in for c in dataset.claims)


def test_coverage(dataset):
    frame = dataset.frame()
    conversations = [s.id for s in dataset.sources if s.id != SHOW_NOTES]
    assert len(frame) >= 80
    assert set(frame["source"]) == set(conversations)
    for topic in HEADLINE_TOPICS:
        counts = Counter(frame.loc[frame["topic"] == topic, "source"])
        assert sum(counts.values()) >= 8, topic
        expected = [s for s in conversations if (topic, s) not in NOT_ADDRESSED]
        assert all(counts[source] >= 1 for source in expected), (topic, counts)


def test_every_topic_has_claims_and_its_poles_defined(dataset):
    used = set(dataset.frame()["topic"])
    for topic in dataset.topics:
        assert topic.id in used, f"topic {topic.id} has no claims"
        assert topic.negative != topic.positive


def test_sources_record_their_text_files(dataset):
    assert all(s.file and (SOURCES / s.file).is_file() for s in dataset.sources
               ) or not SOURCES.is_dir()
