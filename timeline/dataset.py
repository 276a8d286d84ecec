"""The validated dataset and its one tabular view.

Everything downstream (analysis, exports, figures, the dashboard) works on
`Dataset.frame()`: one row per claim with the speaker, topic and source
already joined in, so no consumer repeats those lookups.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import TYPE_CHECKING

from timeline.schema import Claim, Source, Speaker, Topic

if TYPE_CHECKING:  # pandas is imported by `frame` only: `timeline validate` never needs it
    import pandas as pd

LIST_SEPARATOR = ";"
"""How list fields (also_in, tags) are written in one cell; ids never contain it."""


@dataclass(frozen=True)
class Dataset:
    topics: list[Topic]
    speakers: list[Speaker]
    sources: list[Source]
    claims: list[Claim]
    path: str = "<claims>"
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    """Line of each claim in the file, for messages that point a curator to it."""
    digest: str = field(default="", compare=False)

    @cached_property
    def topic(self) -> dict[str, Topic]:
        return {t.id: t for t in self.topics}

    @cached_property
    def speaker(self) -> dict[str, Speaker]:
        return {s.id: s for s in self.speakers}

    @cached_property
    def source(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def claim(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def topics_in(self, frame: pd.DataFrame) -> list[str]:
        """The ids of the topics that have claims in `frame`, in the dataset's order
        (the default lanes of a chart and rows of the heatmap)."""
        present = set(frame["topic"].unique())
        return [t.id for t in self.topics if t.id in present]

    def read_from(self, path: str) -> Dataset:
        """The same data, as read from `path`; keeps the tables already computed (a cache
        hit may come from a copy of the file under another name)."""
        moved = replace(self, path=path)
        names = {f.name for f in fields(self)}
        moved.__dict__.update({k: v for k, v in self.__dict__.items() if k not in names})
        return moved

    def frame(self) -> pd.DataFrame:
        """One row per claim, sorted by date; callers may change it freely.

        A shallow copy: pandas' copy-on-write copies data only when a caller
        writes to it, so the hot path of every dashboard callback stays cheap.
        """
        return self._frame.copy(deep=False)

    @cached_property
    def _frame(self) -> pd.DataFrame:
        import pandas as pd

        frame = pd.DataFrame([self._row(c) for c in self.claims], columns=COLUMNS)
        for column in ("date_start", "date_end", "date_mid"):
            frame[column] = pd.to_datetime(frame[column])
        frame["stance"] = frame["stance"].astype("int64")
        frame = frame.astype(dict.fromkeys(CATEGORIES, "category"))
        return frame.sort_values(["date_start", "date_end", "id"], kind="stable",
                                 ignore_index=True)

    def _row(self, claim: Claim) -> dict[str, object]:
        speaker, topic = self.speaker[claim.speaker], self.topic[claim.topic]
        source = self.source[claim.source]
        return {
            "id": claim.id, "date": str(claim.date), "date_precision": claim.date.precision,
            "date_start": claim.date.start, "date_end": claim.date.end,
            "date_mid": claim.date.midpoint,
            "speaker": claim.speaker, "speaker_name": speaker.name,
            "speaker_name_zh": speaker.name_zh or "", "organization": speaker.organization,
            "topic": claim.topic, "topic_label": topic.label,
            "stance": claim.stance, "stance_note": claim.stance_note,
            "quote": claim.quote, "quote_en": claim.quote_en, "summary": claim.summary,
            "source": claim.source, "source_title": source.title,
            "source_outlet": source.outlet, "source_url": source.url or "",
            "source_date": str(source.published), "location": claim.location,
            "also_in": LIST_SEPARATOR.join(claim.also_in),
            "tags": LIST_SEPARATOR.join(claim.tags),
        }


CATEGORIES = ["date", "date_precision", "speaker", "speaker_name", "speaker_name_zh",
              "organization", "topic", "topic_label", "source", "source_title",
              "source_outlet", "source_url", "source_date"]
"""Columns with few distinct values, kept as categoricals: grouping by them (every chart
and analysis does) skips hashing the strings, which was most of a chart at 100,000 claims."""

COLUMNS = [
    "id", "date", "date_precision", "date_start", "date_end", "date_mid",
    "speaker", "speaker_name", "speaker_name_zh", "organization", "topic", "topic_label",
    "stance", "stance_note", "quote", "quote_en", "summary",
    "source", "source_title", "source_outlet", "source_url", "source_date", "location",
    "also_in", "tags",
]
