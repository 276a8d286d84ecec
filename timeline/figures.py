"""Plotly figures: the stance timeline, small multiples of stance over time per topic.

One builder serves the dashboard, `timeline chart` and the report, so this
module imports plotly only, never dash. Every text from the data reaches
plotly through `timeline.chart_text`, which escapes it: a quote shows as typed.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from timeline.analysis import GroupBy, shifts_between, stance_points
from timeline.chart_marks import (
    across_gap_trace,
    crossings,
    event_labels,
    event_traces,
    no_source_labels,
    no_source_trace,
    point_traces,
)
from timeline.chart_text import (
    POLE_PIXELS,
    UNSURE,
    claim_hover_text,
    display_lines,
    event_hover,
    lane_note,
    lane_title,
    plain,
    pole_label,
)
from timeline.dataset import Dataset
from timeline.export import events_for
from timeline.fonts import FONT_STACK
from timeline.gaps import Gap
from timeline.lane_room import (
    LINE_PIXELS,
    STANCE_RANGE,
    STANCE_TICKS,
    LaneRoom,
    lane_room,
)
from timeline.lod import aggregate_note, aggregate_traces, aggregated_lanes, period_for
from timeline.schema import Event, Topic
from timeline.shift_rule import CHANGES, ShiftRule, dataset_shift_rule

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
             "#F0E442")
"""Okabe & Ito's colour-blind-safe palette, darkest-on-white first."""
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon",
           "hexagon", "star")
"""A second cue per speaker, for readers who see no colour and for greyscale print."""
TRAJECTORY_COLOUR = "#555555"
"""Trajectories per organization; per speaker they take the speaker's colour."""
WEBGL_THRESHOLD = 10_000
"""Above this many claims, markers are drawn with WebGL, below with SVG.

Measured in headless Chromium without a GPU (README, "Performance"): at
8,000 claims in 20 lanes SVG drew the chart in 2.0 s and redrew a zoom in
0.9 s, WebGL took 5-6 s and 1.0 s (software WebGL pays per lane, not per
marker); at 29,000 SVG still drew sooner (7 s against 13 s) but zoomed slower
(3.4 s against 2.6 s). With a GPU, WebGL would win sooner; without one,
which is where it hurts, SVG is the better choice up to here.
"""
WEBGL_MAX_SIDE = 4096
"""CSS pixels: a chart taller than this (or wider, where a caller sets its width) draws
SVG markers however many it has.

Plotly draws WebGL at twice the chart's pixels on any screen, and a browser
without a GPU gives WebGL at most 8,192 pixels a side (many GPUs 16,384): past
that, the browser shrinks the drawing and plotly stretches it back over the
chart, so the markers of the lower lanes landed off their stances (40 lanes of
100,000 claims, 9,174 pixels tall). Without a GPU, SVG drew that chart sooner
anyway (plotly alone: 11 s, WebGL 20 s).
"""
LANE_HEIGHT, LANE_GAP = 200, 64
"""Pixels: the least a lane takes (gap included), the gap between lanes (its title and
the dates of the lane above). A lane grows for its poles and event labels (lane_room)."""
POLE_SHIFT = 26
"""Pixels between the plot's edge and a pole's label: room for the stance numbers."""
MARGIN = {"l": POLE_SHIFT + POLE_PIXELS + 6, "r": 110, "t": 90, "b": 40}
"""Pixels around the lanes: the poles' words and stance numbers left, evidence notes
right, the legend and the first lane's title above, dates below."""
LABELLED_CHART_WIDTH = 640
"""CSS pixels: the narrowest chart that shows its poles' and events' words (a narrower one
leaves them to the hovers and the reading guide, as the dashboard does on a phone):
event labels are laid out not to overlap in this chart's plot, so in any wider one."""
NARROWEST_PLOT_WIDTH = 260
"""CSS pixels: the plot of a 320-px screen's chart, whose narrow layout has slim margins
(dashboard.js): the labels of stretches with no source, shown at every width, are laid
out not to overlap each other in it."""
GAP_LABEL_COLUMNS = 12
"""The dates of a no-source label in lines of at most this many columns, so that the
labels of two nearby stretches stand side by side even on a phone."""
BRIEF_NOTE_ROOM = 20
"""Pixels added below the lanes for the note that hovers are brief."""
LANE_TITLE_ROOM = 34
"""Pixels between the plot's top and the legend, for the first lane's title.

The legend sits above the plot in plot coordinates, so plotly makes room for it
before it draws the markers. Placed from the top of the image instead, a legend
taller than the top margin made plotly draw the whole chart a second time
(`Plotly.newPlot` of 10,000 claims in the dashboard's page: 2.6-3.0 s, now 1.3 s)."""
LEGEND_ROW_PIXELS = 800 - MARGIN["l"] - 10
LEGEND_SYMBOL_PIXELS, LEGEND_CHAR_PIXELS = 46, 7
"""The width a legend row is assumed to have (from the plot's left edge to the right edge
of an 800-pixel embed), and the pixels an entry takes: its symbol, and each character of
its name at the legend's font."""
LEGEND_ROW_HEIGHT, LEGEND_ROWS_IN_MARGIN = 29, 2
"""A legend row's pixels, and how many rows the top margin holds beside the first lane's
title."""
MARKERS_ACROSS = 90
"""About how many markers fit side by side in a lane; sets the spacing of crowded spots."""
PERIOD_COLOUR, BAR_WIDTH = "#8c99a6", 3
"""Month- and year-dated claims' bars: colour, and thickness in pixels."""
OUTLINE_FROM_BARS = 100
"""A lane with more period bars than this draws them in SVG as one outline (see
`period_trace`); fewer stay lines of exactly BAR_WIDTH pixels at any chart size."""
KEEP_TICK_LABELS = {"ticklabeloverflow": "allow"}
"""The margins hold every tick label, so plotly need not measure each one to hide those
past the page's edge (its default): 40 axes of measuring were 0.2 s of a 10k chart."""
EMPTY_MESSAGE = "No claims match these filters"


