"""The one filter used by `export`, `chart`, `report` and the dashboard.

Keeping a single definition means a CSV downloaded from the dashboard holds
exactly the rows `timeline export` gives for the same filter, and one search
rule (`search_key`) decides what a search finds everywhere, and what is highlighted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
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
        if search_key(self.search).strip():
            keep &= _matches(frame, self.search)
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


SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc\uff0d_]+")
"""Runs of spaces, hyphens and dashes (ASCII, Unicode's, the minus, full-width ones): one
separator to a search, so "open source", "open-source" and "open‑source" are the same."""


def search_key(text: str) -> str:
    """`text` as searches compare it: NFKC (full-width Ｋ２ is K2, half-width katakana are
    full-width), case folded, every run of `SEPARATORS` one space."""
    return SEPARATORS.sub(" ", unicodedata.normalize("NFKC", text).casefold())


def _matches(frame: pd.DataFrame, text: str) -> pd.Series:
    wanted = search_key(text).strip()
    hit = pd.Series(False, index=frame.index)
    for column in SEARCHED_COLUMNS:
        keys = (frame[column].astype(str).str.normalize("NFKC").str.casefold()
                .str.replace(SEPARATORS, " ", regex=True))
        hit |= keys.str.contains(wanted, regex=False)
    return hit


def search_spans(text: str, search: str) -> Iterator[tuple[int, int]]:
    """Where `search` matches in `text`, as (start, end) offsets into `text` itself, by the
    rule `ClaimFilter` searches with: what a card or a table highlights."""
    wanted = search_key(search).strip()
    if not wanted:
        return
    keys, origin = [], []  # each character's key, and the text offset it came from
    for at, char in enumerate(text):
        key = search_key(char)
        if key == " " and keys and keys[-1] == " ":
            continue
        keys.append(key)
        origin.append(at)
    joined = "".join(keys)
    starts = [0]  # offset in `joined` where each character's key begins
    for key in keys:
        starts.append(starts[-1] + len(key))
    position = {offset: i for i, offset in enumerate(starts)}
    for found in re.finditer(re.escape(wanted), joined):
        first, last = position.get(found.start()), position.get(found.end())
        if first is not None and last is not None:
            yield origin[first], (origin[last] if last < len(origin) else len(text))
