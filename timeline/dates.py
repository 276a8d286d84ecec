"""Partial dates: a statement dated "2025-07" must stay a month, not become July 1st.

Sources often give only the month (a podcast "held July 2025") or the year. A
`PartialDate` keeps that precision so tables show it and charts can draw the
whole period, while `start`/`end`/`midpoint` give concrete days for sorting,
filtering and plotting.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from timeline.problems import shown

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
FORMAT_HINT = "use YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read `2024`, `"2024-03"`, `"2024-03-01"` or a `datetime.date`.

        Raises ValueError with a message meant for people.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError(f"'{value}' has a time of day — {FORMAT_HINT}")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError(f"must be text like 2025-07, not {shown(value)}")
        text = str(value).strip()
        match = _PATTERN.fullmatch(text)
        if not match:
            raise ValueError(f"'{text}' is not a date — {FORMAT_HINT}")
        year, month, day = (int(g) if g else None for g in match.groups())
        return cls._checked(text, year, month, day)

    @classmethod
    def _checked(cls, text: str, year: int, month: int | None, day: int | None) -> PartialDate:
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' is not a valid month — {FORMAT_HINT}")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month or 1)[1]:
            raise ValueError(f"'{text}' is not a valid day of that month — {FORMAT_HINT}")
        if year < 1900:
            raise ValueError(f"'{text}' is before 1900 — is the year mistyped?")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def start(self) -> dt.date:
        """First day of the period."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """Last day of the period."""
        if self.day is not None:
            return self.start
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def midpoint(self) -> dt.date:
        """Where a chart puts the marker: the middle of the period."""
        return self.start + (self.end - self.start) / 2

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        parts += [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        return "-".join(parts)