def webgl_possible(claims: int) -> bool:
    """Whether any chart of a dataset of `claims` claims may draw WebGL markers (a page
    that can never need them is served a plotly.js without WebGL)."""
    return claims > WEBGL_THRESHOLD


def default_topics(dataset: Dataset) -> list[str]:
    """The lanes a chart shows unless told otherwise: the dataset's featured topics (its
    header's, else every topic)."""
    return dataset.featured_topics


def speaker_styles(dataset: Dataset) -> dict[str, tuple[str, str]]:
    """Colour and symbol per speaker, by dataset order so filtering never repaints anyone."""
    return {s.id: marker_style(i) for i, s in enumerate(dataset.speakers)}


def marker_style(index: int) -> tuple[str, str]:
    """The `index`-th speaker's colour and symbol: the first eight pair colour i with symbol
    i; each further round of colours shifts the symbols by one, so 64 speakers get 64
    different pairs (repeating both, speaker 9 looked exactly like speaker 1)."""
    colour, rounds = index % len(OKABE_ITO), index // len(OKABE_ITO)
    return OKABE_ITO[colour], SYMBOLS[(colour + rounds) % len(SYMBOLS)]


SPREAD_COLUMNS = 12
"""Claims sharing a topic, date and stance stand side by side along time, `day_step` days
apart while they are at most this many; more share that width, overlapping."""


def spread(frame: pd.DataFrame, day_step: float) -> tuple[pd.Series, pd.Series]:
    """Marker positions: claims sharing a topic, date and stance stand in a row along time,
    centred on that date, each exactly at its stance (never moved off it); a lone claim
    sits exactly on its spot."""
    same = frame["id"].groupby([frame["topic"], frame["date"], frame["stance"]],
                               observed=True)
    rank, size = same.cumcount(), same.transform("size")
    step = np.minimum(day_step, day_step * (SPREAD_COLUMNS - 1) / np.maximum(size - 1, 1))
    days = (rank - (size - 1) / 2) * step
    return frame["date_mid"] + pd.to_timedelta(days, unit="D"), frame["stance"].astype(float)


Trace = dict[str, Any]
"""A plotly trace as plain data; a whole figure is `{"data": [...], "layout": {...}}`.

Figures are built as plain data with numpy arrays, not `go.Figure` objects:
plotly's per-property validation and copying took most of a dashboard
callback at 10,000 claims, and numpy arrays serialise without a Python loop.
"""

HOVER, BRIEF_HOVER = "hover", "brief_hover"
"""Frame columns with each claim's hover text, in full and brief; `with_chart_text` fills
them once per dataset."""
FULL_HOVER_LIMIT = 20_000
"""Above this many claims in a chart, hovers are brief (when, who, stance): the quotes of
100,000 claims were 90% of the chart's bytes, and nobody hovers over that many points."""
BRIEF_HOVER_NOTE = (f"More than {FULL_HOVER_LIMIT:,} claims: hovers show date, speaker and "
                    "stance only")
BRIEF_HOVER_ANNOTATION = {
    "text": BRIEF_HOVER_NOTE, "xref": "paper", "x": 0, "xanchor": "left", "yref": "paper",
    "y": 0, "yanchor": "top", "yshift": -28, "showarrow": False,
    "font": {"size": 12, "color": "#555555"}}
"""Says so under the chart when its hovers are brief."""
CHART_COLUMNS = ["id", "topic", "date_precision", "date_start", "date_end", "date_mid", "stance"]
"""What the lanes draw from, so splitting a frame by topic copies no more than that."""


def trace(kind: str, **properties: Any) -> Trace:
    return {"type": kind, **properties}


