"""Level of detail: which lanes are aggregated, per which period, and what the marks say."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

import timeline
from timeline.figures import stance_timeline_data
from timeline.lod import LANE_MARKER_LIMIT, aggregate, aggregated_lanes, period_for


def test_lanes_over_the_limit_then_the_densest_while_the_chart_is_over_its_own():
    assert aggregated_lanes({"a": 600, "b": 100}, lane_limit=500, chart_limit=3000) == {"a"}
    counts = {"a": 400, "b": 450, "c": 300, "d": 50}
    assert aggregated_lanes(counts, lane_limit=500, chart_limit=800) == {"b"}
    assert aggregated_lanes(counts, lane_limit=500, chart_limit=500) == {"b", "a"}
    assert aggregated_lanes(counts, lane_limit=500, chart_limit=2000) == set()


@pytest.mark.parametrize("days, period", [(300, "week"), (1000, "month"), (3000, "quarter"),
                                          (20_000, "year")])
def test_the_finest_period_that_keeps_the_marks_apart(days, period):
    start = pd.Timestamp("2020-01-01")
    assert period_for(start, start + pd.Timedelta(days=days)) == period


def test_aggregate_counts_means_spreads_and_codes_per_period():
    claims = pd.DataFrame({"date_mid": pd.to_datetime(["2024-01-03", "2024-02-20", "2024-03-31",
                                                       "2024-04-01", "2025-07-15"]),
                           "stance": [2, -1, 1, 0, -2]})
    table = aggregate(claims["date_mid"].to_numpy(), claims["stance"].to_numpy(), "quarter")
    assert table["start"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-04-01",
                                                              "2025-07-01"]
    assert table["count"].tolist() == [3, 1, 1]
    assert table["mean"].tolist() == pytest.approx([2 / 3, 0, -2])
    assert table["spread"].tolist() == pytest.approx([np.std([2, -1, 1], ddof=1), 0, 0])
    assert table[[-2, -1, 0, 1, 2]].to_numpy().tolist() == [[0, 1, 0, 1, 1], [0, 0, 1, 0, 0],
                                                            [1, 0, 0, 0, 0]]
    weeks = aggregate(claims["date_mid"].to_numpy()[:2], claims["stance"].to_numpy()[:2],
                      "week")["start"].dt.day_name().unique()
    assert weeks.tolist() == ["Monday"]


@pytest.fixture(scope="module")
def dense(tmp_path_factory) -> timeline.Dataset:
    """One lane of more claims than a lane shows as markers."""
    path = tmp_path_factory.mktemp("dense") / "claims.yaml"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_claims.py"),
                    str(LANE_MARKER_LIMIT + 100), "--topics", "2", "-o", str(path)], check=True)
    return timeline.load(path)


def roles(chart: dict, topic: str) -> set[str]:
    return {t["meta"]["role"] for t in chart["data"] if t["meta"].get("topic") == topic}


def test_a_dense_lane_draws_periods_and_says_so_a_narrower_view_draws_claims(dense):
    frame, (first, second) = dense.frame(), [t.id for t in dense.topics]
    chart = stance_timeline_data(frame, dense, [first, second], webgl=False)
    assert max(frame["topic"].value_counts()) <= LANE_MARKER_LIMIT  # each lane: all markers
    assert {"claims"} <= roles(chart, first) and "aggregate" not in roles(chart, first)
    one_lane = frame.assign(topic=first)
    chart = stance_timeline_data(one_lane, dense, [first], webgl=False)
    assert "aggregate" in roles(chart, first) and "claims" not in roles(chart, first)
    squares = next(t for t in chart["data"] if t["meta"]["role"] == "aggregate")
    assert sum(int(text.split(": ")[1].split(" ")[0]) for text in squares["hovertext"]) == len(
        frame)
    notes = [a["text"] for a in chart["layout"]["annotations"] if "aggregated" in a["text"]]
    assert notes == [f"aggregated: {len(frame):,} claims, one square per quarter — narrow the "
                     "view to see each"]
    assert any(t.get("showlegend") and t["meta"]["role"] == "aggregate" for t in chart["data"])
