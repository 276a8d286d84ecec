"""Level of detail: a lane too dense for one marker per claim is drawn aggregated per period.

A lane of thousands of claims is a smear of overlapping markers, and the
browser pays for each one (plotly drew the 10,000 SVG markers of a 10k chart
in about 1.5 s here). Such a lane shows, per period, the mean stance of its
claims (a marker sized by their count) and their spread (a bar of ±1 standard
deviation); its note says so. Narrowing the view (filters, or zooming in on
the dates) brings the claims back as markers once few enough are in view.
`timeline.figures` asks `aggregated_lanes` which lanes to draw so and draws
them with `aggregate_traces`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

LANE_MARKER_LIMIT = 500
"""A lane with more claims than this is aggregated: about half the places it has for a 10 px
marker without overlap (some 100 across a laptop-wide lane, times five stances, times two
rows each), as claims crowd into busy months rather than spread evenly."""
CHART_MARKER_LIMIT = 3_000
"""A chart draws at most about this many markers: past it the densest lanes are aggregated
too, so that a view of many lanes each under LANE_MARKER_LIMIT still draws in well under a
second here (SVG markers cost the browser about 0.15 ms each)."""
PERIODS = (("week", 7), ("month", 30.4), ("quarter", 91.3), ("year", 365.25))
"""Each period a lane may be aggregated by, with its length in days."""
STANCES = np.arange(-2, 3)
MOST_PERIODS = 60
"""The finest period is the one that cuts the dates in view into at most this many: wide
enough apart (some 18 px) for sized markers."""
AGGREGATE_COLOUR = "#3d4b59"


def aggregated_lanes(counts: Mapping[str, int], lane_limit: int = LANE_MARKER_LIMIT,
                     chart_limit: int = CHART_MARKER_LIMIT) -> set[str]:
    """The lanes (topic to claims in view) to draw aggregated: those over `lane_limit`, then
    the densest others while the chart would still draw more than `chart_limit` markers."""
    dense = {topic for topic, count in counts.items() if count > lane_limit}
    drawn = sorted((count, topic) for topic, count in counts.items() if topic not in dense)
    markers = sum(count for count, _ in drawn)
    while markers > chart_limit:
        count, topic = drawn.pop()
        dense.add(topic)
        markers -= count
    return dense


def period_for(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """The finest period that cuts `start`..`end` into at most MOST_PERIODS."""
    days = max((end - start).days, 1)
    return next((name for name, length in PERIODS if days / length <= MOST_PERIODS),
                PERIODS[-1][0])


def period_bounds(days: np.ndarray, period: str) -> tuple[np.ndarray, np.ndarray]:
    """The first day of the period each of `days` (datetime64) falls in, and of the next."""
    if period == "week":  # weeks from Monday (1970-01-01 was a Thursday)
        first = ((days.astype("datetime64[D]").astype(np.int64) + 3) // 7 * 7 - 3)
        return first.astype("datetime64[D]"), (first + 7).astype("datetime64[D]")
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    index = days.astype("datetime64[M]").astype(np.int64) // months * months
    return (index.astype("datetime64[M]").astype("datetime64[D]"),
            (index + months).astype("datetime64[M]").astype("datetime64[D]"))


def aggregate(middays: np.ndarray, stances: np.ndarray, period: str) -> pd.DataFrame:
    """Per period, of claims said on `middays` (each claim's date midpoint: a month- or
    year-dated claim counts in the period its middle falls in) with `stances`: the
    period's first day, middle, count, mean stance, standard deviation (0 for one claim)
    and count of each stance (columns -2 to 2)."""
    first, after = period_bounds(middays, period)
    starts, where = np.unique(first, return_inverse=True)
    stance = stances.astype(float)
    count = np.bincount(where)
    mean = np.bincount(where, stance) / count
    squares = np.bincount(where, (stance - mean[where]) ** 2)
    spread = np.sqrt(squares / np.maximum(count - 1, 1))
    codes = np.bincount(where * len(STANCES) + (stance.astype(int) - STANCES[0]),
                        minlength=len(starts) * len(STANCES)).reshape(-1, len(STANCES))
    ends = np.unique(after)  # in step with `starts`: each period's next one
    return pd.DataFrame({"start": starts, "x": starts + (ends - starts) / 2, "count": count,
                         "mean": mean, "spread": spread,
                         **{int(code): codes[:, i] for i, code in enumerate(STANCES)}})


def hover_text(table: pd.DataFrame, period: str) -> list[str]:
    """Each period's figures in words, for its marker's hover label."""
    codes = table[list(STANCES)].to_numpy()
    return [f"{period} from {start}: {count} claims<br>mean stance {mean:+.2f}, spread "
            f"±{spread:.2f}<br>" + " · ".join(f"{code:+d}: {n}" for code, n in zip(
                STANCES, row, strict=True))
            for start, count, mean, spread, row in zip(
                np.datetime_as_string(table["start"].to_numpy(), unit="D"), table["count"],
                table["mean"], table["spread"], codes, strict=True)]


def aggregate_traces(lane: Mapping[str, np.ndarray], topic: str, period: str
                     ) -> list[dict[str, Any]]:
    """A lane's claims (`date_mid` and `stance` of each) as two traces: a marker at each
    period's mean stance whose area grows with its count, and the ±1 sd bars."""
    table = aggregate(lane["date_mid"], lane["stance"], period)
    x = table["x"].to_numpy().astype("datetime64[s]")
    low, high = table["mean"] - table["spread"], table["mean"] + table["spread"]
    bars = np.repeat(x, 3)  # a missing y after each bar breaks the line there
    size = 8 + 16 * np.sqrt(table["count"].to_numpy() / table["count"].max())
    meta = {"role": "aggregate", "topic": topic, "period": period}
    return [
        {"type": "scatter", "x": x, "y": table["mean"].to_numpy(), "mode": "markers",
         "name": "mean stance per period (area: claims; bar: ±1 sd)",
         "legendgroup": "aggregate", "meta": meta, "hoverinfo": "text",
         "hovertext": hover_text(table, period),
         "marker": {"color": AGGREGATE_COLOUR, "symbol": "square", "size": size,
                    "line": {"color": "white", "width": 1}}},
        {"type": "scatter", "x": bars, "mode": "lines", "hoverinfo": "skip",
         "y": np.stack([low, high, np.full(len(x), np.nan)], axis=1).ravel(),
         "line": {"color": AGGREGATE_COLOUR, "width": 2}, "opacity": 0.5,
         "legendgroup": "aggregate", "meta": {**meta, "role": "aggregate-spread"}},
    ]


def aggregate_note(count: int, period: str) -> str:
    """What an aggregated lane says it shows (beside its title)."""
    return f"aggregated: {count:,} claims, one square per {period} — narrow the view to see each"
