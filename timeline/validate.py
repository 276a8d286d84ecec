"""Check records against the schema and against each other, with line numbers.

Each entry is validated on its own so that one bad claim never hides the
problems of the next; pydantic's errors are reworded for curators and
pinned to the line of the offending field.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from timeline.problems import Problem, shown
from timeline.schema import SECTIONS, Claim, Record, Source
from timeline.yamlnodes import Located, line

KINDS = {"topics": "topic", "speakers": "speaker", "sources": "source", "claims": "claim"}


@dataclass(frozen=True)
class Entry:
    """A validated record and where it is in the file (for line numbers)."""

    record: Any
    where: Located


def closest(word: str, choices: Iterable[str]) -> str:
    """' — did you mean …?' for a misspelled name, or nothing."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{matches[0]}'?" if matches else ""


def validate_section(section: str, where: Located, items: list[Any],
                     path: str) -> tuple[list[Entry], list[Problem]]:
    """Validate every entry of one of the four lists."""
    model, kind = SECTIONS[section], KINDS[section]
    entries: list[Entry] = []
    problems: list[Problem] = []
    fields_sets: dict[frozenset[str], set[str]] = {}
    for index, item in enumerate(items):
        name, item_where = record_name(item, index), where.children[index]
        if not isinstance(item, dict) or not isinstance(item_where, Located):
            problems.append(Problem(path, _error_line((), item_where),
                                    f"each entry of '{section}' must be a mapping of fields",
                                    kind, name))
            continue
        try:
            entries.append(Entry(shared_fields_set(model.model_validate(item), fields_sets),
                                 item_where))
        except ValidationError as error:
            problems += [Problem(path, _error_line(err["loc"], item_where), _describe(err, model),
                                 kind, name) for err in error.errors()]
    return entries, problems


def shared_fields_set(record: Record, seen: dict[frozenset[str], set[str]]) -> Record:
    """`record`, its set of fields given shared with the records before it that gave the
    same fields.

    Pydantic keeps that set on every record, 728 bytes for a claim: 73 MB of a
    100,000-claim dataset, in every process that loads it. Records are frozen,
    so pydantic never changes the set in place (a copy with changes copies it).
    """
    given = record.model_fields_set
    object.__setattr__(record, "__pydantic_fields_set__", seen.setdefault(frozenset(given), given))
    return record


def record_name(item: Any, index: int) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    return ident if isinstance(ident, str) and ident.strip() else f"#{index + 1}"


def _error_line(loc: tuple[Any, ...], where: Located | int) -> int:
    """Follow the error's location into the file as far as it goes."""
    for step in loc:
        if not isinstance(where, Located) or step not in where.children:
            break
        where = where.children[step]
    return line(where)


def _describe(err: Any, model: type[Record]) -> str:
    """Reword one pydantic error for a person editing YAML by hand."""
    field = ".".join(str(part) for part in err["loc"]) or "entry"
    kind, value = err["type"], err.get("input")
    if kind == "extra_forbidden":
        return f"unknown field '{field}'{closest(field, model.model_fields)}"
    if kind == "missing":
        return f"missing required field '{field}'"
    if field == "stance":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"stance must be an integer from -2 to 2, not {shown(value)}"
        problem = "is not an integer" if isinstance(value, float) and -2 <= value <= 2 else (
            "is off the scale")
        return f"stance {value} {problem} — use an integer from -2 to 2"
    if kind in ("string_too_short", "too_short"):
        return f"{field} is empty"
    if kind == "string_pattern_mismatch":
        return (f"{field} '{value}' is not a valid id — use lowercase letters, digits and "
                "single hyphens")
    if kind == "value_error":
        return f"{field} {err['ctx']['error']}"
    if kind == "string_type" and value is None:
        return f"{field} is empty"
    if kind == "string_type" and not isinstance(value, dict | list):
        return f"{field} must be text, not {shown(value)} — put it in quotes"
    if kind in ("string_type", "list_type"):
        wanted = "text" if kind == "string_type" else "a list"
        return f"{field} must be {wanted}, not {shown(value)}"
    return f"{field}: {err['msg'].lower()}"


def check_references(sections: dict[str, list[Entry]], declared: dict[str, set[str] | None],
                     path: str) -> list[Problem]:
    """Ids are unique, every reference resolves, and dates are consistent.

    `declared` holds each list's ids (None for a missing list, whose
    references are then not checked: its absence is already reported).
    """
    problems = [p for name, entries in sections.items()
                for p in _duplicate_ids(entries, KINDS[name], path)]
    sources = {e.record.id: e.record for e in sections["sources"]}
    for entry in sections["claims"]:
        problems += [Problem(path, line, message, "claim", entry.record.id)
                     for line, message in _claim_reference_problems(entry, declared, sources)]
    return problems


def _duplicate_ids(entries: list[Entry], kind: str, path: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for entry in entries:
        ident, line = entry.record.id, entry.where.line
        if ident in seen:
            yield Problem(path, line, f"duplicate id (first at line {seen[ident]})", kind, ident)
        else:
            seen[ident] = line


def _claim_reference_problems(entry: Entry, declared: dict[str, set[str] | None],
                              sources: dict[str, Source]) -> Iterator[tuple[int, str]]:
    claim: Claim = entry.record
    for field, section in (("speaker", "speakers"), ("topic", "topics"), ("source", "sources")):
        value, known = getattr(claim, field), declared[section]
        if known is not None and value not in known:
            yield (_error_line((field,), entry.where),
                   f"unknown {field} '{value}'{closest(value, known)}")
    known_sources = declared["sources"]
    for index, other in enumerate(claim.also_in):
        line = _error_line(("also_in", index), entry.where)
        if known_sources is not None and other not in known_sources:
            yield line, f"unknown source '{other}' in also_in{closest(other, known_sources)}"
        elif other == claim.source:
            yield line, f"also_in repeats the claim's own source '{other}'"
    source = sources.get(claim.source)
    if source is not None and claim.date.start > source.published.end:
        yield (_error_line(("date",), entry.where),
               f"date '{claim.date}' is after its source was published ({source.published})")
