"""Shift detection and the "then vs. now" summary.

Claims are reduced to points first: all claims by one group on one topic with
the same date form one point (their mean stance), so that two remarks in one
interview never look like a flip-flop with itself.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from timeline.dataset import LIST_SEPARATOR

GroupBy = Literal["organization", "speaker"]
SHIFT_COLUMNS = ["group", "topic", "from_id", "to_id", "from_date", "to_date",
                 "from_stance", "to_stance", "delta", "kind"]
SUMMARY_COLUMNS = ["group", "topic", "first_date", "first_stance", "first_id",
                   "latest_date", "latest_stance", "latest_id", "net_change", "kind",
                   "claims", "points", "span_start", "span_end"]


def stance_points(frame: pd.DataFrame, by: GroupBy = "organization", ids: bool = True
                  ) -> pd.DataFrame:
    """One row per (group, topic, date): mean stance and the ids behind it, in date order.

    The ids keep the frame's order, which for `Dataset.frame()` and anything
    filtered from it is by id within a date. They are joined by summing "id;"
    strings, which pandas does in one vectorised pass (`str.join` per group
    was most of this at 10,000 claims). Still, that join is most of this
    function (130 of 155 ms at 100,000 claims): `ids=False` leaves the `ids`
    column out, for callers that only draw the points.
    """
    columns = [by, "topic", "date", "stance", "id", "date_start", "date_end"]
    joined = {"ids": ("ids", "sum")} if ids else {}
    points = (
        frame[columns].assign(**({"ids": frame["id"] + LIST_SEPARATOR} if ids else {}))
        .groupby([by, "topic", "date"], sort=False)
        .agg(stance=("stance", "mean"), **joined,
             claims=("id", "size"), start=("date_start", "min"), end=("date_end", "max"))
        .reset_index()
        .rename(columns={by: "group"})
    )
    points["stance"] = points["stance"].round(2)
    if ids:
        points["ids"] = points["ids"].str[:-1]
    return points.sort_values(["group", "topic", "start", "end"], ignore_index=True)


def classify(before: pd.Series | np.ndarray, after: pd.Series | np.ndarray) -> np.ndarray:
    """`steady` (no change), `reversal` (crosses zero from one side to the other), or `shift`."""
    before, after = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    return np.select([after == before, before * after < 0], ["steady", "reversal"], "shift")


def detect_shifts(frame: pd.DataFrame, by: GroupBy = "organization") -> pd.DataFrame:
    """Each point compared with the previous one of the same group and topic."""
    return shifts_between(stance_points(frame, by)).reset_index(drop=True)


def shifts_between(points: pd.DataFrame) -> pd.DataFrame:
    """`detect_shifts` for points already made by `stance_points` (charts need both);
    each shift keeps the index of the point the stance moved to. Points made without
    ids give shifts without `from_id` and `to_id`."""
    carried = [column for column in ("ids", "date", "stance") if column in points]
    previous = points[carried].groupby([points["group"], points["topic"]], sort=False).shift(1)
    has_previous = previous["date"].notna()
    now, before = points[has_previous], previous[has_previous]
    shifts = pd.DataFrame({
        "group": now["group"], "topic": now["topic"],
        **({"from_id": before["ids"], "to_id": now["ids"]} if "ids" in points else {}),
        "from_date": before["date"], "to_date": now["date"],
        "from_stance": before["stance"].astype(float), "to_stance": now["stance"],
        "delta": (now["stance"] - before["stance"]).round(2),
        "kind": classify(before["stance"], now["stance"]),
    })
    return shifts[[column for column in SHIFT_COLUMNS if column in shifts]]


def topic_summary(frame: pd.DataFrame, by: GroupBy = "organization") -> pd.DataFrame:
    """Per group and topic: the first and the latest point, the net change and its kind."""
    points = stance_points(frame, by)
    grouped = points.groupby(["group", "topic"], sort=False)
    first, latest = grouped.nth(0).set_index(["group", "topic"]), grouped.nth(-1).set_index(
        ["group", "topic"])
    summary = pd.DataFrame({
        "first_date": first["date"], "first_stance": first["stance"], "first_id": first["ids"],
        "latest_date": latest["date"], "latest_stance": latest["stance"],
        "latest_id": latest["ids"],
        "net_change": (latest["stance"] - first["stance"]).round(2),
        "kind": classify(first["stance"], latest["stance"]),
        "claims": grouped["claims"].sum(), "points": grouped.size(),
        "span_start": first["date"], "span_end": latest["date"],
    })
    return summary.reset_index()[SUMMARY_COLUMNS]
