from __future__ import annotations

from conftest import claim, claims_document

import timeline
from timeline.dates import PartialDate
from timeline.filters import ClaimFilter, search_spans


def dataset(write_claims):
    return timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024", quote="开源落后于闭源"),
        claim("b", "2025-07", 1, source="talk-2025", summary="Open weights now"),
        claim("c", "2025-07-20", 2, topic="long-context", speaker="zhou-xinyu",
              source="talk-2025"),
    ])))


def ids(data, **kwargs) -> list[str]:
    return ClaimFilter(**kwargs).apply(data.frame())["id"].tolist()


def test_each_filter(write_claims):
    data = dataset(write_claims)
    assert ids(data) == ["a", "b", "c"]
    assert ids(data, topics=("long-context",)) == ["c"]
    assert ids(data, speakers=("yang-zhilin",)) == ["a", "b"]
    assert ids(data, sources=("talk-2024",)) == ["a"]
    assert ids(data, search="闭源") == ["a"]
    assert ids(data, search="OPEN WEIGHTS") == ["b"]
    assert ids(data, search="(") == []


def test_dates_filter_by_period_overlap(write_claims):
    data = dataset(write_claims)
    assert ids(data, since=PartialDate.parse("2025-07-15")) == ["b", "c"]
    assert ids(data, until=PartialDate.parse("2025-07-01")) == ["a", "b"]
    assert ids(data, since=PartialDate.parse("2025-07-21")) == ["b"]
    assert ids(data, since=PartialDate.parse("2025-08")) == []


def test_unknown_values_are_named_with_a_suggestion(write_claims):
    data = dataset(write_claims)
    assert ClaimFilter(topics=("open-sorce",)).unknown_values(data) == [
        "unknown topic 'open-sorce' — did you mean 'open-source'?"]


def test_search_ignores_case_hyphens_and_width(write_claims):
    data = timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024", quote="我们会开源 Ｋ２ 模型",
              translation="We will open-source the K2 model"),
        claim("b", "2025-07", 1, source="talk-2025", summary="Open source, with caveats"),
        claim("c", "2025-07", 1, source="talk-2025", summary="Opensource is a word"),
    ])))
    for query in ("open source", "open-source", "OPEN‑SOURCE", "open   source",
                  "ｏｐｅｎ　ｓｏｕｒｃｅ"):
        assert ids(data, search=query) == ["a", "b"], query
    assert ids(data, search="k2") == ids(data, search="Ｋ２") == ["a"]
    assert ids(data, search="-") == ids(data, search=" ") == ["a", "b", "c"]


def test_search_spans_point_into_the_original_text():
    text = "We went Open-Source with Ｋ２, then open  source again"
    assert [text[s:e] for s, e in search_spans(text, "open source")] == [
        "Open-Source", "open  source"]
    assert [text[s:e] for s, e in search_spans(text, "k2")] == ["Ｋ２"]
    assert list(search_spans(text, "closed")) == []
    assert list(search_spans(text, "  ")) == []
