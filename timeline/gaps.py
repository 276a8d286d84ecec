"""Stretches with no source at all, so that a chart never draws a trajectory through them
as if something had been said there.

What is covered comes from the data: every claim's period (the day, month or
year it was said) and every source's `held` date, else its `published` date.
A stretch between covered periods is a gap when it is long enough to matter on
a chart of the whole dataset (GAP_MIN_DAYS, GAP_MIN_SHARE).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from timeline.dataset import Dataset

GAP_MIN_DAYS = 90
"""Days: a stretch without any source shorter than a quarter is the ordinary pause between
interviews, not a gap."""
GAP_MIN_SHARE = 0.1
"""…nor is one shorter than this share of the dataset's whole span: on a chart of ten
years, a quarter without sources is a hairline, and the line across it misleads nobody."""


class Gap(NamedTuple):
    """The first and the last day with no source."""

    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return f"no sources, {month_or_day(self.start, first=True)} – {month_or_day(self.end)}"


def month_or_day(day: dt.date, first: bool = False) -> str:
    """`2024-03` when `day` is the month's first (`first`) or last day, else the day."""
    bound = 1 if first else calendar.monthrange(day.year, day.month)[1]
    return f"{day:%Y-%m}" if day.day == bound else day.isoformat()


def covered_periods(dataset: Dataset) -> list[tuple[dt.date, dt.date]]:
    """First and last day of everything that says when a source spoke."""
    claims = {(c.date.start, c.date.end) for c in dataset.claims}
    sources = {(when.start, when.end) for s in dataset.sources
               if (when := s.held or s.published) is not None}
    return sorted(claims | sources)


def uncovered(periods: Iterable[tuple[dt.date, dt.date]]) -> list[Gap]:
    """The stretches between `periods` (sorted by start) that none of them covers."""
    gaps, reached = [], None
    for start, end in periods:
        if reached is not None and start > reached + dt.timedelta(days=1):
            gaps.append(Gap(reached + dt.timedelta(days=1), start - dt.timedelta(days=1)))
        reached = end if reached is None else max(reached, end)
    return gaps


def source_gaps(dataset: Dataset, min_days: int = GAP_MIN_DAYS,
                min_share: float = GAP_MIN_SHARE) -> list[Gap]:
    """The gaps of `dataset`: stretches with no source at least `min_days` long and at
    least `min_share` of the dataset's span."""
    periods = covered_periods(dataset)
    if not periods:
        return []
    span = (max(end for _, end in periods) - periods[0][0]).days + 1
    least = max(min_days, min_share * span)
    return [gap for gap in uncovered(periods) if (gap.end - gap.start).days + 1 >= least]
