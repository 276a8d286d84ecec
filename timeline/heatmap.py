"""The overview heatmap: topics × half-years, mean stance, claims counted in each cell.

Plotly only, like `timeline.figures`; shared by the dashboard and the report.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import get_colorscale

from timeline.chart_text import plain
from timeline.dataset import Dataset
from timeline.figures import STANCE_TICKS, empty_figure, plotly_white, trace
from timeline.fonts import FONT_STACK


def half_year(dates: pd.Series) -> pd.Series:
    """`2025 H2` for a timestamp; the heatmap's columns."""
    return dates.dt.year.astype(str) + " H" + ((dates.dt.month > 6) + 1).astype(str)


def all_half_years(frame: pd.DataFrame) -> list[str]:
    """Every half-year between the first and the last claim, so gaps show as gaps."""
    periods = pd.period_range(frame["date_mid"].min(), frame["date_mid"].max(), freq="M")
    return list(dict.fromkeys(half_year(pd.Series(periods.to_timestamp()))))


def stance_heatmap_figure(frame: pd.DataFrame, dataset: Dataset) -> go.Figure:
    """Topics × half-years: mean stance as colour, the number of claims written in the cell."""
    return go.Figure(stance_heatmap_data(frame, dataset))


def stance_heatmap_data(frame: pd.DataFrame, dataset: Dataset) -> dict[str, Any]:
    """`stance_heatmap_figure` as plain data, for callers that only serialise it (Dash)."""
    if frame.empty:
        return empty_figure().to_plotly_json()
    cells = frame["stance"].groupby([frame["topic"], half_year(frame["date_mid"])]).agg(
        ["mean", "size"])
    topics = dataset.topics_in(frame)
    halves = all_half_years(frame)
    means = cells["mean"].unstack().reindex(index=topics, columns=halves)
    counts = cells["size"].unstack().reindex(index=topics, columns=halves)
    text = counts.map(lambda n: "" if pd.isna(n) else str(int(n)))
    heatmap = trace(
        "heatmap", z=means.round(2).to_numpy(), x=halves,
        y=[plain(dataset.topic[t].label) for t in topics], text=text.to_numpy(dtype=str),
        texttemplate="%{text}", colorscale=get_colorscale("PuOr"), zmin=-2, zmax=2, zmid=0,
        xgap=2, ygap=2, hoverongaps=False, customdata=[[t] * len(halves) for t in topics],
        hovertemplate="%{y}, %{x}<br>mean stance %{z:+.1f} over %{text} claim(s)<extra></extra>",
        colorbar={"title": {"text": "mean stance"}, "tickvals": list(STANCE_TICKS)})
    return {"data": [heatmap], "layout": {
        "template": copy.deepcopy(plotly_white()), "height": 120 + 34 * len(topics),
        "margin": {"l": 10, "r": 10, "t": 30, "b": 40},
        "yaxis": {"autorange": "reversed", "fixedrange": True},
        "xaxis": {"fixedrange": True, "side": "top", "type": "category"},
        "font": {"family": FONT_STACK, "size": 12}}}
