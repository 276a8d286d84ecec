"""The claims file's records, as pydantic models.

These models are the single definition of the format: the loader validates
against them, `timeline schema` prints their JSON Schema for editors, and the
README's field table mirrors them. Cross-record rules (references resolve, ids
are unique) need the whole file and live in `timeline.validate`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
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
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


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


Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_http_url)]
FileName = Annotated[Text, AfterValidator(_plain_file_name)]


class Record(BaseModel):
    """Common settings: unknown fields are errors, so a typo like `stanse:` never passes."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Topic(Record):
    """A subject with a stance scale whose two poles are spelled out in plain words."""

    id: Slug
    label: Text
    label_zh: Text
    description: Text
    negative: Text = Field(description="what a stance of -2 means on this topic")
    positive: Text = Field(description="what a stance of +2 means on this topic")
    keywords: list[Text] = Field(default_factory=list,
                                 description="Chinese and English words that signal the topic")


class Speaker(Record):
    id: Slug
    name: Text
    name_zh: Text | None = None
    organization: Text
    role: Text


class Source(Record):
    id: Slug
    title: Text
    outlet: Text
    kind: Text = Field(description="interview, podcast, ama, article, show-notes, …")
    url: Url | None = Field(default=None,
                            description="http(s) link to the original; omit when none is known")
    published: Date
    held: Date | None = Field(default=None, description="when the conversation took place")
    language: Text = Field(description="BCP 47 code of the text, e.g. zh")
    file: FileName | None = Field(default=None,
                                  description="the local text's file name, for `timeline verify`")


class Claim(Record):
    """One dated statement by one speaker on one topic, with the evidence for its stance."""

    id: Slug
    date: Date = Field(description="when it was said")
    speaker: Slug
    topic: Slug
    stance: Annotated[StrictInt, Field(ge=-2, le=2)]
    stance_note: Text
    quote: Text = Field(description="verbatim, in the original language")
    quote_en: Text
    summary: Text
    source: Slug
    location: Text = Field(description="section heading or question number in the source")
    also_in: list[Slug] = Field(default_factory=list,
                                description="other sources where the same statement appears")
    tags: list[Slug] = Field(default_factory=list)


class ClaimsFile(Record):
    """The whole file: four lists."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Position timeline claims file")

    topics: list[Topic]
    speakers: list[Speaker]
    sources: list[Source]
    claims: list[Claim]


SECTIONS: dict[str, type[Record]] = {
    "topics": Topic,
    "speakers": Speaker,
    "sources": Source,
    "claims": Claim,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors use to autocomplete and flag errors in claims.yaml."""
    schema = ClaimsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
