"""The claims file's records, as pydantic models.

These models are the single definition of the format: the loader validates
against them, `timeline schema` prints their JSON Schema for editors, and the
README's field table mirrors them. Cross-record rules (references resolve, ids
are unique) need the whole file and live in `timeline.validate`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
)

from timeline.dates import PartialDate

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=120),
    Field(description="lowercase letters, digits and single hyphens, e.g. yang-2024-open-lags"),
]
_UNSHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (but tab and newline) and bidirectional overrides and isolates: they
make a text display otherwise than it is stored, so no field may hold them."""
ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff]")
"""Invisible characters that a real source may hold (a quote keeps them only where its
source does: `verify` checks that); validation notes them."""


def _visible(value: str) -> str:
    found = _UNSHOWN.search(value)
    if found:
        char = found.group()
        name = unicodedata.name(char, "a control character")
        raise ValueError(f"holds U+{ord(char):04X} ({name.lower()}) at character "
                         f"{found.start() + 1}: it changes how the text displays — delete it")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                 AfterValidator(_visible)]
Language = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35),
    Field(description="a BCP 47 language tag, e.g. en, zh, zh-Hant, pt-BR"),
]
Translations = Annotated[dict[Language, Text],
                         Field(description="the same text in other languages, by language tag")]


def _not_in_future(value: PartialDate) -> PartialDate:
    if value.start > dt.date.today():
        raise ValueError(f"'{value}' lies in the future")
    return value


Date = Annotated[
    PartialDate,
    BeforeValidator(PartialDate.parse),
    AfterValidator(_not_in_future),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
         "description": "YYYY, YYYY-MM or YYYY-MM-DD; the precision is kept"}
    ),
]


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{value}' must be an http:// or https:// link")
    return value


def _plain_file_name(value: str) -> str:
    if "/" in value or "\\" in value or value in (".", ".."):
        raise ValueError(f"'{value}' must be a bare file name, not a path")
    return value


Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_visible),
                AfterValidator(_http_url)]
FileName = Annotated[Text, AfterValidator(_plain_file_name)]


Stance = Annotated[StrictInt, Field(ge=-2, le=2)]


def _empty_list() -> list[Any]:
    """The default of list fields: a function of ours rather than `list`, because pydantic
    reads every default factory's signature, and a builtin's is parsed from text (about
    6 ms of each `timeline validate`, the first time a process does it)."""
    return []


def _empty_dict() -> dict[str, Any]:
    """The default of fields that map languages to texts (see `_empty_list`)."""
    return {}


