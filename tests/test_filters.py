from __future__ import annotations

from conftest import claim, claims_document

import timeline
from timeline.dates import PartialDate
from timeline.filters import ClaimFilter


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
