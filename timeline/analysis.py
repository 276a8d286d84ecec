"""Shift detection and the "then vs. now" summary.

Claims are reduced to points first: all claims by one group on one topic at one
moment form one point (their mean stance and their codes), so that two remarks
in one interview never look like a flip-flop with itself. A moment is a claim's
date, or the coarser date of a claim by the same group on the same topic whose
period holds it: "2025-07" and "2025-07-15" are one moment, "2025-07". Points are
then compared by the shift rule (`timeline.shift_rule`, DATA.md "Shifts").
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import numpy as np
import pandas as pd

from timeline.dataset import LIST_SEPARATOR
from timeline.shift_rule import ShiftRule, classify_moves

GroupBy = Literal["organization", "speaker"]
CODES = (-2, -1, 0, 1, 2)
CODE_COLUMNS = [f"codes{code:+d}" for code in CODES]
"""Per point, how many of its claims have each code (`codes-2` … `codes+2`)."""
SHIFT_COLUMNS = ["group", "topic", "from_id", "to_id", "from_date", "to_date",
                 "from_claims", "to_claims", "from_stance", "to_stance", "delta", "kind"]
SUMMARY_COLUMNS = ["group", "topic", "first_date", "first_stance", "first_id",
                   "latest_date", "latest_stance", "latest_id", "net_change", "kind",
                   "claims", "points", "span_start", "span_end"]


def stance_points(frame: pd.DataFrame, by: GroupBy = "organization", ids: bool = True
                  ) -> pd.DataFrame:
    """One row per (group, topic, moment): the moment as `date`, the mean stance, the
    number of claims and of each code (CODE_COLUMNS), the ids behind it; in date order.

    The ids keep the frame's order, which for `Dataset.frame()` and anything
    filtered from it is by id within a date. They are joined by summing "id;"
    strings, which pandas does in one vectorised pass (`str.join` per group
    was most of this at 10,000 claims). Still, that join is most of this
    function at 100,000 claims: `ids=False` leaves the `ids` column out, for
    callers that only draw the points.
    """
    codes = {name: (frame["stance"] == code).astype("int64")
             for name, code in zip(CODE_COLUMNS, CODES, strict=True)}
    joined = ["ids"] if ids else []
    columns = frame[[by, "topic", "stance", "date_start", "date_end"]].assign(
        date=moments(frame, by), claims=1, **codes,
        **({"ids": frame["id"] + LIST_SEPARATOR} if ids else {}))
    # one sum over every counted column, not an aggregation per column: at a few hundred
    # claims pandas' fixed cost per aggregation was most of the time
    grouped = columns.groupby([by, "topic", "date"], sort=False, observed=True)
    summed = grouped[["stance", "claims", *CODE_COLUMNS, *joined]].sum()
    points = summed.assign(
        stance=(summed["stance"] / summed["claims"]).round(2),
        start=grouped["date_start"].min(), end=grouped["date_end"].max(),
    ).reset_index().rename(columns={by: "group"})
    points = points[["group", "topic", "date", "stance", *joined, "claims", "start", "end",
                     *CODE_COLUMNS]]
    points["date"] = points["date"].astype(str)
    if ids:
        points["ids"] = points["ids"].str[:-1]
    return points.sort_values(["group", "topic", "start", "end"], ignore_index=True)


def moments(frame: pd.DataFrame, by: GroupBy) -> pd.Series:
    """Each claim's moment: its date, or the year or month of a claim by the same group on
    the same topic dated to just that year or month and so holding it (the coarsest).

    Worked out on the dates' categories and integer codes: slicing the date text of
    every claim tripled the time of `stance_points` at 100,000 claims.
    """
    precision = frame["date_precision"]
    if precision.nunique() <= 1:  # nothing holds anything
        return frame["date"]
    dates = frame["date"].astype("category")
    labels = dates.cat.categories.astype(str)
    rows = dates.cat.codes.to_numpy()
    moment, names = rows, list(labels)
    for coarse, length in (("month", 7), ("year", 4)):  # a year overrides a month within it
        period_of_label, periods = pd.factorize(labels.str[:length])
        period = period_of_label[rows]
        held = (precision == coarse).groupby([frame[by], frame["topic"], period],
                                             observed=True).transform("any").to_numpy()
        moment = np.where(held, len(names) + period, moment)
        names += list(periods)
    unique_of_name, unique = pd.factorize(pd.Index(names))
    return pd.Series(pd.Categorical.from_codes(unique_of_name[moment], categories=unique),
                     index=frame.index)


def point_sides(points: pd.DataFrame, rule: ShiftRule) -> np.ndarray:
    """The side of zero each point is clearly on (see `ShiftRule.side`)."""
    positive = points["codes+1"] + points["codes+2"]
    negative = points["codes-1"] + points["codes-2"]
    return rule.side(positive.to_numpy(), negative.to_numpy(), points["claims"].to_numpy())


def classify(before: pd.DataFrame, after: pd.DataFrame, rule: ShiftRule) -> np.ndarray:
    """The kind of the move from each point of `before` to the same row's of `after`."""
    delta = after["stance"].to_numpy(dtype=float) - before["stance"].to_numpy(dtype=float)
    return classify_moves(delta.round(2), rule.threshold(after["topic"].to_numpy()),
                          point_sides(before, rule), point_sides(after, rule))


