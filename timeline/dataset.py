"""The validated dataset and its one tabular view.

Everything downstream (analysis, exports, figures, the dashboard) works on
`Dataset.frame()`: one row per claim with the speaker, topic and source
already joined in, so no consumer repeats those lookups.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import TYPE_CHECKING

from timeline.languages import detect_language
from timeline.problems import Problem
from timeline.schema import Claim, Coding, DatasetHeader, Event, Source, Speaker, Topic

if TYPE_CHECKING:  # pandas is imported by `frame` only: `timeline validate` never needs it
    import pandas as pd

    from timeline.gaps import Gap
    from timeline.reliability import TopicAgreement

LIST_SEPARATOR = ";"
"""How list fields (also_in, tags) are written in one cell; ids never contain it."""


@dataclass(frozen=True)
class Dataset:
    topics: list[Topic]
    speakers: list[Speaker]
    sources: list[Source]
    claims: list[Claim]
    events: list[Event] = field(default_factory=list)
    codings: list[Coding] = field(default_factory=list)
    header: DatasetHeader | None = None
    path: str = "<claims>"
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    """Line of each claim and event in the file, for messages that point a curator to it."""
    digest: str = field(default="", compare=False)
    notes: tuple[Problem, ...] = field(default=(), compare=False)
    """What validation noted without refusing the file (deprecated fields, …)."""

    @property
    def title(self) -> str:
        return self.header.title if self.header else DEFAULT_TITLE

    @property
    def language(self) -> str:
        """The reading language: of labels, summaries and translations."""
        return self.header.language if self.header else "en"

    @property
    def featured_topics(self) -> list[str]:
        """The topics charts show first and by default: the header's, else all."""
        if self.header and self.header.featured_topics:
            return list(self.header.featured_topics)
        return [t.id for t in self.topics]

    @cached_property
    def source_language(self) -> dict[str, str]:
        """Each source's language: given, or detected from the quotes taken from it."""
        quotes: dict[str, list[str]] = defaultdict(list)
        for claim in self.claims:
            quotes[claim.source].append(claim.quote)
        return {s.id: s.language or detect_language(quotes[s.id], self.language)
                for s in self.sources}

    def claim_language(self, claim: Claim) -> str:
        return claim.language or self.source_language[claim.source]

    @cached_property
    def quote_language(self) -> str:
        """The language most quotes are in (the one a label's translation is shown in)."""
        counts = Counter(self.claim_language(c) for c in self.claims)
        return counts.most_common(1)[0][0] if counts else self.language

    def labels_shown(self, labels: Mapping[str, str], label: str) -> list[str]:
        """A label, and its translation into the quotes' language when that is another:
        what a reader of either language recognises, never the same text twice."""
        other = labels.get(self.quote_language)
        return [label] if other is None or other == label else [label, other]

    def topic_labels(self, topic: str) -> list[str]:
        record = self.topic[topic]
        return self.labels_shown(record.labels, record.label)

    def speaker_names(self, speaker: str) -> list[str]:
        record = self.speaker[speaker]
        return self.labels_shown(record.names, record.name)

    @property
    def translating(self) -> bool:
        """Whether any claim carries a translation (and so a reader may choose original,
        translation or both)."""
        return any(c.translation for c in self.claims)

    @cached_property
    def agreement(self) -> dict[str, TopicAgreement]:
        """Each topic's coder agreement (latest round), computed once per dataset."""
        from timeline.reliability import topic_agreement

        return topic_agreement(self)

    @cached_property
    def gaps(self) -> list[Gap]:
        """The stretches with no source at all (`timeline.gaps`), found once per dataset:
        every chart shades them, and finding them reads every claim's dates."""
        from timeline.gaps import source_gaps

        return source_gaps(self)

    def latest_codes(self, claim: str) -> list[int]:
        """The claim's codes in its latest round of coding: whether coders disagree now,
        not before the codebook was revised."""
        codings = self.codings_of.get(claim, [])
        latest = max((c.round for c in codings), default=0)
        return [c.stance for c in codings if c.round == latest]

    @cached_property
    def codings_of(self) -> dict[str, list[Coding]]:
        """Every claim's independent codings, in the file's order."""
        found: dict[str, list[Coding]] = defaultdict(list)
        for coding in self.codings:
            found[coding.claim].append(coding)
        return dict(found)

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
        codes = self.latest_codes(claim.id)
        return {
            "id": claim.id, "date": str(claim.date), "date_precision": claim.date.precision,
            "date_start": claim.date.start, "date_end": claim.date.end,
            "date_mid": claim.date.midpoint,
            "speaker": claim.speaker, "speaker_name": speaker.name,
            "speaker_kind": speaker.kind, "organization": speaker.organization or speaker.name,
            "topic": claim.topic, "topic_label": topic.label,
            "stance": claim.stance, "stance_note": claim.stance_note,
            "close_call": claim.close_call, "coders": len(codes),
            "coders_disagree": len(set(codes)) > 1,
            "quote": claim.quote, "language": self.claim_language(claim),
            "translation": claim.translation or "",
            "translated_from": source.translated_from or "", "summary": claim.summary,
            "source": claim.source, "source_title": source.title,
            "source_outlet": source.outlet, "source_url": source.url or "",
            "source_date": str(source.published or ""), "location": claim.location or "",
            "also_in": LIST_SEPARATOR.join(claim.also_in),
            "tags": LIST_SEPARATOR.join(claim.tags),
        }


DEFAULT_TITLE = "Stated positions over time"
"""The title of a dataset whose file has no `dataset:` header."""

CATEGORIES = ["date", "date_precision", "speaker", "speaker_name", "speaker_kind",
              "organization", "topic", "topic_label", "language", "translated_from", "source",
              "source_title", "source_outlet", "source_url", "source_date"]
"""Columns with few distinct values, kept as categoricals: grouping by them (every chart
and analysis does) skips hashing the strings, which was most of a chart at 100,000 claims."""

COLUMNS = [
    "id", "date", "date_precision", "date_start", "date_end", "date_mid",
    "speaker", "speaker_name", "speaker_kind", "organization", "topic", "topic_label",
    "stance", "stance_note", "close_call", "coders", "coders_disagree",
    "quote", "language", "translation", "translated_from", "summary",
    "source", "source_title", "source_outlet", "source_url", "source_date", "location",
    "also_in", "tags",
]
