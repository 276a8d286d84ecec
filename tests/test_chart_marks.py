"""What a chart shows besides its claims: stretches with no source, points with their codes,
uncertain stances, events; and claims spread along time, never off their stance."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import CLAIMS, claim, claims_document

import timeline
from timeline import figures
from timeline.chart_key import mark_key
from timeline.chart_text import text_pixels
from timeline.figures import stance_timeline_figure
from timeline.gaps import Gap, source_gaps
from timeline.lane_room import EVENT_ROWS, LINE_PIXELS, STANCE_RANGE
from timeline.shift_rule import ShiftRule

EVENTS = [{"id": "weights-out", "date": "2025-07-11", "label": "Weights released",
           "topics": ["open-source"], "source": "talk-2025", "quote": "引文"},
          {"id": "everywhere", "date": "2025-07", "label": "A general event",
           "source": "talk-2025", "quote": "引文"}]


@pytest.fixture
def data(write_claims) -> timeline.Dataset:
    return timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024"),
        claim("b", "2025-07", 1, source="talk-2025", close_call=True),
        claim("c", "2025-07-20", 2, source="talk-2025"),
        claim("d", "2025-07-20", 2, source="talk-2025"),
        claim("e", "2025-07", 1, topic="long-context", source="talk-2025"),
    ], events=EVENTS)))


def traces(fig, role: str, topic: str | None = None) -> list:
    return [t for t in fig.data if t.meta and t.meta["role"] == role
            and (topic is None or t.meta.get("topic") == topic)]


def test_a_gap_is_a_long_stretch_with_no_claim_and_no_source_date(data, write_claims):
    assert source_gaps(data) == [Gap(dt.date(2024, 3, 1), dt.date(2025, 6, 30))]
    assert source_gaps(data)[0].label == "no sources, 2024-03 – 2025-06"
    assert source_gaps(data, min_days=600) == []  # shorter than asked for
    dense = timeline.load(write_claims(claims_document([
        claim("early", "2024-02", 1, source="talk-2024"),
        claim("late", "2025-07-03", 1, source="talk-2025")]), name="dense.yaml"))
    assert [g.label for g in source_gaps(dense)] == ["no sources, 2024-03 – 2025-07-02"]


def test_every_lane_shades_and_labels_the_gap(data):
    fig = stance_timeline_figure(data.frame(), data, ["open-source", "long-context"])
    assert len(traces(fig, "no-sources")) == 2
    labels = [a for a in fig.layout.annotations if a.name == "no-sources"]
    assert [a.text for a in labels] == ["no sources<br>2024-03 –<br>2025-06"] * 2
    assert {a.yref for a in labels} == {"y", "y2"}
    assert all(a.y == STANCE_RANGE[1] and a.yanchor == "bottom" for a in labels)  # over claims


def test_a_point_shows_its_codes_and_a_mean_to_a_half_step(data):
    fig = stance_timeline_figure(data.frame(), data, ["open-source"])
    (point,) = traces(fig, "point")
    assert point.hovertext == ("2025-07 · <b>Moonshot AI</b><br>3 claims: +2 ×2, +1 ×1<br>"
                               "mean ≈ +1.5",)  # 1.67, and the day claims join the month's
    (thin,) = traces(fig, "thin-point")
    # a point of one claim is hollow and leaves hover and click to the claim it sits on
    assert thin.marker.symbol == "diamond-open" and thin.hoverinfo == "skip"
    assert "thin evidence" in thin.name


def test_an_uncertain_stance_is_a_hollow_marker_and_says_so(data):
    fig = stance_timeline_figure(data.frame(), data, ["open-source"])
    (claims,) = traces(fig, "claims")
    symbol = dict(zip(claims.ids, claims.marker.symbol, strict=True))
    assert symbol["b"] == "circle-open" and symbol["c"] == "circle"
    hover = dict(zip(claims.ids, claims.hovertext, strict=True))
    assert "stance +1 (close call)" in hover["b"]
    assert "hollow: close call or coders split" in [t.name for t in fig.data if t.showlegend]


def test_claims_of_one_spot_stand_along_time_on_their_stance(data):
    fig = stance_timeline_figure(data.frame(), data, ["open-source"])
    (claims,) = traces(fig, "claims")
    where = dict(zip(claims.ids, zip(claims.x, claims.y, strict=True), strict=True))
    assert where["c"][1] == where["d"][1] == 2 and where["c"][0] != where["d"][0]


def test_events_are_drawn_on_the_lanes_they_concern_unless_switched_off(data):
    fig = stance_timeline_figure(data.frame(), data, ["open-source", "long-context"])
    marked = {t.meta["topic"]: len(t.x) for t in traces(fig, "event") if t.mode == "markers"}
    assert marked == {"open-source": 2, "long-context": 1}
    labels = [a.text for a in fig.layout.annotations if a.name == "event"]
    assert sorted(labels) == ["A general event", "A general event", "Weights released"]
    hover = next(t for t in traces(fig, "event", "open-source") if t.mode == "markers").hovertext
    assert hover[0].startswith("<b>Weights released</b> · 2025-07-11<br>Talk 2025")
    bare = stance_timeline_figure(data.frame(), data, ["open-source"], events=False)
    assert not traces(bare, "event") and not [a for a in bare.layout.annotations
                                              if a.name == "event"]


CLOSE_EVENTS = [
    {"id": f"close-{day}", "date": f"2025-07-{day:02d}", "label": label, "source": "talk-2025",
     "quote": "引文", "topics": ["open-source"]}
    for day, label in ((3, "A first model released, open weights"), (9, "第二个模型发布，开放权重"),
                       (15, "A third release"), (21, "Fourth"))]


def test_close_events_labels_stand_apart_above_the_claims(write_claims):
    data = timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024"),
        claim("b", "2025-07-10", 2, source="talk-2025"),
        claim("c", "2025-08", 2, source="talk-2025")], events=CLOSE_EVENTS)))
    fig = stance_timeline_figure(data.frame(), data, ["open-source"])
    labels = [a for a in fig.layout.annotations if a.name in ("event", "no-sources")]
    assert len([a for a in labels if a.name == "event"]) == len(CLOSE_EVENTS)
    assert all(a.textangle in (None, 0) for a in labels)  # level, readable
    # every label stands above the +2 row's claims and rings, inside its lane's axis
    assert all(a.yref == "y" and a.y == STANCE_RANGE[1] and a.yanchor == "bottom"
               and a.yshift >= 0 for a in labels)
    top = fig.layout.yaxis.range[1]
    pixels_per_unit = ((fig.layout.yaxis.domain[1] - fig.layout.yaxis.domain[0])
                       * (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b)
                       / (top - fig.layout.yaxis.range[0]))
    boxes = label_boxes(fig, labels, LABELLED_PLOT)
    assert all(box[3] <= (top - STANCE_RANGE[1]) * pixels_per_unit + 1 for box in boxes)
    assert_apart(boxes)  # even in the narrowest chart that shows event labels
    # a chart that leaves out event labels keeps room for the no-source labels only
    low, high = fig.layout.meta["ranges_without_event_labels"]["yaxis"]
    gaps = [box for box, a in zip(boxes, labels, strict=True) if a.name == "no-sources"]
    assert low == STANCE_RANGE[0] and STANCE_RANGE[1] < high < top
    assert (high - STANCE_RANGE[1]) * pixels_per_unit >= max(box[3] for box in gaps)


def test_events_past_the_bands_lines_keep_their_marker_and_hover_but_no_label(write_claims):
    crowd = [{**CLOSE_EVENTS[2], "id": f"crowd-{i}", "label": f"Release number {i}"}
             for i in range(EVENT_ROWS + 3)]
    data = timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024"),
        claim("b", "2025-07-10", 2, source="talk-2025")], events=crowd)))
    fig = stance_timeline_figure(data.frame(), data, ["open-source"])
    labels = [a.text for a in fig.layout.annotations if a.name == "event"]
    assert len(labels) == EVENT_ROWS  # one line each, one above another
    (marker,) = [t for t in traces(fig, "event") if t.mode == "markers"]
    assert len(marker.hovertext) == len(crowd)
    assert {text.split("</b>")[0] for text in marker.hovertext} == {
        f"<b>{event['label']}" for event in crowd}


LABELLED_PLOT = figures.LABELLED_CHART_WIDTH - figures.MARGIN["l"] - figures.MARGIN["r"]


def test_nearby_no_source_labels_stand_apart_even_on_a_phone():
    bundled = timeline.load(CLAIMS)  # two stretches with no source, a month apart
    fig = stance_timeline_figure(bundled.frame(), bundled)
    for axis in ("x", "x2"):
        labels = [a for a in fig.layout.annotations if a.xref == axis]
        gaps = [a for a in labels if a.name == "no-sources"]
        assert len(gaps) >= 2
        assert_apart(label_boxes(fig, gaps, figures.NARROWEST_PLOT_WIDTH))
        assert_apart(label_boxes(fig, labels, LABELLED_PLOT))


def label_boxes(fig, labels, plot_pixels: float) -> list[tuple[float, float, float, float]]:
    return [label_box(a, fig.layout.xaxis.range, plot_pixels) for a in labels]


def assert_apart(boxes: list[tuple[float, float, float, float]]) -> None:
    """No two boxes (left, right, bottom, top) overlap."""
    for i, one in enumerate(boxes):
        for other in boxes[i + 1:]:
            assert one[1] <= other[0] or other[1] <= one[0] or one[3] <= other[2] \
                or other[3] <= one[2], (one, other)


def label_box(note, x_range, plot_pixels: float) -> tuple[float, float, float, float]:
    """An annotation's left, right, bottom, top in pixels (x from the plot's left edge, y up
    from the top of the stance axis), its width reckoned from its lines' characters."""
    lines = note.text.split("<br>")
    width = max(text_pixels(line) for line in lines)
    start, end = (pd.Timestamp(day) for day in x_range)
    x = (pd.Timestamp(note.x) - start) / (end - start) * plot_pixels + (note.xshift or 0)
    left = {"left": x, "right": x - width, "center": x - width / 2}[note.xanchor]
    return left, left + width, note.yshift, note.yshift + len(lines) * LINE_PIXELS


def test_the_key_names_each_mark_and_the_rule_the_rings_follow():
    key = dict(mark_key(ShiftRule(min_step=2)))
    assert {"Hollow marker", "Hollow diamond", "Shaded band", "Faint dashed line", "Rings",
            "Dotted purple line"} <= set(key)
    assert "at least 2 steps" in key["Rings"] and "coder disagreement" not in key["Rings"]
    noisy = dict(mark_key(ShiftRule(noise={"open-source": 0.4})))
    assert "at least 1 step (or the topic's coder disagreement" in noisy["Rings"]
