"""Plotly figures: the stance timeline (small multiples) and the overview heatmap.

One builder serves the dashboard, `timeline chart` and the report, so this
module imports plotly only, never dash. Plotly renders a subset of HTML
(`<b>`, `<a href>`) in hovers, titles and annotations, so every text that comes
from the data passes through `plain()` first: a quote shows as typed.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from timeline.analysis import GroupBy, detect_shifts, stance_points
from timeline.dataset import Dataset

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
LANE_HEIGHT, CHROME_HEIGHT = 190, 130
STANCE_TICKS = (-2, -1, 0, 1, 2)
EMPTY_MESSAGE = "No claims match these filters"


def plain(text: object) -> str:
    """Text as plotly must receive it to show it literally (it reads `<b>` as markup)."""
    return html.escape(str(text), quote=False)


def wrapped(text: str, width: int, max_lines: int | None = None) -> str:
    """Escaped text broken into `<br>`-joined lines (Chinese has no spaces: long runs break)."""
    lines = textwrap.wrap(str(text), width) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "<br>".join(plain(line) for line in lines)


def pole_label(text: str) -> str:
    """A stance pole short enough for an axis: its first clause, two short lines at most."""
    clause = text.replace(";", ".").split(".")[0].split(" — ")[0].strip()
    return wrapped(clause or text, 18, max_lines=2)


def default_topics(dataset: Dataset) -> list[str]:
    """The headline topics the dataset has, or every topic when it has none of them."""
    headline = [t for t in HEADLINE_TOPICS if t in dataset.topic]
    return headline or [t.id for t in dataset.topics]


def speaker_styles(dataset: Dataset) -> dict[str, tuple[str, str]]:
    """Colour and symbol per speaker, by dataset order so filtering never repaints anyone."""
    return {s.id: (OKABE_ITO[i % len(OKABE_ITO)], SYMBOLS[i % len(SYMBOLS)])
            for i, s in enumerate(dataset.speakers)}


def period_label(date: str, precision: str) -> str:
    return f"{date} ({precision})" if precision == "day" else f"{date} (whole {precision})"


def spread(frame: pd.DataFrame) -> pd.Series:
    """Small vertical offsets so claims with the same date and stance do not hide each other."""
    rank = frame.groupby(["date", "stance"]).cumcount()
    sign = rank.mod(2).map({0: -1.0, 1: 1.0})
    return frame["stance"] + sign * ((rank + 1) // 2) * 0.14


def claim_hover_data(frame: pd.DataFrame) -> list[list[str]]:
    """customdata per marker: the claim id first (clicks resolve through it), then hover text."""
    return [[row.id, period_label(row.date, row.date_precision), plain(row.speaker_name),
             f"{row.stance:+d}" if row.stance else "0", wrapped(row.summary, 60),
             wrapped(row.quote, 40, max_lines=2)]
            for row in frame.itertuples()]


CLAIM_HOVER = ("%{customdata[1]}<br><b>%{customdata[2]}</b> · stance %{customdata[3]}"
               "<br>%{customdata[4]}<br><i>%{customdata[5]}</i><extra></extra>")


def claim_traces(lane: pd.DataFrame, dataset: Dataset, row: int, webgl: bool) -> list[go.Scatter]:
    """One marker trace per speaker; a horizontal bar spans a month- or year-precise date."""
    scatter = go.Scattergl if webgl else go.Scatter
    styles, traces = speaker_styles(dataset), []
    lane = lane.assign(y=spread(lane))
    for speaker, claims in lane.groupby("speaker", sort=False):
        colour, symbol = styles[str(speaker)]
        after = (claims["date_end"] + pd.Timedelta(days=1) - claims["date_mid"]).dt.days
        before = (claims["date_mid"] - claims["date_start"]).dt.days
        traces.append(scatter(
            x=claims["date_mid"], y=claims["y"], mode="markers", name=plain(
                dataset.speaker[str(speaker)].name), legendgroup=str(speaker),
            showlegend=row == 1, meta={"role": "claims", "topic": lane["topic"].iloc[0]},
            marker={"color": colour, "symbol": symbol, "size": 10,
                    "line": {"color": "white", "width": 1}},
            error_x={"type": "data", "symmetric": False, "array": after * 86_400_000,
                     "arrayminus": before * 86_400_000, "color": colour, "thickness": 2,
                     "width": 3},
            customdata=claim_hover_data(claims), hovertemplate=CLAIM_HOVER))
    return traces


def trajectory_traces(lane: pd.DataFrame, by: GroupBy, dataset: Dataset,
                      row: int) -> list[go.Scatter]:
    """The group's path through its points (same-date claims averaged, as shifts are)."""
    styles, traces = speaker_styles(dataset), []
    for group, points in stance_points(lane, by).groupby("group", sort=False):
        colour = styles[str(group)][0] if by == "speaker" else "#555555"
        traces.append(go.Scatter(
            x=points["start"] + (points["end"] - points["start"]) / 2, y=points["stance"],
            mode="lines", line={"color": colour, "width": 1.5, "dash": "dot"},
            name="trajectory", legendgroup="trajectory", showlegend=row == 1 and not traces,
            hoverinfo="skip", meta={"role": "trajectory", "group": str(group)}))
    return traces


