"""What a lane shows besides its claims, so that it says no more than its evidence: the
stretches with no source (shaded and labelled, the trajectory faint across them), each
point with its claims' codes (and a point of one claim drawn as thin evidence), and
the events the sources name.

Plain trace and annotation data, as in `timeline.figures`, which places them on
a lane's axes. Shading and event lines are traces, not layout shapes: the
dashboard owns the layout's shapes (the ring around an opened claim).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from timeline.analysis import CODE_COLUMNS, CODES
from timeline.chart_text import codes_text, half_step, plain
from timeline.gaps import Gap
from timeline.lane_room import BAND_PAD, LINE_PIXELS, STANCE_RANGE, BandLabel
from timeline.schema import Event

Trace = dict[str, Any]
Columns = dict[str, np.ndarray]

NO_SOURCE_FILL = "rgba(110, 120, 130, 0.13)"
NO_SOURCE_TEXT = "#4f5b66"
LABEL_BACKGROUNDS = {"no-sources": "rgba(236, 238, 240, 0.9)", "event": "rgba(255, 255, 255, 0.8)"}
"""Behind a band's labels, as the shading and the page are: an event's dotted line, which
runs up through the band, passes behind the labels it crosses."""
ACROSS_GAP_OPACITY = 0.45
"""The trajectory across a stretch with no source: dashed and this faint."""
EVENT_COLOUR = "#6a3d9a"
EVENT_SHIFT = 6
"""Pixels between an event's line and its label, clear of the line's marker."""
POINT_SIZE = 14
"""Larger than a claim's marker (10), which it lies under: plotly answers a hover or a tap
with the marker whose edge is nearest, so a smaller point on a claim took every tap at that
claim (no card opened for a lone claim). Now the claim answers at its centre, the point's
codes at its rim."""


def no_source_trace(gaps: Sequence[Gap], y_range: Sequence[float], topic: str) -> Trace:
    """The gaps of one lane, shaded from bottom to top (behind the claims: drawn first)."""
    low, high = y_range
    x: list[Any] = []
    y: list[float | None] = []
    for gap in gaps:
        start, end = np.datetime64(gap.start), np.datetime64(gap.end) + np.timedelta64(1, "D")
        x += [start, end, end, start, start, None]
        y += [low, low, high, high, low, None]
    return {"type": "scatter", "x": x, "y": y, "mode": "none", "fill": "toself",
            "fillcolor": NO_SOURCE_FILL, "hoverinfo": "skip", "showlegend": False,
            "meta": {"role": "no-sources", "topic": topic}}


def no_source_labels(gaps: Sequence[Gap], placed: Sequence[BandLabel | None], suffix: str
                     ) -> list[dict[str, Any]]:
    """Each gap's label centred on it in the band above a lane's claims, on the line
    `lane_room` gave it: 'no sources, 2024-03 – 2025-06'."""
    return [{**band_label(label, suffix), "name": "no-sources",
             "x": (gap.start + (gap.end - gap.start) / 2).isoformat(),
             "font": {"size": 12, "color": NO_SOURCE_TEXT},
             "bgcolor": LABEL_BACKGROUNDS["no-sources"]}
            for gap, label in zip(gaps, placed, strict=True) if label]


def band_label(label: BandLabel, suffix: str) -> dict[str, Any]:
    """An annotation standing where `label` says in the band of the lane of axis `suffix`."""
    shift = {"left": EVENT_SHIFT, "right": -EVENT_SHIFT}.get(label.anchor, 0)
    return {"text": "<br>".join(plain(line) for line in label.lines), "xref": f"x{suffix}",
            "xanchor": label.anchor, "align": label.anchor, "xshift": shift,
            "y": STANCE_RANGE[1], "yref": f"y{suffix}", "yanchor": "bottom",
            "yshift": label.row * LINE_PIXELS + BAND_PAD, "showarrow": False}


def crossings(points: Columns, gaps: Sequence[Gap]) -> np.ndarray:
    """Whether the trajectory into each point (from the group's previous one) crosses a
    gap; `points` ordered by group, then date."""
    crossed = np.zeros(len(points["x"]), dtype=bool)
    if len(crossed) < 2:
        return crossed
    same_group = points["group"][1:] == points["group"][:-1]
    ends, starts = points["end"][:-1], points["start"][1:]
    for gap in gaps:
        crossed[1:] |= same_group & (ends < np.datetime64(gap.start)) & (
            starts > np.datetime64(gap.end))
    return crossed


def across_gap_trace(points: Columns, crossed: np.ndarray, colour: str) -> Trace:
    """The faint dashed pieces of a trajectory that cross a gap (see `crossings`)."""
    into = np.flatnonzero(crossed)
    x = points["x"].astype("datetime64[s]")
    stance = points["stance"].astype(float)
    pieces_x = [day for i in into for day in (x[i - 1], x[i], None)]  # None breaks the line
    pieces_y = [level for i in into for level in (stance[i - 1], stance[i], None)]
    return {"type": "scatter", "x": pieces_x, "y": pieces_y, "mode": "lines",
            "line": {"color": colour, "width": 1.5, "dash": "dash"},
            "opacity": ACROSS_GAP_OPACITY, "name": "dashed: no sources between",
            "legendgroup": "across-gap", "hoverinfo": "skip", "meta": {"role": "across-gap"}}


def point_hover(points: Columns, names: dict[str, str]) -> list[str]:
    """Each point's evidence: when, whose, its claims' codes and its mean to a half step."""
    counts = np.stack([points[column] for column in CODE_COLUMNS], axis=1)
    return [f"{plain(date)} · <b>{plain(names.get(group, group))}</b><br>"
            f"{claims} claim{'' if claims == 1 else 's'}: "
            f"{codes_text(dict(zip(CODES, row, strict=True)))}"
            f"<br>mean ≈ {half_step(mean)}"
            for date, group, claims, row, mean in zip(
                points["date"], points["group"], points["claims"], counts, points["stance"],
                strict=True)]


POINT_KINDS = {
    False: {"role": "point", "symbol": "diamond", "name": "point: mean of a moment"},
    True: {"role": "thin-point", "symbol": "diamond-open",
           "name": "hollow point: one claim, thin evidence"},
}
"""Points of several claims, and of one: the hollow marker says the evidence is thin."""


def point_traces(points: Columns, colour: str, names: dict[str, str], topic: str
                 ) -> list[Trace]:
    """A marker at each point of a trajectory, hollow where it rests on one claim, whose
    hover gives its codes (`point_hover`). A point of one claim sits on that claim's
    marker and leaves the hover and click to it: the reader reaches the claim itself."""
    hover = np.array(point_hover(points, names), dtype=object)
    thin = points["claims"] == 1
    return [{"type": "scatter", "x": points["x"][rows].astype("datetime64[s]"),
             "y": points["stance"][rows].astype(float), "mode": "markers",
             "name": kind["name"], "legendgroup": kind["role"],
             "marker": {"symbol": kind["symbol"], "size": POINT_SIZE, "color": colour,
                        "line": {"color": colour, "width": 1.5}},
             "hovertext": hover[rows].tolist(), "hoverinfo": "skip" if is_thin else "text",
             "meta": {"role": kind["role"], "topic": topic}}
            for is_thin, kind in POINT_KINDS.items()
            if (rows := np.flatnonzero(thin == is_thin)).size]


def event_traces(events: Sequence[Event], y_range: Sequence[float], topic: str,
                 hover: list[str]) -> list[Trace]:
    """A dotted vertical line per event across a lane, and a marker where its label's band
    starts (above the +2 row), whose hover gives the source's words (`hover`, one per
    event)."""
    low, high = y_range
    days = [np.datetime64(event.date.midpoint) for event in events]
    x = [value for day in days for value in (day, day, None)]
    y = [value for _ in days for value in (low, high, None)]
    style = {"legendgroup": "event", "meta": {"role": "event", "topic": topic}}
    return [
        {"type": "scatter", "x": x, "y": y, "mode": "lines", "hoverinfo": "skip",
         "line": {"color": EVENT_COLOUR, "width": 1, "dash": "dot"}, "showlegend": False,
         **style},
        {"type": "scatter", "x": days, "y": [STANCE_RANGE[1]] * len(days), "mode": "markers",
         "marker": {"symbol": "triangle-down", "size": 9, "color": EVENT_COLOUR},
         "name": "event the sources name", "hovertext": hover, "hoverinfo": "text", **style},
    ]


def event_labels(events: Sequence[Event], placed: Sequence[BandLabel | None], suffix: str
                 ) -> list[dict[str, Any]]:
    """Each event's label, level, in the band above its lane's claims where `lane_room`
    placed it, reading away from its line; an event given no place has no label (its
    words are in its marker's hover)."""
    return [{**band_label(label, suffix), "name": "event", "x": event.date.midpoint.isoformat(),
             "font": {"size": 12, "color": EVENT_COLOUR}, "bgcolor": LABEL_BACKGROUNDS["event"]}
            for event, label in zip(events, placed, strict=True) if label]