def detect_shifts(frame: pd.DataFrame, by: GroupBy = "organization",
                  rule: ShiftRule | None = None) -> pd.DataFrame:
    """Each point compared with the previous one of the same group and topic, by `rule`
    (default: DATA.md's, without coder noise; `dataset_shift_rule(dataset)` adds the data's)."""
    return shifts_between(stance_points(frame, by), rule).reset_index(drop=True)


def shifts_between(points: pd.DataFrame, rule: ShiftRule | None = None) -> pd.DataFrame:
    """`detect_shifts` for points already made by `stance_points` (charts need both);
    each shift keeps the index of the point the stance moved to. Points made without
    ids give shifts without `from_id` and `to_id`."""
    carried = [column for column in ("ids", "date", "stance", "claims", *CODE_COLUMNS)
               if column in points]
    previous = points[carried].groupby([points["group"], points["topic"]], sort=False,
                                       observed=True).shift(1)
    has_previous = previous["date"].notna()
    now, before = points[has_previous], previous[has_previous].assign(
        topic=points["topic"][has_previous])
    shifts = pd.DataFrame({
        "group": now["group"], "topic": now["topic"],
        **({"from_id": before["ids"], "to_id": now["ids"]} if "ids" in points else {}),
        "from_date": before["date"], "to_date": now["date"],
        "from_claims": before["claims"].astype(int), "to_claims": now["claims"],
        "from_stance": before["stance"].astype(float), "to_stance": now["stance"],
        "delta": (now["stance"] - before["stance"]).round(2),
        "kind": classify(before, now, rule or ShiftRule()),
    })
    return shifts[[column for column in SHIFT_COLUMNS if column in shifts]]


def topic_summary(frame: pd.DataFrame, by: GroupBy = "organization",
                  rule: ShiftRule | None = None) -> pd.DataFrame:
    """Per group and topic: the first and the latest point, the net change and its kind
    (by `rule`, as in `detect_shifts`)."""
    return summarize_points(stance_points(frame, by), rule)


def summarize_points(points: pd.DataFrame, rule: ShiftRule | None = None) -> pd.DataFrame:
    """`topic_summary` for points already made by `stance_points` (with their ids), for
    callers that also need the points' shifts."""
    grouped = points.groupby(["group", "topic"], sort=False, observed=True)
    first, latest = grouped.nth(0), grouped.nth(-1)
    keyed = [frame.set_index(["group", "topic"]) for frame in (first, latest)]
    summary = pd.DataFrame({
        "first_date": keyed[0]["date"], "first_stance": keyed[0]["stance"],
        "first_id": keyed[0]["ids"],
        "latest_date": keyed[1]["date"], "latest_stance": keyed[1]["stance"],
        "latest_id": keyed[1]["ids"],
        "net_change": (keyed[1]["stance"] - keyed[0]["stance"]).round(2),
        "kind": classify(first.reset_index(drop=True), latest.reset_index(drop=True),
                         rule or ShiftRule()),
        "claims": grouped["claims"].sum(), "points": grouped.size(),
        "span_start": keyed[0]["date"], "span_end": keyed[1]["date"],
    })
    return summary.reset_index()[SUMMARY_COLUMNS]


class Moves(NamedTuple):
    """A frame's stance points, each group's first and latest point (`topic_summary`) and
    the moves between points (`detect_shifts`), by one rule: the points made once for
    callers that need more than one of these."""

    points: pd.DataFrame
    summary: pd.DataFrame
    shifts: pd.DataFrame


def moves_of(frame: pd.DataFrame, by: GroupBy = "organization",
             rule: ShiftRule | None = None) -> Moves:
    points = stance_points(frame, by)
    return Moves(points, summarize_points(points, rule),
                 shifts_between(points, rule).reset_index(drop=True))