SHIFT_STYLES = {
    "shift": {"symbol": "circle-open", "size": 22, "color": "#777777", "width": 1.5,
              "name": "shift (stance moved)"},
    "reversal": {"symbol": "circle-open", "size": 26, "color": "#000000", "width": 3.5,
                 "name": "reversal (crossed zero)"},
}


def shift_traces(lane: pd.DataFrame, by: GroupBy, row: int) -> list[go.Scatter]:
    """Rings around the point where a stance moved; reversals heavier and labelled."""
    points = stance_points(lane, by)
    points["x"] = points["start"] + (points["end"] - points["start"]) / 2
    shifts = detect_shifts(lane, by).merge(
        points, left_on=["group", "topic", "to_date"], right_on=["group", "topic", "date"])
    traces = []
    for kind, style in SHIFT_STYLES.items():
        marked = shifts[shifts["kind"] == kind]
        if marked.empty:
            continue
        traces.append(go.Scatter(
            x=marked["x"], y=marked["to_stance"], name=style["name"], legendgroup=kind,
            mode="markers+text" if kind == "reversal" else "markers",
            text=["reversal"] * len(marked), textposition="top center",
            textfont={"size": 10, "color": style["color"]}, hoverinfo="skip",
            showlegend=row == 1, meta={"role": kind, "topic": lane["topic"].iloc[0]},
            marker={"symbol": style["symbol"], "size": style["size"],
                    "line": {"color": style["color"], "width": style["width"]}}))
    return traces


def lane_note(lane: pd.DataFrame) -> str:
    """Evidence beside a lane, so one statement never looks like a trend."""
    count = len(lane)
    if not count:
        return "no claims<br>in this view"
    first, last = lane["date"].iloc[0], lane["date"].iloc[-1]
    span = first if first == last else f"{first} →<br>{last}"
    return f"<b>{count} claim{'s' * (count != 1)}</b><br>{span}"


def date_range(frame: pd.DataFrame, dataset: Dataset) -> list[pd.Timestamp]:
    dates = frame if len(frame) else dataset.frame()
    pad = pd.Timedelta(days=45)
    return [dates["date_start"].min() - pad, dates["date_end"].max() + pad]


def stance_timeline_figure(frame: pd.DataFrame, dataset: Dataset,
                           topics: Sequence[str] | None = None,
                           by: GroupBy = "organization") -> go.Figure:
    """Small multiples: one lane per topic on a shared date axis, y = stance on its scale.

    `topics` picks and orders the lanes (an empty lane says so); by default the
    topics present in `frame`, in dataset order. `by` groups the trajectory and
    the shifts, as in `detect_shifts`.
    """
    lanes = list(topics) if topics is not None else [
        t.id for t in dataset.topics if t.id in set(frame["topic"])]
    if not lanes:
        return empty_figure()
    fig = make_subplots(rows=len(lanes), cols=1, shared_xaxes=True, vertical_spacing=0.5 / (
        len(lanes) * 4), subplot_titles=[lane_title(dataset, t) for t in lanes])
    webgl = len(frame) > WEBGL_THRESHOLD
    for row, topic in enumerate(lanes, start=1):
        lane = frame[frame["topic"] == topic]
        if len(lane):
            traces = (trajectory_traces(lane, by, dataset, row) + claim_traces(
                lane, dataset, row, webgl) + shift_traces(lane, by, row))
            fig.add_traces(traces, rows=row, cols=1)
        style_lane(fig, dataset, topic, row, lane_note(lane))
    fig.update_xaxes(type="date", range=date_range(frame, dataset), showticklabels=True,
                     showgrid=True, gridcolor="#eeeeee")
    fig.update_layout(
        height=CHROME_HEIGHT + LANE_HEIGHT * len(lanes), template="plotly_white",
        margin={"l": 140, "r": 110, "t": 90, "b": 40}, hovermode="closest",
        legend={"orientation": "h", "yref": "container", "y": 1, "yanchor": "top", "x": 0,
                "itemclick": False, "itemdoubleclick": False},
        font={"family": "system-ui, sans-serif", "size": 12})
    return fig


