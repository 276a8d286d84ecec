"""The dashboard's view state: URL query string in and out, never an exception."""

from __future__ import annotations

import re

import pytest
from conftest import claim, claims_document

import timeline
from dashboard.publish import EMBED_FRAME_HEIGHT, EMBED_WIDTH, LANE_MIN_HEIGHT, embed_snippet
from dashboard.state import (
    MAX_QUERY,
    ViewState,
    control_values,
    href,
    pointed_claim,
    read_fields,
    read_query,
    with_claim,
    write_query,
)


@pytest.fixture
def data(write_claims) -> timeline.Dataset:
    return timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024"),
        claim("b", "2025-07", 1, source="talk-2025"),
        claim("c", "2025-07-20", 2, topic="long-context", speaker="zhou-xinyu",
              source="talk-2025"),
    ])))


def test_no_parameters_is_the_headline_view(data):
    state, notices = read_query("", data)
    assert state == ViewState(topics=("open-source", "long-context"))
    assert notices == [] and write_query(state, data) == ""


def test_every_parameter_round_trips(data):
    query = ("?topic=long-context&speaker=zhou-xinyu&speaker=yang-zhilin&source=talk-2025"
             "&since=2025-07&until=2026&q=open%20%E5%BC%80%E6%BA%90&claim=c&lang=original"
             "&by=speaker")
    state, notices = read_query(query, data)
    assert notices == []
    assert state == ViewState(("long-context",), ("zhou-xinyu", "yang-zhilin"), ("talk-2025",),
                              "2025-07", "2026", "open 开源", "c", "original", "speaker")
    assert write_query(state, data) == query
    assert read_query(write_query(state, data), data) == (state, [])


def test_star_means_every_topic_and_an_empty_choice_writes_it(data):
    state, _ = read_query("?topic=*", data)
    assert state.topics == () and state.claim_filter().topics == ()
    assert write_query(ViewState(), data) == "?topic=*"
    assert read_fields({"topics": []}, data)[0].topics == ()


def test_unknown_and_malformed_values_are_dropped_with_a_notice(data):
    state, notices = read_query("?topic=nonexistent&since=garbage&lang=fr&claim=nope&x=1", data)
    assert state == read_query("", data)[0]
    assert notices == [
        "unknown parameter 'x' ignored",
        "unknown topic 'nonexistent' — ignored",
        "since: 'garbage' is not a date — use YYYY, YYYY-MM or YYYY-MM-DD — ignored",
        "unknown claim 'nope' — ignored",
        "unknown lang 'fr' — ignored",
    ]


def test_a_typo_gets_a_suggestion_and_the_known_values_stay(data):
    state, notices = read_query("?topic=open-sorce&topic=long-context&until=2025-13", data)
    assert state.topics == ("long-context",) and state.until == ""
    assert notices == ["unknown topic 'open-sorce' — did you mean 'open-source'? — ignored",
                       "until: '2025-13' is not a valid month — use YYYY, YYYY-MM or "
                       "YYYY-MM-DD — ignored"]


@pytest.mark.parametrize("query", ["?%zz=%%", "?&&&=&", "?topic", "?since=" + "9" * 50,
                                   "?q=" + "x" * 500, "?" + "a=b&" * 2000, "?topic=%00",
                                   "?claim=<script>alert(1)</script>"])
def test_hostile_queries_never_raise(data, query):
    state, notices = read_query(query, data)
    assert isinstance(state, ViewState)
    assert len(state.search) <= 200
    if len(query) > MAX_QUERY:
        assert notices and "longer than" in notices[0]
    assert all(len(n) < 200 for n in notices)


def test_controls_round_trip_and_keep_the_selected_claim(data):
    state = ViewState(("open-source",), ("yang-zhilin",), (), "2024", "", "lags", "b",
                      "translation")
    values = control_values(state)
    assert read_fields({**values, "claim": "b"}, data) == (state, [])


def test_events_can_be_switched_off_by_link_and_by_control(data):
    state, notices = read_query("?topic=*&events=off", data)
    assert notices == [] and not state.events and state.filters()["events"] is False
    assert write_query(state, data) == "?topic=*&events=off"
    assert control_values(state)["events"] == []
    assert read_fields({**control_values(state), "events": ["on"]}, data)[0].events
    assert read_fields(state.filters(), data) == (state, [])  # as the filters store holds it
    assert read_query("?events=on", data) == (read_query("", data)[0], [])
    assert read_query("?events=no", data)[1] == ["events 'no' is neither on nor off — ignored"]


def test_a_typed_bad_date_is_ignored_with_a_notice(data):
    state, notices = read_fields({"topics": ["open-source"], "since": "July"}, data)
    assert state.since == "" and notices == [
        "since: 'July' is not a date — use YYYY, YYYY-MM or YYYY-MM-DD — ignored"]


def test_filter_matches_the_library_filter(data):
    state, _ = read_query("?topic=*&since=2025-07-15", data)
    kept = state.claim_filter().apply(data.frame())["id"].tolist()
    assert kept == ["b", "c"]


def test_lanes_are_the_chosen_topics_or_those_with_claims(data):
    frame = data.frame()
    assert ViewState(("long-context", "open-source")).lanes(frame, data) == [
        "long-context", "open-source"]
    assert ViewState().lanes(frame[frame["topic"] == "long-context"], data) == ["long-context"]


def test_filters_and_selection_split_the_state(data):
    state = ViewState(("open-source",), claim="a", lang="original")
    assert state.selection() == {"claim": "a", "lang": "original"}
    assert state.filters()["topics"] == ["open-source"] and "claim" not in state.filters()


def test_links_and_clicks(data):
    state = with_claim(read_query("", data)[0], "a")
    assert href(state, data, root="/app/") == "/app/?claim=a"
    assert pointed_claim({"points": [{"id": "a"}]}) == "a"
    assert pointed_claim({"points": [{"x": 1}]}) == "" and pointed_claim(None) == ""


def test_embed_snippet_keeps_the_filters_and_drops_the_selection(data):
    state = ViewState(("long-context",), ("zhou-xinyu",), claim="c", lang="translation")
    snippet = embed_snippet("http://host.example:8050/app/?claim=c", "/app/", state, data,
                            chart_height=500, lanes=1)
    assert snippet.startswith('<iframe src="http://host.example:8050/app/embed?'
                              'topic=long-context&amp;speaker=zhou-xinyu" ')
    assert "claim" not in snippet and "lang" not in snippet


def test_embed_snippet_is_full_width_with_the_charts_aspect(data):
    """No fixed width (it overflowed a phone); as tall as the chart's aspect makes it, but
    never less than a readable lane each."""
    for lanes, height in ((1, 500), (6, 1700)):
        snippet = embed_snippet("http://h/", "/", ViewState(), data, height, lanes)
        assert "width=" not in snippet and "width:100%" in snippet
        assert f"aspect-ratio:{EMBED_WIDTH}/{height + EMBED_FRAME_HEIGHT}" in snippet
        least = int(re.search(r"min-height:(\d+)px", snippet).group(1))
        assert least <= height + EMBED_FRAME_HEIGHT and least >= lanes * LANE_MIN_HEIGHT
