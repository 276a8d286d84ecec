"""The dashboard's view state and its URL query string, read and written.

A copied link must reopen the same view, so everything a reader can set lives
in the query string. Reading never raises: a parameter that cannot be used is
dropped and named in a notice, and the page shows the rest. Links from the
controls go through the same reader as links from outside, so there is one
set of rules. No dash import here: this is plain data, tested on its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import pandas as pd

from timeline import ClaimFilter, Dataset, PartialDate
from timeline.figures import default_topics
from timeline.publication import ALL_TOPICS, EVENTS, query_string, view_pairs

ALL = ALL_TOPICS
"""`topic=*`: every topic. No parameter means the headline topics; ids never contain `*`."""
LANGUAGES = ("both", "original", "translation")
GROUPINGS = ("organization", "speaker")
LIST_PARAMS = {"topic": "topics", "speaker": "speakers", "source": "sources"}
READER_PARAMS = {"claim": "claim", "lang": "lang", "by": "by"}
"""Parameters of what a reader opened or chose to see, not of which claims are shown."""
TEXT_PARAMS = {"since": "since", "until": "until", "q": "search", **READER_PARAMS}
SWITCHES = {EVENTS: "events"}
"""Parameters of what the chart draws, `on` (the default, left out of links) or `off`."""
SWITCH_VALUES = ("on", "off")
MAX_QUERY = 4000
MAX_SEARCH = 200


@dataclass(frozen=True)
class ViewState:
    """What the reader sees; `topics == ()` means every topic."""

    topics: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    search: str = ""
    claim: str = ""
    lang: str = "both"
    by: str = "organization"
    events: bool = True

    def claim_filter(self) -> ClaimFilter:
        """The library's filter for these settings (the one `timeline export` uses)."""
        return ClaimFilter(self.topics, self.speakers, self.sources,
                           PartialDate.parse(self.since) if self.since else None,
                           PartialDate.parse(self.until) if self.until else None, self.search)

    def lanes(self, frame: pd.DataFrame, dataset: Dataset) -> list[str]:
        """Chart lanes: the chosen topics, or with all topics those that have claims."""
        return list(self.topics) if self.topics else dataset.topics_in(frame)

    def filters(self) -> dict[str, Any]:
        """The part that decides which claims are shown (chart, table, CSV), as JSON data."""
        return {k: list(v) if isinstance(v, tuple) else v
                for k, v in dataclasses.asdict(self).items() if k not in ("claim", "lang")}

    def selection(self) -> dict[str, str]:
        """The part that only changes the detail card and the language of quotes."""
        return {"claim": self.claim, "lang": self.lang}


def read_query(query: str, dataset: Dataset) -> tuple[ViewState, list[str]]:
    """The view a query string asks for, and a notice per thing that was ignored."""
    if len(query) > MAX_QUERY:
        return default_state(dataset), [f"the link is longer than {MAX_QUERY} characters — "
                                         "showing the default view"]
    params = parse_qs(query.lstrip("?"), keep_blank_values=True, errors="replace")
    return read_params(params, dataset)


def read_params(params: Mapping[str, Sequence[str]], dataset: Dataset
                ) -> tuple[ViewState, list[str]]:
    """Validate parameter values against the dataset; keep what is usable."""
    notices = [f"unknown parameter '{shown(name)}' ignored" for name in params
               if name not in LIST_PARAMS and name not in TEXT_PARAMS and name not in SWITCHES]
    fields: dict[str, Any] = {}
    for name, field in LIST_PARAMS.items():
        fields[field], problems = _known_ids(name, params.get(name, []), dataset)
        notices += problems
    for name, field in TEXT_PARAMS.items():
        values = [v.strip() for v in params.get(name, []) if v.strip()]
        if values:
            fields[field], problem = _checked_text(name, values[-1], dataset)
            notices += [problem] if problem else []
    for name, field in SWITCHES.items():
        values = [v.strip() for v in params.get(name, []) if v.strip()]
        if values and values[-1] in SWITCH_VALUES:
            fields[field] = values[-1] == "on"
        elif values:
            notices.append(f"{name} '{shown(values[-1])}' is neither on nor off — ignored")
    if "topic" not in params or (not fields["topics"] and ALL not in params["topic"]):
        fields["topics"] = tuple(default_topics(dataset))
    return ViewState(**{k: v for k, v in fields.items() if v is not None}), notices


