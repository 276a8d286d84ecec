"""Plotly figures: the stance timeline, small multiples of stance over time per topic.

One builder serves the dashboard, `timeline chart` and the report, so this
module imports plotly only, never dash. Every text from the data reaches
plotly through `timeline.chart_text`, which escapes it: a quote shows as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from timeline.analysis import GroupBy, detect_shifts, stance_points
from timeline.chart_text import (
    CLAIM_HOVER,
    claim_hover_data,
    lane_note,
    lane_title,
    plain,
    pole_label,
)
from timeline.dataset import Dataset
from timeline.schema import Topic

HEADLINE_TOPICS = ("open-source", "long-context", "multimodality")
"""The topics the project is about; charts show them unless told otherwise."""

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
             "#F0E442")
"""Okabe & Ito's colour-blind-safe palette, darkest-on-white first."""
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon",
           "hexagon", "star")
"""A second cue per speaker, for readers who see no colour and for greyscale print."""
WEBGL_THRESHOLD = 2000
"""Above this many claims, markers are drawn with WebGL: SVG slows down past a few thousand."""
LANE_HEIGHT, LANE_GAP, CHROME_HEIGHT = 200, 64, 130
"""Pixels: a lane (gap included), the gap between lanes, legend and axis margins."""
MARKERS_ACROSS = 90
"""About how many markers fit side by side in a lane; sets the spacing of crowded spots."""
STANCE_TICKS = (-2, -1, 0, 1, 2)
EMPTY_MESSAGE = "No claims match these filters"


def default_topics(dataset: Dataset) -> list[str]:
    """The headline topics the dataset has, or every topic when it has none of them."""
    headline = [t for t in HEADLINE_TOPICS if t in dataset.topic]
    return headline or [t.id for t in dataset.topics]


def speaker_styles(dataset: Dataset) -> dict[str, tuple[str, str]]:
    """Colour and symbol per speaker, by dataset order so filtering never repaints anyone."""
    return {s.id: (OKABE_ITO[i % len(OKABE_ITO)], SYMBOLS[i % len(SYMBOLS)])
            for i, s in enumerate(dataset.speakers)}


def spread(frame: pd.DataFrame, day_step: float) -> tuple[pd.Series, pd.Series]:
    """Marker positions: claims sharing a date and stance form a small grid around that spot.

    Three rows (within ±0.22 of the stance, so levels stay apart) and as many
    columns `day_step` days apart as needed; a lone claim sits exactly on its spot.
    """
    same = frame.groupby(["date", "stance"])
    rank, size = same.cumcount(), same["id"].transform("size")
    row, column, columns = rank % 3, rank // 3, (size + 2) // 3
    y = frame["stance"] + row.map({0: 0.0, 1: 0.22, 2: -0.22})
    days = (column - (columns - 1) / 2) * day_step
    return frame["date_mid"] + pd.to_timedelta(days, unit="D"), y


Trace = dict[str, Any]
"""A plotly trace as plain data: validated once, when the figure is built (much faster)."""


def trace(kind: str, **properties: Any) -> Trace:
    return {"type": kind, **properties}


def claim_trace(lane: pd.DataFrame, styles: dict[str, tuple[str, str]], webgl: bool,
                day_step: float) -> Trace:
    """One marker per claim, coloured and shaped by speaker (one trace per lane stays fast)."""
    x, y = spread(lane, day_step)
    colours, symbols = zip(*(styles[speaker] for speaker in lane["speaker"]), strict=True)
    return trace(
        "scattergl" if webgl else "scatter", x=x, y=y, mode="markers", name="claims",
        showlegend=False, meta={"role": "claims", "topic": lane["topic"].iloc[0]},
        marker={"color": list(colours), "symbol": list(symbols), "size": 10,
                "line": {"color": "white", "width": 1}},
        customdata=claim_hover_data(lane), hovertemplate=CLAIM_HOVER)


def period_trace(lane: pd.DataFrame, y: pd.Series, webgl: bool) -> Trace:
    """Bars from the first to the last day a month- or year-dated claim may have been said.

    Plotly's error bars do not work on date axes, hence one line trace with gaps.
    """
    vague = lane["date_precision"] != "day"
    ends = lane.loc[vague, "date_end"] + pd.Timedelta(days=1)
    x = [day for span in zip(lane.loc[vague, "date_start"], ends, strict=True)
         for day in (*span, None)]
    bars = [value for stance in y[vague] for value in (stance, stance, None)]
    return trace(
        "scattergl" if webgl else "scatter", x=x, y=bars, mode="lines", opacity=0.6,
        line={"color": "#8c99a6", "width": 3}, showlegend=False, hoverinfo="skip",
        meta={"role": "period"})


