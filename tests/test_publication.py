"""The publication frame: title, filters, sources, credit and link, from the data and the view."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import claim, claims_document, run_cli

import timeline
from timeline.dates import PartialDate
from timeline.figures import stance_timeline_data
from timeline.filters import ClaimFilter
from timeline.publication import (
    file_name,
    framed,
    publication,
    published_chart,
    view_link,
    wrap_line,
)

HEADER = {"title": "Founders on record", "language": "en", "featured_topics": ["long-context"],
          "credit": "Curated by A. Reader", "license": "CC BY 4.0",
          "url": "https://example.org/tl/"}


@pytest.fixture
def data(write_claims):
    return timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024"),
        claim("b", "2025-07", 1, source="talk-2025"),
        claim("c", "2025-08", 2, topic="long-context", source="talk-2025"),
    ], dataset=HEADER)))


def test_the_lines_come_from_the_header_and_the_view(data):
    wanted = ClaimFilter(topics=("open-source",), since=PartialDate.parse("2024"), search="K2")
    frame = ClaimFilter(topics=("open-source",)).apply(data.frame())
    lines = publication(data, frame, wanted, "https://x.org/?topic=open-source")
    assert lines.title == "Founders on record"
    assert lines.filters == ("Topics: Open vs. closed · said 2024 → … · search “K2” — "
                             "2 claims, 2024-02 → 2025-07")
    assert lines.source == ("Sources: Outlet, “Talk 2024” (2024-03-01); "
                            "Outlet, “Talk 2025” (2025-08-27)")
    assert lines.credit == "Curated by A. Reader · Licence: CC BY 4.0"


def test_the_source_line_names_a_few_and_counts_the_rest(write_claims):
    document = claims_document([claim(f"c{i}", "2024-02", 0, source=f"s{i}") for i in range(6)])
    document["sources"] = [{**document["sources"][0], "id": f"s{i}", "title": f"T{i}"}
                           for i in range(6)]
    data = timeline.load(write_claims(document))
    line = publication(data, data.frame(), ClaimFilter()).source
    assert "T3" in line and "T4" not in line and line.endswith("; and 2 more")


def test_the_link_opens_the_same_view_in_the_dashboard(data):
    assert view_link("https://x.org/tl", ClaimFilter(topics=("long-context",)), data) == (
        "https://x.org/tl/")  # the featured topics are the default view
    link = view_link("https://x.org/tl/?old=1", ClaimFilter(
        topics=("open-source",), speakers=("yang-zhilin",), search="open source"), data)
    assert link == "https://x.org/tl/?topic=open-source&speaker=yang-zhilin&q=open%20source"
    assert view_link("https://x.org/", ClaimFilter(), data) == "https://x.org/?topic=*"
    assert view_link("", ClaimFilter(), data) == ""


def test_a_chart_without_events_links_back_to_a_view_without_them(data):
    one = ClaimFilter(topics=("open-source",))
    assert view_link("https://x.org/", one, data, events=False) == (
        "https://x.org/?topic=open-source&events=off")

    def link_line(events: bool) -> str:
        chart = published_chart(data, data.frame(), ["open-source"], one, "https://x.org/",
                                webgl=False, events=events)
        return next(a.text for a in chart.layout.annotations if a.name == "publication")

    assert "?topic=open-source&amp;events=off" in link_line(False)
    assert "events" not in link_line(True)


def test_file_names_say_what_the_file_shows(data):
    frame = data.frame()
    one = ClaimFilter(topics=("open-source",))
    assert file_name(data, one.apply(frame), one, "png") == "open-source_2024-02_2025-07.png"
    searched = ClaimFilter(search="開源 / K2?")
    assert file_name(data, searched.apply(frame), searched, "svg") == \
        "all-topics_search-開源-K2.svg"


def test_wrapping_counts_wide_characters_double():
    assert wrap_line("a " * 40, 120) == ["a a a a a a a a a", *(["a a a a a a a a a"] * 3),
                                         "a a a a"]
    lines = wrap_line("开" * 50, 120)
    assert {len(line) for line in lines[:-1]} == {9} and "".join(lines) == "开" * 50


def test_framed_keeps_the_chart_and_adds_room_for_the_lines(data):
    chart = stance_timeline_data(data.frame(), data, ["open-source"])
    lines = publication(data, data.frame(), ClaimFilter(), "https://x.org/?topic=*")
    result = framed(chart, lines, 900)["layout"]
    added = result["height"] - chart["layout"]["height"]
    assert added == (result["margin"]["t"] - chart["layout"]["margin"]["t"]
                     + result["margin"]["b"] - chart["layout"]["margin"]["b"]) > 0
    note = result["annotations"][-1]["text"]
    assert "Talk 2024" in note and "Curated by A. Reader" in note
    assert '<a href="https://x.org/?topic=*">' in note
    assert "Founders on record" in result["title"]["text"]
    assert framed(chart, lines)["layout"]["annotations"][:-1] \
        == chart["layout"]["annotations"]


def test_hostile_text_in_the_frame_stays_text(write_claims):
    document = claims_document(dataset={**HEADER, "title": "<b>x</b>",
                                        "credit": "<a href='javascript:x'>me</a>"})
    data = timeline.load(write_claims(document))
    lines = publication(data, data.frame(), ClaimFilter(), "javascript:alert(1)")
    layout = framed(stance_timeline_data(data.frame(), data), lines)["layout"]
    assert "&lt;b&gt;x&lt;/b&gt;" in layout["title"]["text"]
    assert "<a" not in layout["annotations"][-1]["text"]


def test_chart_names_its_file_after_the_view_and_links_back(tmp_path, write_claims):
    path = write_claims(claims_document(dataset=HEADER))
    result = run_cli("chart", "--claims", str(path), "--topic", "open-source", "--format",
                     "svg", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = tmp_path / "open-source_2024-02_2025-07.svg"
    assert f"writing {written}" in result.stderr
    text = " ".join(ET.parse(written).getroot().itertext())
    for line in ("Founders on record", "Topics: Open vs. closed", "Talk 2024",
                 "Curated by A. Reader", "https://example.org/tl/?topic=open-source"):
        assert line in text
    other = run_cli("chart", "--claims", str(path), "--format", "svg", "--link-base",
                    "https://elsewhere.net/dash", "-o", str(tmp_path / "x.svg"))
    assert other.returncode == 0, other.stderr
    assert "https://elsewhere.net/dash/" in (tmp_path / "x.svg").read_text(encoding="utf-8")