def _known_ids(name: str, values: Sequence[str], dataset: Dataset
               ) -> tuple[tuple[str, ...], list[str]]:
    wanted = tuple(dict.fromkeys(v.strip() for v in values if v.strip() and v.strip() != ALL))
    unknown = ClaimFilter(**{LIST_PARAMS[name]: wanted}).unknown_values(dataset)
    known = getattr(dataset, name)
    return tuple(v for v in wanted if v in known), [f"{message} — ignored" for message in unknown]


def _checked_text(name: str, value: str, dataset: Dataset) -> tuple[str | None, str | None]:
    """The value to keep (None: ignore it) and what to tell the reader about it."""
    if name in ("since", "until"):
        try:
            return str(PartialDate.parse(value)), None
        except ValueError as error:
            return None, f"{name}: {error} — ignored"
    if name == "q":
        return value[:MAX_SEARCH], None
    allowed = {"claim": dataset.claim, "lang": LANGUAGES, "by": GROUPINGS}[name]
    if value in allowed:
        return value, None
    return None, f"unknown {name} '{shown(value)}' — ignored"


def shown(text: str, limit: int = 60) -> str:
    """A value quoted back to the reader, cut short: a link may carry anything."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def default_state(dataset: Dataset) -> ViewState:
    return ViewState(topics=tuple(default_topics(dataset)))


def write_query(state: ViewState, dataset: Dataset) -> str:
    """The canonical query string: defaults left out, so links stay short and stable. The
    filters' part is the library's (`view_pairs`), which charts' links use too."""
    pairs = view_pairs(state.claim_filter(), dataset, state.events)
    defaults = ViewState()
    pairs += [(name, getattr(state, field)) for name, field in READER_PARAMS.items()
              if getattr(state, field) != getattr(defaults, field)]
    return query_string(pairs)


def with_claim(state: ViewState, claim: str) -> ViewState:
    return dataclasses.replace(state, claim=claim)


def read_fields(fields: Mapping[str, Any], dataset: Dataset) -> tuple[ViewState, list[str]]:
    """The state that control values (or stored state) describe, checked like a link.

    Keys are ViewState field names; an empty topic list means every topic, and a switch
    is on when its value is true (a ticked checklist's `["on"]`, or stored `True`).
    """
    params: dict[str, list[str]] = {
        "topic": list(fields.get("topics") or [ALL]),
        "speaker": list(fields.get("speakers") or []),
        "source": list(fields.get("sources") or []),
    }
    for name, field in TEXT_PARAMS.items():
        if field in fields:
            params[name] = [str(fields[field] or "")]
    for name, field in SWITCHES.items():
        if field in fields:
            params[name] = ["on" if fields[field] else "off"]
    return read_params(params, dataset)


def control_values(state: ViewState) -> dict[str, Any]:
    """What each filter control shows for a state (the inverse of `read_fields`)."""
    return {"topics": list(state.topics), "speakers": list(state.speakers),
            "sources": list(state.sources), "since": state.since, "until": state.until,
            "search": state.search, "lang": state.lang, "by": state.by,
            "events": ["on"] if state.events else []}


def first_point(point_data: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """The point of a chart's click or hover data (empty when there is none)."""
    return ((point_data or {}).get("points") or [{}])[0]


def pointed_claim(point_data: Mapping[str, Any] | None) -> str:
    """The claim id behind a clicked or hovered chart point ('' for no claim).

    Claim markers carry their claim ids as plotly `ids`, which a point reports as `id`;
    other traces carry none.
    """
    claim = first_point(point_data).get("id")
    return claim if isinstance(claim, str) else ""


def href(state: ViewState, dataset: Dataset, root: str = "/") -> str:
    """The link that opens `state` on the main page under the app's `root` path."""
    return root + write_query(state, dataset)