def lane_title(dataset: Dataset, topic: str) -> str:
    record = dataset.topic[topic]
    return f"<b>{plain(record.label)}</b>  {plain(record.label_zh)}"


def style_lane(fig: go.Figure, dataset: Dataset, topic: str, row: int, note: str) -> None:
    """The stance axis with the topic's poles in words, and the evidence note beside it."""
    record = dataset.topic[topic]
    ticks = [f"{pole_label(record.negative)} −2", "−1", "0", "+1",
             f"{pole_label(record.positive)} +2"]
    fig.update_yaxes(range=[-2.7, 2.7], tickvals=list(STANCE_TICKS), ticktext=ticks,
                     zeroline=True, zerolinecolor="#bbbbbb", fixedrange=True,
                     tickfont={"size": 10}, row=row, col=1)
    axis = fig.get_subplot(row, 1).yaxis.plotly_name.replace("axis", "")
    fig.add_annotation(text=note, xref="paper", x=1.01, xanchor="left", yref=f"{axis} domain",
                       y=0.5, showarrow=False, align="left", font={"size": 11})


def empty_figure(message: str = EMPTY_MESSAGE) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=plain(message), showarrow=False, font={"size": 16})
    fig.update_layout(template="plotly_white", height=240, xaxis_visible=False,
                      yaxis_visible=False)
    return fig


def half_year(dates: pd.Series) -> pd.Series:
    """`2025 H2` for a timestamp; the heatmap's columns."""
    return dates.dt.year.astype(str) + " H" + ((dates.dt.month > 6) + 1).astype(str)


def all_half_years(frame: pd.DataFrame) -> list[str]:
    """Every half-year between the first and the last claim, so gaps show as gaps."""
    periods = pd.period_range(frame["date_mid"].min(), frame["date_mid"].max(), freq="M")
    return list(dict.fromkeys(half_year(pd.Series(periods.to_timestamp()))))


def stance_heatmap_figure(frame: pd.DataFrame, dataset: Dataset) -> go.Figure:
    """Topics × half-years: mean stance as colour, the number of claims written in the cell."""
    if frame.empty:
        return empty_figure()
    cells = frame.assign(half=half_year(frame["date_mid"])).groupby(["topic", "half"])[
        "stance"].agg(["mean", "size"])
    topics = [t.id for t in dataset.topics if t.id in set(frame["topic"])]
    halves = all_half_years(frame)
    means = cells["mean"].unstack().reindex(index=topics, columns=halves)
    counts = cells["size"].unstack().reindex(index=topics, columns=halves)
    text = counts.map(lambda n: "" if pd.isna(n) else str(int(n)))
    fig = go.Figure(go.Heatmap(
        z=means.round(2).values, x=halves, y=[plain(dataset.topic[t].label) for t in topics],
        text=text.values, texttemplate="%{text}", colorscale="PuOr", zmin=-2, zmax=2, zmid=0,
        xgap=2, ygap=2, hoverongaps=False, customdata=[[t] * len(halves) for t in topics],
        hovertemplate="%{y}, %{x}<br>mean stance %{z:+.1f} over %{text} claim(s)<extra></extra>",
        colorbar={"title": {"text": "mean stance"}, "tickvals": list(STANCE_TICKS)}))
    fig.update_layout(template="plotly_white", height=120 + 34 * len(topics),
                      margin={"l": 10, "r": 10, "t": 30, "b": 40},
                      yaxis={"autorange": "reversed", "fixedrange": True},
                      xaxis={"fixedrange": True, "side": "top", "type": "category"},
                      font={"family": "system-ui, sans-serif", "size": 12})
    return fig
