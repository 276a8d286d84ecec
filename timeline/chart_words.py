"""The stance timeline in words: its text alternative, for screen readers and for text.

Per lane, what a sighted reader takes from it at a glance: how many claims over
which dates, each group's first and latest stance, and how often it moved.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from timeline.analysis import GroupBy, Moves, moves_of
from timeline.dataset import Dataset
from timeline.shift_rule import ShiftRule, dataset_shift_rule

GROUPS_TOLD = 5
"""Groups a lane's sentence names (those with most claims); it counts the others."""


def stance_words(value: float) -> str:
    """`+1.5`, `−2`, `0`: a stance as the chart's axis writes it (a true minus sign)."""
    text = f"{value:+.1f}".replace(".0", "").replace("-", "−")
    return "0" if text in ("+0", "−0") else text


def moves(shifts: pd.DataFrame) -> str:
    """How often a group's stance moved: `2 shifts and 1 reversal`, or that it held."""
    counts = {kind: int(n) for kind, n in shifts["kind"].value_counts().items()}
    told = [f"{counts[kind]} {kind}{'s' * (counts[kind] != 1)}"
            for kind in ("shift", "reversal") if counts.get(kind)]
    return " and ".join(told) or "no shift between its points"


def lane_sentence(dataset: Dataset, topic: str, lane: pd.DataFrame, summary: pd.DataFrame,
                  shifts: pd.DataFrame, by: GroupBy) -> str:
    """One lane in words, from its claims and the view's summary and shifts."""
    label = dataset.topic[topic].label
    if lane.empty:
        return f"{label}: no claims in this view."
    count = len(lane)
    head = (f"{label}: {count} claim{'s' * (count != 1)}, "
            f"{lane['date'].iloc[0]} to {lane['date'].iloc[-1]}.")
    summary = summary[summary["topic"] == topic].sort_values("claims", ascending=False,
                                                              kind="stable")
    shifts = shifts[shifts["topic"] == topic]
    told = []
    for row in summary.head(GROUPS_TOLD).itertuples():
        mine = shifts[shifts["group"] == row.group]
        name = dataset.speaker[row.group].name if by == "speaker" else row.group
        if row.points == 1:
            told.append(f"{name} once at {stance_words(row.first_stance)} "
                        f"({row.first_date})")
        else:
            told.append(f"{name} from {stance_words(row.first_stance)} ({row.first_date}) "
                        f"to {stance_words(row.latest_stance)} ({row.latest_date}), "
                        f"{moves(mine)}")
    more = len(summary) - len(told)
    rest = f"; and {more} more group{'s' * (more != 1)}" if more else ""
    return f"{head} {'; '.join(told)}{rest}."


def chart_in_words(frame: pd.DataFrame, dataset: Dataset, lanes: Sequence[str],
                   by: GroupBy = "organization", rule: ShiftRule | None = None,
                   moves: Moves | None = None) -> list[str]:
    """A sentence per lane of the chart of `frame`, in the chart's order; stances are on
    each topic's −2…+2 scale, moves told by `rule` as the chart marks them (default:
    `dataset_shift_rule(dataset)`), or as `moves` of `frame` already made tell them."""
    if moves is None:
        moves = moves_of(frame, by, rule or dataset_shift_rule(dataset))
    by_topic = dict(tuple(frame.groupby("topic", observed=True, sort=False)))
    return [lane_sentence(dataset, topic, by_topic.get(topic, frame.iloc[:0]), moves.summary,
                          moves.shifts, by) for topic in lanes]
