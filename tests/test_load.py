"""Loading: valid files load, problems are collected all at once with lines."""

from __future__ import annotations

import pytest
from conftest import CLAIMS, claim, claims_document

import timeline
from timeline.problems import ClaimsError, UnreadableFile


def problems_of(write_claims, document) -> list[str]:
    with pytest.raises(ClaimsError) as caught:
        timeline.load(write_claims(document))
    return [str(p) for p in caught.value.problems]


def test_bundled_claims_file_is_valid():
    dataset = timeline.load(CLAIMS)
    assert dataset.claims and dataset.frame()["quote"].str.len().min() > 0


def test_valid_file_loads_with_lines_and_digest(write_claims):
    dataset = timeline.load(write_claims())
    assert [c.id for c in dataset.claims] == ["yang-2024-closed", "yang-2025-open"]
    assert dataset.lines["yang-2024-closed"] < dataset.lines["yang-2025-open"]
    assert len(dataset.digest) == 64


def test_all_problems_are_reported_at_once(write_claims):
    document = claims_document([
        claim("a-1", "2024-13", 1, source="talk-2024"),
        claim("a-2", "2024-02", 5, source="talk-2024"),
        claim("a-3", "2024-02", 1, speaker="nobody", source="talk-2024"),
    ])
    messages = problems_of(write_claims, document)
    assert len(messages) == 3
    assert any("claim a-1: date '2024-13'" in m for m in messages)
    assert any("claim a-2: stance 5 is off the scale" in m for m in messages)
    assert any("claim a-3: unknown speaker 'nobody'" in m for m in messages)


def test_problems_are_sorted_by_line(write_claims):
    document = claims_document([claim("b-1", "2024-02", 9, source="talk-2024"),
                                claim("b-2", "2024-02", 9, source="talk-2024")])
    lines = [int(m.split(":")[1]) for m in problems_of(write_claims, document)]
    assert lines == sorted(lines) and len(set(lines)) == 2


def test_invalid_source_does_not_cascade_into_its_claims(write_claims):
    document = claims_document()
    document["sources"][0]["url"] = "ftp://example.com"
    messages = problems_of(write_claims, document)
    assert len(messages) == 1 and "source talk-2024: url" in messages[0]


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFile, match="cannot read file"):
        timeline.load(tmp_path / "nope.yaml")


def test_quoted_and_unquoted_dates_agree(write_claims):
    text = write_claims().read_text(encoding="utf-8").replace("'2024-03-01'", "2024-03-01")
    assert "published: 2024-03-01" in text
    dataset = timeline.load(write_claims(text))
    assert str(dataset.source["talk-2024"].published) == "2024-03-01"


def test_loading_never_modifies_the_file(write_claims):
    path = write_claims()
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    timeline.load(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_records_that_give_the_same_fields_share_one_set_of_them(write_claims, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    path = write_claims(claims_document(
        [claim("a", "2024-02", 1, source="talk-2024"), claim("b", "2024-02", 2, source="talk-2024"),
         claim("c", "2024-02", 0, source="talk-2024", tags=["x"])]))
    for dataset in (timeline.load(path, cache=True), timeline.load(path, cache=True)):  # cache
        a, b, c = dataset.claims
        assert a.model_fields_set is b.model_fields_set  # one set, not one per record
        assert c.model_fields_set == a.model_fields_set | {"tags"}
        changed = a.model_copy(update={"stance": 2})
        assert changed.model_fields_set is not a.model_fields_set  # a copy with changes
        assert "tags" not in a.model_fields_set