class Record(BaseModel):
    """Common settings: unknown fields are errors, so a typo like `stanse:` never passes."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DatasetHeader(Record):
    """What the dataset is: every title, credit and default view comes from here."""

    title: Text = Field(description="the dataset's title, shown on charts and the report")
    description: Text | None = None
    language: Language = Field(default="en", description="the reading language: labels, "
                               "summaries and translations are in it")
    featured_topics: list[Slug] = Field(default_factory=_empty_list, description="topics shown "
                                        "first and by default [default: all topics]")
    sources: Text | None = Field(default=None, description="folder of the source texts, "
                                 "relative to this file [default: sources/ beside it]")
    credit: Text | None = Field(default=None, description="who curated the data, for "
                                "the credit line of charts")
    url: Url | None = Field(default=None, description="where the dataset is published")
    license: Text | None = None


class Topic(Record):
    """A subject with a stance scale whose two poles are spelled out in plain words."""

    id: Slug
    label: Text = Field(description="in the dataset's reading language")
    labels: Translations = Field(default_factory=_empty_dict)
    description: Text
    negative: Text = Field(description="what a stance of -2 means on this topic")
    positive: Text = Field(description="what a stance of +2 means on this topic")
    keywords: list[Text] = Field(default_factory=_empty_list,
                                 description="words, in any language, that signal the topic")


class Speaker(Record):
    """A person, or an organization speaking as one (a team's unsigned answers)."""

    id: Slug
    name: Text
    names: Translations = Field(default_factory=_empty_dict)
    kind: Literal["person", "organization"] = "person"
    organization: Text | None = None
    role: Text | None = None


class Source(Record):
    id: Slug
    title: Text
    outlet: Text
    kind: Text = Field(description="interview, podcast, ama, article, show-notes, …")
    url: Url | None = Field(default=None,
                            description="http(s) link to the original; omit when none is known")
    published: Date | None = Field(default=None, description="omit when the source has none")
    held: Date | None = Field(default=None, description="when the conversation took place")
    language: Language | None = Field(default=None, description="of the text [default: "
                                      "detected from the quotes]")
    translated_from: Language | None = Field(default=None, description="the language the "
                                             "speakers used, when the text is a translation")
    file: FileName | None = Field(default=None,
                                  description="the local text's file name, for `timeline verify`")


class Claim(Record):
    """One dated statement by one speaker on one topic, with the evidence for its stance."""

    id: Slug
    date: Date = Field(description="when it was said")
    speaker: Slug
    topic: Slug
    stance: Stance = Field(description="the adjudicated stance every chart and export uses")
    stance_note: Text
    close_call: bool = Field(default=False, description="the stance sits on a boundary of "
                             "the scale; charts mark it")
    adjudication: Text | None = Field(default=None, description="why `stance` is what it is "
                                      "where independent codings disagreed")
    quote: Text = Field(description="verbatim, in the original language")
    language: Language | None = Field(default=None, description="of the quote [default: "
                                      "its source's]")
    translation: Text | None = Field(default=None, description="the quote in the dataset's "
                                     "reading language, when it is in another")
    summary: Text
    source: Slug
    location: Text | None = Field(default=None, description="section heading or question "
                                  "number in the source")
    also_in: list[Slug] = Field(default_factory=_empty_list,
                                description="other sources where the same statement appears")
    tags: list[Slug] = Field(default_factory=_empty_list)


class Coding(Record):
    """One coder's independent stance for one claim (for measuring agreement)."""

    claim: Slug
    coder: Slug = Field(description="who or what coded, e.g. curator or blind-llm-1")
    stance: Stance
    note: Text | None = None
    round: Annotated[StrictInt, Field(ge=1)] = Field(
        default=1, description="the coding round: after a codebook revision every claim is "
        "coded again, and agreement is measured within a round")


class Event(Record):
    """Something that happened, named by a source: context for why views moved."""

    id: Slug
    date: Date
    label: Text = Field(description="short, in the reading language")
    topics: list[Slug] = Field(default_factory=_empty_list, description="lanes it concerns "
                               "[default: all]")
    source: Slug
    quote: Text = Field(description="verbatim words of the source that mention the event")
    translation: Text | None = None
    location: Text | None = None


class ClaimsFile(Record):
    """The whole file: a header, four lists, and optional events and codings."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Position timeline claims file")

    dataset: DatasetHeader | None = None
    topics: list[Topic]
    speakers: list[Speaker]
    sources: list[Source]
    claims: list[Claim]
    events: list[Event] = Field(default_factory=_empty_list)
    codings: list[Coding] = Field(default_factory=_empty_list)


SECTIONS: dict[str, type[Record]] = {
    "topics": Topic,
    "speakers": Speaker,
    "sources": Source,
    "claims": Claim,
    "events": Event,
    "codings": Coding,
}
"""The lists of the file, in order."""
OPTIONAL_SECTIONS = frozenset({"events", "codings"})
HEADER = "dataset"

DEPRECATED_FIELDS: dict[str, dict[str, tuple[str, str | None]]] = {
    "topics": {"label_zh": ("labels", "zh")},
    "speakers": {"name_zh": ("names", "zh")},
    "claims": {"quote_en": ("translation", None)},
}
"""Old field → (new field, the language it held when the new field maps languages to
texts): files written before languages came from the data are read as before, with a note
to rename. `quote_en` held the translation into English, the reading language such files
assume."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors use to autocomplete and flag errors in claims.yaml."""
    schema = ClaimsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