def with_chart_text(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the hover text of every claim, for callers that draw it many times.

    Wrapping the text of 100,000 claims takes a while; the dashboard does it
    once per dataset, the figure builders only for rows that lack it.
    """
    if HOVER in frame:
        return frame
    return frame.assign(**{HOVER: claim_hover_text(frame),
                           BRIEF_HOVER: claim_hover_text(frame, brief=True)})


Columns = dict[str, np.ndarray]
"""Some rows of a frame as numpy arrays: slicing these per lane costs far less than pandas."""


def columns_of(frame: pd.DataFrame) -> Columns:
    return {name: frame[name].to_numpy() for name in frame.columns}


def rows_by(frame: pd.DataFrame, keys: list[str]) -> dict[Any, np.ndarray]:
    """Row positions per key, in order of first appearance; rows keep their order."""
    return frame.groupby(keys, sort=False).indices if len(frame) else {}


def pick(columns: Columns, rows: np.ndarray) -> Columns:
    return {name: values[rows] for name, values in columns.items()}


def claim_trace(lane: Columns, topic: str, webgl: bool) -> Trace:
    """One marker per claim at its spread position (`x`, `y`), coloured and shaped by
    speaker (one trace per lane stays fast). `ids` are the claim ids, which clicks and
    hovers resolve through (plotly reports a point's as `id`); as `customdata` they made
    plotly set a class on every marker it drew (7% of its drawing in a CPU profile at
    10,000 claims). Short texts go as numpy string arrays, which serialise in one step.
    Without a `hover` column the markers show no hover label but still report hovers
    (`hoverinfo="none"`), for a caller that shows its own.
    """
    hover = {"hovertext": lane["hover"], "hoverinfo": "text"} if HOVER in lane else {
        "hoverinfo": "none"}
    unsure = lane["unsure"].astype(bool)
    symbol = np.where(unsure, np.char.add(lane["symbol"].astype(str), "-open"),
                      lane["symbol"].astype(str))
    return trace(  # numpy datetimes reach the browser as ISO strings without a Python loop
        "scattergl" if webgl else "scatter", x=lane["x"].astype("datetime64[s]"), y=lane["y"],
        mode="markers", name="claims", showlegend=False, meta={"role": "claims", "topic": topic},
        marker={"color": lane["colour"].astype(str), "symbol": symbol, "size": 10,
                "line": {"color": np.where(unsure, lane["colour"].astype(str), "white"),
                         "width": np.where(unsure, 2, 1)}},
        ids=lane["id"].astype(str), **hover)


UNSURE_KEY = "hollow: close call or coders split"


def unsure_key(frame: pd.DataFrame) -> list[Trace]:
    """A legend entry for hollow claim markers, when any claim in view is drawn so."""
    if not unsure_claims(frame).any():
        return []
    return [trace("scatter", x=[None], y=[None], mode="markers", name=UNSURE_KEY,
                  legendgroup="unsure", meta={"role": "legend"}, hoverinfo="skip",
                  marker={"color": "#555555", "symbol": "circle-open", "size": 10,
                          "line": {"width": 2}})]


def unsure_claims(frame: pd.DataFrame) -> pd.Series:
    """Claims whose stance is a close call or whose coders disagree (see UNSURE)."""
    flags = [frame[column].astype(bool) for column in UNSURE if column in frame]
    return np.logical_or.reduce(flags) if flags else pd.Series(False, index=frame.index)


def period_spans(claims: pd.DataFrame) -> pd.DataFrame:
    """The bars of month- and year-dated claims: one per topic, period and row of markers,
    however many claims share it (`claims` has the markers' `y`)."""
    vague = claims[claims["date_precision"] != "day"]
    spans = vague[["topic", "date_start", "date_end", "y"]].drop_duplicates()
    return spans.assign(date_end=spans["date_end"] + pd.Timedelta(days=1))


def period_trace(spans: Columns, webgl: bool, half_height: float) -> Trace:
    """Bars from the first to the last day a claim may have been said, from `period_spans`.

    A line broken into bars by a missing `y` after each bar's end (plotly's error
    bars do not work on date axes). But plotly draws every piece of a broken line
    in SVG as an element of its own, and at 10,000 claims the 5,000 bars drawn so
    were a fifth of the chart's drawing time. So a lane of more than
    OUTLINE_FROM_BARS bars in SVG draws them as one filled outline instead: each bar
    a thin rectangle, `half_height` stance units above and below its row, the
    outline passing from bar to bar through their first corners and coming back
    the same way, so the paths between bars enclose nothing and show nothing.
    WebGL draws a broken line in one go.
    """
    starts = spans["date_start"].astype("datetime64[D]")
    ends = spans["date_end"].astype("datetime64[D]")
    style = {"opacity": 0.6, "showlegend": False, "hoverinfo": "skip", "meta": {"role": "period"}}
    if webgl or len(starts) <= OUTLINE_FROM_BARS:
        x = np.stack([starts, ends, ends], axis=1).ravel()
        y = np.stack([spans["y"], spans["y"], np.full(len(ends), np.nan)], axis=1).ravel()
        return trace("scattergl" if webgl else "scatter", x=x, y=y, mode="lines",
                     line={"color": PERIOD_COLOUR, "width": BAR_WIDTH}, **style)
    low, high = spans["y"] - half_height, spans["y"] + half_height
    x = np.stack([starts, ends, ends, starts, starts], axis=1).ravel()
    y = np.stack([low, low, high, high, low], axis=1).ravel()
    return trace(  # days as text, y to 1/1000 (a 40th of a pixel): half the bytes
        "scatter", x=day_strings(np.concatenate([x, starts[-2::-1]])),
        y=np.concatenate([y, low[-2::-1]]).round(3), mode="none", fill="toself",
        fillcolor=PERIOD_COLOUR, line={"simplify": False}, hoveron="points", **style)


def day_strings(days: np.ndarray) -> np.ndarray:
    """`days` as ISO dates, each distinct day written once: the bars of a lane share a
    few hundred month and year bounds, and writing each of its thousands of corners
    was most of the time the lane's bars took to build."""
    distinct, where = np.unique(days, return_inverse=True)
    return np.datetime_as_string(distinct, unit="D")[where]


def bar_half_height(lane_pixels: float) -> float:
    """Stance units that make an outlined period bar BAR_WIDTH pixels thick in a lane
    `lane_pixels` high (a chart drawn taller or shorter scales those bars with it)."""
    return BAR_WIDTH / 2 * (STANCE_RANGE[1] - STANCE_RANGE[0]) / lane_pixels


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


def trajectory_traces(points: Columns, colour: str, gaps: Sequence[Gap]) -> list[Trace]:
    """The paths of the groups drawn in `colour`, each through its points in date order
    (a moment's claims averaged, as shifts are), `points` ordered by group then date;
    where a path crosses a stretch with no source (`gaps`), only a faint dashed piece.

    One trace per colour, not per group: the browser pays for every trace (120 paths
    at 10,000 claims). A missing `y` where a group's path ends breaks the line there.
    """
    crossed = crossings(points, gaps)
    ends = np.flatnonzero((points["group"][1:] != points["group"][:-1]) | crossed[1:]) + 1
    x = points["x"].astype("datetime64[s]")
    path = trace(
        "scatter", x=np.insert(x, ends, x[ends - 1]),
        y=np.insert(points["stance"].astype(float), ends, np.nan), mode="lines",
        line={"color": colour, "width": 1.5}, name="trajectory",
        legendgroup="trajectory", hoverinfo="skip",
        meta={"role": "trajectory", "groups": list(dict.fromkeys(points["group"]))})
    return [path, across_gap_trace(points, crossed, colour)] if crossed.any() else [path]


SHIFT_STYLES = {
    "shift": {"symbol": "circle-open", "size": 22, "color": "#777777", "width": 1.5,
              "name": "shift (stance moved)"},
    "reversal": {"symbol": "circle-open", "size": 26, "color": "#000000", "width": 3.5,
                 "name": "reversal (crossed zero)"},
}


def marked_shifts(points: pd.DataFrame, rule: ShiftRule) -> pd.DataFrame:
    """The changes of stance (`detect_shifts` by `rule`, but drift and steady), with the
    position of each point a stance moved to."""
    shifts = shifts_between(points, rule)
    shifts = shifts[shifts["kind"].isin(CHANGES)]
    return shifts.assign(x=points.loc[shifts.index, "x"])


RINGS_ACROSS = 50
"""A lane rings its shifts, and its reversals, only while it has at most this many of each:
about as many 22-26 px rings as fit side by side across a lane in a laptop window (some
1,100 px). Past that they overlap into a band that hides the claims beneath, and cost
plotly much of its drawing. The trajectory still turns at each one, the lane's note
counts them, and `timeline shifts` lists every one."""


def ringed(shifts: pd.DataFrame) -> pd.Series:
    """Which of `marked_shifts` their lanes ring (see RINGS_ACROSS)."""
    return shifts.groupby(["topic", "kind"])["kind"].transform("size") <= RINGS_ACROSS


REVERSAL_LABEL_LIMIT = 12
"""A lane labels its reversals "reversal" only when it has at most this many: more labels
overlap into a smudge over the markers (and each costs the browser a text measurement);
the legend names the heavy ring either way."""


def shift_trace(marked: Columns, kind: str, topic: str) -> Trace:
    """Rings around the points where a stance moved; reversals heavier, and labelled while
    few enough to read.

    Labels may stand above a lane's top, so a labelled trace is not clipped to its
    lane. Only those: one unclipped trace makes plotly clip each of the lane's traces
    by hand, checking every marker against the axes' ranges (6% of plotly's drawing in a
    CPU profile at 10,000 claims, whose lanes have too many reversals to label).
    """
    style = SHIFT_STYLES[kind]
    labelled = kind == "reversal" and len(marked["x"]) <= REVERSAL_LABEL_LIMIT
    labels = {"text": ["reversal"] * len(marked["x"]), "textposition": "top center",
              "textfont": {"size": 12, "color": style["color"]},
              "cliponaxis": False} if labelled else {}
    return trace(
        "scatter", x=marked["x"].astype("datetime64[s]"), y=marked["to_stance"],
        name=style["name"], legendgroup=kind, mode="markers+text" if labelled else "markers",
        hoverinfo="skip", **labels,
        meta={"role": kind, "topic": topic},
        marker={"symbol": style["symbol"], "size": style["size"], "color": style["color"],
                "line": {"color": style["color"], "width": style["width"]}})


def marker_positions(rows: pd.DataFrame, frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Where the markers of `rows` (some or all of `frame`) sit in the chart of `frame`:
    crowded spots spread by a step that fits MARKERS_ACROSS markers across its dates."""
    start, end = date_range(frame)
    return spread(rows, (end - start).days / MARKERS_ACROSS)


def date_range(frame: pd.DataFrame) -> list[pd.Timestamp]:
    pad = pd.Timedelta(days=45)
    return [frame["date_start"].min() - pad, frame["date_end"].max() + pad]


def stance_timeline_figure(frame: pd.DataFrame, dataset: Dataset,
                           topics: Sequence[str] | None = None,
                           by: GroupBy = "organization", webgl: bool = True,
                           rule: ShiftRule | None = None, events: bool = True) -> go.Figure:
    """Small multiples: one lane per topic on a shared date axis, y = stance on its scale.

    `topics` picks and orders the lanes (an empty lane says so); by default the
    topics present in `frame`, in dataset order. `by` groups the trajectory and
    the shifts, as in `detect_shifts`. `webgl=False` keeps every marker SVG (static
    images: vector markers, and no canvas limit). Shifts follow `rule` (default:
    `dataset_shift_rule(dataset)`). Stretches with no source in the dataset are shaded and
    labelled; the dataset's events are drawn on their lanes unless `events` is False.
    No claims at all: a figure saying so.
    """
    return go.Figure(stance_timeline_data(frame, dataset, topics, by, webgl=webgl, rule=rule,
                                          events=events))


def stance_timeline_data(frame: pd.DataFrame, dataset: Dataset,
                         topics: Sequence[str] | None = None,
                         by: GroupBy = "organization", hover: bool = True,
                         webgl: bool = True, rule: ShiftRule | None = None,
                         events: bool = True) -> dict[str, Any]:
    """`stance_timeline_figure` as plain data, for callers that only serialise it (Dash).

    `hover=False` leaves each claim's hover text out of the figure (its markers
    still report hovers): the dashboard fetches the text of the one claim
    hovered instead, as the text of every claim was most of a chart's bytes.
    Markers are WebGL past WEBGL_THRESHOLD claims when `webgl` allows it and the
    chart is at most WEBGL_MAX_SIDE tall, however many legend entries it shows.
    The layout's `meta` gives each stance axis's range for a chart that leaves out its
    event labels (a narrow screen's), which then keeps no empty band above its claims.
    """
    lanes = list(topics) if topics is not None else dataset.topics_in(frame)
    if not lanes or frame.empty:
        return empty_figure().to_plotly_json()
    brief = hover and len(frame) > FULL_HOVER_LIMIT
    context = lane_context(frame, dataset, events)
    room = lanes_room(frame, dataset, lanes, context)
    lanes_pixels = (LANE_GAP + room.stance) * len(lanes) + sum(room.bands)
    plot_height = lanes_pixels - (BRIEF_NOTE_ROOM if brief else 0)
    heights = [room.stance + band for band in room.bands]
    domains = lane_domains(heights, LANE_GAP, plot_height)
    lane_pixels = room.stance * (plot_height - LANE_GAP * (len(lanes) - 1)) / sum(heights)
    most_rows = legend_rows([*frame["speaker_name"].unique(), "trajectory",
                             *(style["name"] for style in SHIFT_STYLES.values())])
    webgl = webgl and webgl_possible(len(frame)) and chart_height(
        lanes_pixels, most_rows) <= WEBGL_MAX_SIDE
    points = trajectory_points(frame, by)
    shifts = marked_shifts(points, rule or dataset_shift_rule(dataset))
    rung = ringed(shifts)
    in_lane = frame["topic"].value_counts()
    counts = {topic: int(in_lane.get(topic, 0)) for topic in lanes}
    detail = Detail(aggregated_lanes(counts), period_for(*date_range(frame)))
    traces = legend_once(lane_traces(frame, dataset, lanes, by, points, shifts[rung], hover,
                                     webgl, bar_half_height(lane_pixels), detail, context,
                                     room))
    legend_entries = legend_rows([t.get("name", "") for t in traces if t.get("showlegend")])
    margin = {**MARGIN, "t": MARGIN["t"] + legend_overflow(legend_entries),
              "b": MARGIN["b"] + (BRIEF_NOTE_ROOM if brief else 0)}
    height = chart_height(lanes_pixels, legend_entries)
    x_range = [day.isoformat() for day in date_range(frame)]
    layout = {
        **lane_axes(dataset, lanes, domains, x_range, room),
        "annotations": [*lane_titles(dataset, lanes, domains),
                        *lane_notes(frame, lanes, shifts[~rung], dataset.agreement),
                        *[aggregated_lane_note(row, counts[topic], detail.period)
                          for row, topic in enumerate(lanes, start=1)
                          if topic in detail.aggregated],
                        *([dict(BRIEF_HOVER_ANNOTATION)] if brief else []),
                        *context_labels(lanes, context, room), *pole_labels(dataset, lanes)],
        "height": height, "template": copy.deepcopy(plotly_white()),
        "margin": margin, "hovermode": "closest",
        "legend": {"orientation": "h", "x": 0, "yanchor": "bottom",
                   "y": 1 + LANE_TITLE_ROOM / plot_height,
                   "itemclick": False, "itemdoubleclick": False},
        "font": {"family": FONT_STACK, "size": 12},
        "meta": {"ranges_without_event_labels": {
            f"yaxis{axis_suffix(row)}": [STANCE_RANGE[0], room.stance_top(row - 1, events=False)]
            for row in range(1, len(lanes) + 1)}}}
    return {"data": traces, "layout": layout}


def chart_height(lanes_pixels: float, legend_rows: int) -> int:
    """Pixels: the lanes, their margins and the legend's rows beyond what the top holds
    (a brief-hover note takes its room from the lanes)."""
    return round(lanes_pixels) + MARGIN["t"] + MARGIN["b"] + legend_overflow(legend_rows)


def lanes_room(frame: pd.DataFrame, dataset: Dataset, lanes: list[str], context: Context
               ) -> LaneRoom:
    """The room of the chart's lanes: for their poles and for the labels of `context`'s
    gaps and events (placed along the dates of `date_range`)."""
    start, end = date_range(frame)

    def position(day: dt.date) -> float:
        return (pd.Timestamp(day) - start) / (end - start)

    gaps = [(gap_label_lines(gap), position(gap.start + (gap.end - gap.start) / 2))
            for gap in context.gaps]
    lane_events = [[(e.label, position(e.date.midpoint)) for e in context.events_on(topic)[0]]
                   for topic in lanes]
    poles = [text for topic in lanes
             for text in (dataset.topic[topic].positive, dataset.topic[topic].negative)]
    return lane_room(poles, gaps, lane_events, LANE_HEIGHT - LANE_GAP,
                     LABELLED_CHART_WIDTH - MARGIN["l"] - MARGIN["r"], NARROWEST_PLOT_WIDTH)


def gap_label_lines(gap: Gap) -> list[str]:
    """'no sources', then the stretch's dates in short lines: '2024-03 –', '2025-06'."""
    words, dates = gap.label.split(", ", 1)
    return [words, *display_lines(dates, GAP_LABEL_COLUMNS)]


def legend_rows(names: Sequence[str]) -> int:
    """About how many rows a horizontal legend of `names` takes in a chart about
    LEGEND_ROW_PIXELS wide: entries are packed in order, each its text and its symbol."""
    rows, used = 0, LEGEND_ROW_PIXELS
    for name in names:
        width = LEGEND_SYMBOL_PIXELS + LEGEND_CHAR_PIXELS * len(name)
        if used + width > LEGEND_ROW_PIXELS:
            rows, used = rows + 1, 0
        used += width
    return rows


def legend_overflow(rows: int) -> int:
    """Pixels to add to the top margin for a legend of `rows` beyond the rows it holds.

    An estimate (the page's width decides the rows): a legend taller than the
    margin still shows, plotly takes the room from the lanes.
    """
    return max(0, rows - LEGEND_ROWS_IN_MARGIN) * LEGEND_ROW_HEIGHT


Domains = list[tuple[float, float]]
"""(bottom, top) of each lane, top lane first, as fractions of the plot height."""


@functools.cache
def plotly_white() -> dict[str, Any]:
    """The `plotly_white` template as data (plain-data figures cannot name it): its layout
    only, as every trace here sets its own style."""
    return {"layout": pio.templates["plotly_white"].layout.to_plotly_json()}


def lane_domains(heights: Sequence[float], gap: float, total: float) -> Domains:
    """Lanes of `heights` pixels, `gap` pixels apart, from the top of a plot `total`
    pixels high (a shorter plot, as a brief-hover note makes, shrinks them alike)."""
    domains, top = [], 1.0
    scale = (total - gap * (len(heights) - 1)) / sum(heights)
    for height in heights:
        bottom = top - height * scale / total
        domains.append((bottom, top))
        top = bottom - gap / total
    return domains


def axis_suffix(row: int) -> str:
    """Plotly names the first lane's axes `x`/`y`, the others `x2`/`y2`, …"""
    return str(row) if row > 1 else ""


def lane_axes(dataset: Dataset, lanes: list[str], domains: Domains, x_range: list[str],
              room: LaneRoom) -> dict[str, Any]:
    """A stacked date axis and stance axis per lane, the latter up to the top of the
    lane's band in `room` (its labels above the claims); every date axis pans with the
    first."""
    axes: dict[str, Any] = {}
    for row, (topic, (bottom, top)) in enumerate(zip(lanes, domains, strict=True), start=1):
        suffix = axis_suffix(row)
        axes[f"xaxis{suffix}"] = {
            "anchor": f"y{suffix}", "domain": [0.0, 1.0], "type": "date", "range": x_range,
            "showticklabels": True, "showgrid": True, "gridcolor": "#eeeeee", **KEEP_TICK_LABELS,
            **({"matches": "x"} if row > 1 else {})}
        axes[f"yaxis{suffix}"] = {"anchor": f"x{suffix}", "domain": [max(bottom, 0.0), top],
                                  **stance_axis(dataset.topic[topic]),
                                  "range": [STANCE_RANGE[0], room.stance_top(row - 1)]}
    return axes


def lane_titles(dataset: Dataset, lanes: list[str], domains: Domains
                ) -> list[dict[str, Any]]:
    """Each lane's topic, centred above it."""
    return [{"text": lane_title(dataset, topic), "x": 0.5, "xanchor": "center", "xref": "paper",
             "y": top, "yanchor": "bottom", "yref": "paper", "showarrow": False,
             "font": {"size": 16}}
            for topic, (_, top) in zip(lanes, domains, strict=True)]


def trajectory_points(frame: pd.DataFrame, by: GroupBy) -> pd.DataFrame:
    """Each group's stance points per topic (as `stance_points`), placed on the date axis."""
    points = stance_points(frame, by, ids=False)
    points["x"] = midpoints(points)
    return points


class Detail(NamedTuple):
    """Which lanes draw their claims aggregated, and per which period (see timeline.lod)."""

    aggregated: set[str]
    period: str


def aggregated_lane_note(row: int, count: int, period: str) -> dict[str, Any]:
    """Says, at the top left of an aggregated lane, that its marks are not claims."""
    return {"text": aggregate_note(count, period), "xref": "paper", "x": 0, "xanchor": "left",
            "yref": f"y{axis_suffix(row)} domain", "y": 1, "yanchor": "bottom",
            "showarrow": False, "font": {"size": 12, "color": "#3d4b59"}}


class Context(NamedTuple):
    """What a chart shows behind its claims: the stretches with no source in its dates,
    and the events in them (each with its hover text)."""

    gaps: list[Gap]
    events: list[Event]
    event_hover: list[str]

    def events_on(self, topic: str) -> tuple[list[Event], list[str]]:
        """The events that concern the lane of `topic`, and their hovers."""
        pairs = [(e, h) for e, h in zip(self.events, self.event_hover, strict=True)
                 if not e.topics or topic in e.topics]
        return [e for e, _ in pairs], [h for _, h in pairs]


def lane_context(frame: pd.DataFrame, dataset: Dataset, events: bool) -> Context:
    """The gaps of `dataset` and (when `events`) its events, as far as the chart's dates
    reach (see `date_range`): a gap is cut to them."""
    start, end = (day.date() for day in date_range(frame))
    gaps = [Gap(max(gap.start, start), min(gap.end, end)) for gap in dataset.gaps
            if gap.end >= start and gap.start <= end]
    shown = [e for e in events_for(dataset, set(frame["topic"])) if start <= e.date.midpoint <= end
             ] if events else []
    return Context(gaps, shown, event_hover(dataset, shown))


def context_labels(lanes: list[str], context: Context, room: LaneRoom) -> list[dict[str, Any]]:
    """Each lane's labels of its gaps and events (where `room` placed them)."""
    return [label for row, topic in enumerate(lanes, start=1)
            for label in [*no_source_labels(context.gaps, room.gaps[row - 1], axis_suffix(row)),
                          *event_labels(context.events_on(topic)[0], room.events[row - 1],
                                        axis_suffix(row))]]


def lane_traces(frame: pd.DataFrame, dataset: Dataset, lanes: list[str], by: GroupBy,
                points: pd.DataFrame, rings: pd.DataFrame, hover: bool, webgl: bool,
                bar_half: float, detail: Detail, context: Context, room: LaneRoom
                ) -> list[Trace]:
    """Every lane's traces, on its lane's axes, markers and bars in WebGL if `webgl`:
    trajectories through `trajectory_points` (one colour per speaker when `by` is
    "speaker"), rings at the `marked_shifts` in `rings`;
    `bar_half` is an outlined period bar's half-height in stance units; the lanes `detail`
    aggregates show their claims aggregated, not as markers and bars; `context`'s gaps
    are shaded behind everything, its events drawn on their lanes, up to the top of their
    lanes' bands in `room`.

    Positions, like the points and shifts given, are computed once for all lanes and
    split by topic as numpy arrays: per-lane pandas work was most of the chart's cost.
    """
    styles = speaker_styles(dataset)
    x, y = marker_positions(frame, frame)
    colour, symbol = ({speaker: style[i] for speaker, style in styles.items()} for i in (0, 1))
    placed = frame[CHART_COLUMNS].assign(x=x, y=y, colour=frame["speaker"].map(colour),
                                         symbol=frame["speaker"].map(symbol),
                                         unsure=unsure_claims(frame))
    if hover:
        texts = with_chart_text(frame)
        placed[HOVER] = texts[BRIEF_HOVER if len(frame) > FULL_HOVER_LIMIT else HOVER]
    spans = period_spans(placed)
    points = points.assign(colour=points["group"].map(colour) if by == "speaker"
                           else TRAJECTORY_COLOUR)
    claim_rows, span_rows = rows_by(placed, ["topic"]), rows_by(spans, ["topic"])
    claim_columns, span_columns = columns_of(placed), columns_of(spans)
    point_columns, ring_columns = columns_of(points), columns_of(rings)
    paths, ring_rows = rows_by(points, ["topic", "colour"]), rows_by(rings, ["topic", "kind"])
    names = group_names(dataset, by)
    traces = speaker_keys(frame, dataset) + unsure_key(frame)
    for row, topic in enumerate(lanes, start=1):
        if topic not in claim_rows:
            continue
        axes = {"xaxis": f"x{axis_suffix(row)}", "yaxis": f"y{axis_suffix(row)}"}
        height = (STANCE_RANGE[0], room.stance_top(row - 1))
        lane = [no_source_trace(context.gaps, height, topic)] if context.gaps else []
        for (path_topic, line), rows in paths.items():
            if path_topic == topic:
                path = pick(point_columns, rows)
                lane += trajectory_traces(path, line, context.gaps)
                lane += point_traces(path, line, names, topic)
        if topic in detail.aggregated:
            lane += aggregate_traces(pick(claim_columns, claim_rows[topic]), topic,
                                     detail.period)
        else:
            if topic in span_rows:
                lane.append(period_trace(pick(span_columns, span_rows[topic]), webgl, bar_half))
            lane.append(claim_trace(pick(claim_columns, claim_rows[topic]), topic, webgl))
        lane += [shift_trace(pick(ring_columns, ring_rows[topic, kind]), kind, topic)
                 for kind in SHIFT_STYLES if (topic, kind) in ring_rows]
        on_lane, event_hovers = context.events_on(topic)
        lane += event_traces(on_lane, height, topic, event_hovers) if on_lane else []
        traces += [{**added, **axes} for added in lane]
    return traces


def group_names(dataset: Dataset, by: GroupBy) -> dict[str, str]:
    """What a point's group is called in its hover: a speaker's name, or the organization."""
    return {s.id: s.name for s in dataset.speakers} if by == "speaker" else {}


def legend_once(traces: list[Trace]) -> list[Trace]:
    """One legend entry per speaker and mark, from whichever lane shows it first."""
    seen: set[str] = set()
    for shown in traces:
        if shown["meta"]["role"] not in ("period", "claims") and shown.get(
                "showlegend") is not False:  # a trace may keep out of the legend itself
            shown["showlegend"] = shown["legendgroup"] not in seen
            seen.add(shown["legendgroup"])
    return traces


def stance_axis(topic: Topic) -> dict[str, object]:
    """The stance axis of a lane: the levels, whose poles `pole_labels` name in words."""
    ticks = ["−2", "−1", "0", "+1", "+2"]
    return {"range": list(STANCE_RANGE), "tickvals": list(STANCE_TICKS), "ticktext": ticks,
            "zeroline": True, "zerolinecolor": "#bbbbbb", "fixedrange": True,
            "tickfont": {"size": 12}, **KEEP_TICK_LABELS}


def pole_labels(dataset: Dataset, lanes: list[str]) -> list[dict[str, Any]]:
    """Each lane's poles in words left of its ±2 ticks, whole, wrapped, never cut: the
    positive pole's first line beside +2 and the lines going down toward 0, the
    negative's last line beside −2 and the lines going up (the lane is tall enough for
    both, see `lane_room.pole_room`)."""
    return [{"text": pole_label(text), "name": "pole", "xref": "paper", "x": 0,
             "xanchor": "right", "xshift": -POLE_SHIFT, "yref": f"y{axis_suffix(row)}",
             "y": level, "yanchor": anchor, "yshift": shift, "align": "right",
             "showarrow": False, "font": {"size": 12, "color": "#444444"}}
            for row, topic in enumerate(lanes, start=1)
            for text, level, anchor, shift in (
                (dataset.topic[topic].positive, 2, "top", LINE_PIXELS / 2),
                (dataset.topic[topic].negative, -2, "bottom", -LINE_PIXELS / 2))]


def lane_notes(frame: pd.DataFrame, lanes: list[str], unringed: pd.DataFrame,
               agreement: Mapping[str, object]) -> list[dict[str, object]]:
    """The evidence note beside each lane, as annotations, counting the `marked_shifts` it
    leaves unringed and giving its topic's coder agreement."""
    rows, dates = rows_by(frame, ["topic"]), frame["date"].to_numpy()
    left_out = unringed.groupby(["topic", "kind"]).size().to_dict()
    return [{"text": lane_note(dates[rows.get(topic, [])],
                               {kind: left_out.get((topic, kind), 0) for kind in SHIFT_STYLES},
                               str(agreement.get(topic, ""))),
             "xref": "paper", "x": 1.01, "xanchor": "left",
             "yref": f"y{axis_suffix(row)} domain", "y": 0.5, "showarrow": False,
             "align": "left", "font": {"size": 12}}
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
    lane, suffix = frame[frame["topic"] == topic], axis_suffix(lanes.index(topic) + 1)
    x, y = marker_positions(lane, frame)
    return {"type": "circle", "xref": f"x{suffix}", "yref": f"y{suffix}", "xsizemode": "pixel",
            "ysizemode": "pixel", "xanchor": x[found[0]], "yanchor": y[found[0]], "x0": -12,
            "x1": 12, "y0": -12, "y1": 12, "line": {"color": "#E69F00", "width": 3}}