def speaker_keys(frame: pd.DataFrame, dataset: Dataset) -> list[Trace]:
    """Legend entries for the speakers in view (the markers themselves carry no legend)."""
    present, styles = set(frame["speaker"]), speaker_styles(dataset)
    return [trace("scatter", x=[None], y=[None], mode="markers", name=plain(s.name),
                  legendgroup=s.id, meta={"role": "legend"}, hoverinfo="skip",
                  marker={"color": styles[s.id][0], "symbol": styles[s.id][1], "size": 10})
            for s in dataset.speakers if s.id in present]


def midpoints(points: pd.DataFrame) -> pd.Series:
    """Where a point (several same-date claims) sits on the date axis: its period's middle."""
    return points["start"] + (points["end"] - points["start"]) / 2


def trajectory_traces(points: pd.DataFrame, by: GroupBy,
                      styles: dict[str, tuple[str, str]]) -> list[Trace]:
    """The group's path through its points (same-date claims averaged, as shifts are)."""
    return [trace(
        "scatter", x=group_points["x"], y=group_points["stance"], mode="lines",
        line={"color": styles[str(group)][0] if by == "speaker" else "#555555", "width": 1.5,
              "dash": "dot"}, name="trajectory", legendgroup="trajectory", hoverinfo="skip",
        meta={"role": "trajectory", "group": str(group)})
        for group, group_points in points.groupby("group", sort=False)]


SHIFT_STYLES = {
    "shift": {"symbol": "circle-open", "size": 22, "color": "#777777", "width": 1.5,
              "name": "shift (stance moved)"},
    "reversal": {"symbol": "circle-open", "size": 26, "color": "#000000", "width": 3.5,
                 "name": "reversal (crossed zero)"},
}


def marked_shifts(frame: pd.DataFrame, points: pd.DataFrame, by: GroupBy) -> pd.DataFrame:
    """`detect_shifts` with the position of each point a stance moved to."""
    return detect_shifts(frame, by).merge(
        points[["group", "topic", "date", "x"]], left_on=["group", "topic", "to_date"],
        right_on=["group", "topic", "date"])


def shift_traces(shifts: pd.DataFrame, topic: str) -> list[Trace]:
    """Rings around the point where a stance moved; reversals heavier and labelled."""
    traces = []
    for kind, style in SHIFT_STYLES.items():
        marked = shifts[shifts["kind"] == kind]
        if not marked.empty:
            traces.append(trace(
                "scatter", x=marked["x"], y=marked["to_stance"], name=style["name"],
                legendgroup=kind, mode="markers+text" if kind == "reversal" else "markers",
                text=["reversal"] * len(marked), textposition="top center", cliponaxis=False,
                textfont={"size": 10, "color": style["color"]}, hoverinfo="skip",
                meta={"role": kind, "topic": topic},
                marker={"symbol": style["symbol"], "size": style["size"],
                        "color": style["color"],
                        "line": {"color": style["color"], "width": style["width"]}}))
    return traces


def date_range(frame: pd.DataFrame) -> list[pd.Timestamp]:
    pad = pd.Timedelta(days=45)
    return [frame["date_start"].min() - pad, frame["date_end"].max() + pad]


def stance_timeline_figure(frame: pd.DataFrame, dataset: Dataset,
                           topics: Sequence[str] | None = None,
                           by: GroupBy = "organization") -> go.Figure:
    """Small multiples: one lane per topic on a shared date axis, y = stance on its scale.

    `topics` picks and orders the lanes (an empty lane says so); by default the
    topics present in `frame`, in dataset order. `by` groups the trajectory and
    the shifts, as in `detect_shifts`. No claims at all: a figure saying so.
    """
    lanes = list(topics) if topics is not None else [
        t.id for t in dataset.topics if t.id in set(frame["topic"])]
    if not lanes or frame.empty:
        return empty_figure()
    height = CHROME_HEIGHT + LANE_HEIGHT * len(lanes)
    grid = make_subplots(rows=len(lanes), cols=1, shared_xaxes=True,
                         vertical_spacing=LANE_GAP / (height - CHROME_HEIGHT),
                         subplot_titles=[lane_title(dataset, t) for t in lanes])
    fig = go.Figure(data=legend_once(lane_traces(frame, dataset, lanes, by)), layout=grid.layout)
    x_range = date_range(frame)
    fig.update_xaxes(type="date", range=x_range, showticklabels=True, showgrid=True,
                     gridcolor="#eeeeee")
    return fig.update_layout(
        {f"yaxis{row if row > 1 else ''}": stance_axis(dataset.topic[topic])
         for row, topic in enumerate(lanes, start=1)},
        annotations=[*fig.layout.annotations, *lane_notes(frame, lanes)],
        height=height, template="plotly_white",
        margin={"l": 140, "r": 110, "t": 90, "b": 40}, hovermode="closest",
        legend={"orientation": "h", "yref": "container", "y": 1, "yanchor": "top", "x": 0,
                "itemclick": False, "itemdoubleclick": False},
        font={"family": "system-ui, sans-serif", "size": 12})


