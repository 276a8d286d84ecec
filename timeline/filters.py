"""The one filter used by `export`, `chart`, `report` and the dashboard.

Keeping a single definition means a CSV downloaded from the dashboard holds
exactly the rows `timeline export` gives for the same filter.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from timeline.dataset import Dataset
from timeline.dates import PartialDate
from timeline.validate import closest

SEARCHED_COLUMNS = ("quote", "translation", "summary")


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to keep; an empty field keeps everything.

    Dates compare by period overlap: `since=2025-07-15` keeps a claim dated
    `2025-07`, because it may have been said on or after that day.
    """

    topics: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    since: PartialDate | None = None
    until: PartialDate | None = None
    search: str = ""

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        keep = pd.Series(True, index=frame.index)
        for column, wanted in (("topic", self.topics), ("speaker", self.speakers),
                               ("source", self.sources)):
            if wanted:
                keep &= frame[column].isin(wanted)
        if self.since is not None:
            keep &= frame["date_end"] >= pd.Timestamp(self.since.start)
        if self.until is not None:
            keep &= frame["date_start"] <= pd.Timestamp(self.until.end)
        if self.search.strip():
            keep &= _matches(frame, self.search.strip())
        return frame[keep]

    def unknown_values(self, dataset: Dataset) -> list[str]:
        """Messages for ids that name nothing in the dataset (a typo filters out everything)."""
        messages = []
        for field, known in (("topic", dataset.topic), ("speaker", dataset.speaker),
                             ("source", dataset.source)):
            for value in getattr(self, field + "s"):
                if value not in known:
                    messages.append(f"unknown {field} '{value}'{closest(value, known)}")
        return messages


def _matches(frame: pd.DataFrame, text: str) -> pd.Series:
    hit = pd.Series(False, index=frame.index)
    for column in SEARCHED_COLUMNS:
        hit |= frame[column].str.contains(text, case=False, regex=False)
    return hit