def lane_traces(frame: pd.DataFrame, dataset: Dataset, lanes: list[str], by: GroupBy
                ) -> list[Trace]:
    """Every lane's traces, on its lane's axes; points and shifts are computed once."""
    styles, webgl = speaker_styles(dataset), len(frame) > WEBGL_THRESHOLD
    x_range = date_range(frame)
    day_step = (x_range[1] - x_range[0]).days / MARKERS_ACROSS
    points = stance_points(frame, by)
    points["x"] = midpoints(points)
    shifts = marked_shifts(frame, points, by)
    traces = speaker_keys(frame, dataset)
    for row, topic in enumerate(lanes, start=1):
        lane = frame[frame["topic"] == topic]
        if lane.empty:
            continue
        axes = {"xaxis": f"x{row if row > 1 else ''}", "yaxis": f"y{row if row > 1 else ''}"}
        traces += [{**added, **axes} for added in (
            *trajectory_traces(points[points["topic"] == topic], by, styles),
            period_trace(lane, spread(lane, day_step)[1], webgl),
            claim_trace(lane, styles, webgl, day_step),
            *shift_traces(shifts[shifts["topic"] == topic], topic))]
    return traces


def legend_once(traces: list[Trace]) -> list[Trace]:
    """One legend entry per speaker and mark, from whichever lane shows it first."""
    seen: set[str] = set()
    for shown in traces:
        if shown["meta"]["role"] not in ("period", "claims"):
            shown["showlegend"] = shown["legendgroup"] not in seen
            seen.add(shown["legendgroup"])
    return traces


def stance_axis(topic: Topic) -> dict[str, object]:
    """The stance axis of a lane, with the topic's poles in words."""
    ticks = [f"{pole_label(topic.negative)} −2", "−1", "0", "+1",
             f"{pole_label(topic.positive)} +2"]
    return {"range": [-2.7, 2.7], "tickvals": list(STANCE_TICKS), "ticktext": ticks,
            "zeroline": True, "zerolinecolor": "#bbbbbb", "fixedrange": True,
            "tickfont": {"size": 10}}


def lane_notes(frame: pd.DataFrame, lanes: list[str]) -> list[dict[str, object]]:
    """The evidence note beside each lane, as annotations."""
    return [{"text": lane_note(frame[frame["topic"] == topic]), "xref": "paper", "x": 1.01,
             "xanchor": "left", "yref": f"y{row if row > 1 else ''} domain", "y": 0.5,
             "showarrow": False, "align": "left", "font": {"size": 11}}
            for row, topic in enumerate(lanes, start=1)]


def empty_figure(message: str = EMPTY_MESSAGE) -> go.Figure:
    fig = go.Figure().add_annotation(text=plain(message), showarrow=False, font={"size": 16})
    return fig.update_layout(template="plotly_white", height=240, xaxis_visible=False,
                             yaxis_visible=False)


def selection_ring(frame: pd.DataFrame, lanes: Sequence[str], claim: str) -> dict[str, Any] | None:
    """A ring around the marker of the claim the reader opened, as a layout shape (or None).

    Drawn as a shape so the dashboard can move it without rebuilding the chart.
    """
    found = frame.index[frame["id"] == claim]
    topic = frame.loc[found[0], "topic"] if len(found) else None
    if topic not in lanes:
        return None
    lane, suffix = frame[frame["topic"] == topic], lanes.index(topic) + 1
    x_range = date_range(frame)
    x, y = spread(lane, (x_range[1] - x_range[0]).days / MARKERS_ACROSS)
    suffix = "" if suffix == 1 else suffix
    return {"type": "circle", "xref": f"x{suffix}", "yref": f"y{suffix}", "xsizemode": "pixel",
            "ysizemode": "pixel", "xanchor": x[found[0]], "yanchor": y[found[0]], "x0": -12,
            "x1": 12, "y0": -12, "y1": 12, "line": {"color": "#E69F00", "width": 3}}
