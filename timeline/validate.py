"""Check records against the schema and against each other, with line numbers.

Each entry is validated on its own so that one bad claim never hides the
problems of the next; pydantic's errors are reworded for curators and
pinned to the line of the offending field.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from timeline.problems import Problem, shown
from timeline.schema import (
    DEPRECATED_FIELDS,
    HEADER,
    SECTIONS,
    ZERO_WIDTH,
    Claim,
    DatasetHeader,
    Record,
    Source,
)
from timeline.yamlnodes import Located, line

KINDS = {"topics": "topic", "speakers": "speaker", "sources": "source", "claims": "claim",
         "events": "event", "codings": "coding", HEADER: HEADER}
MODELS: dict[str, type[Record]] = {**SECTIONS, HEADER: DatasetHeader}
REFERENCES: dict[str, dict[str, str]] = {
    "claims": {"speaker": "speakers", "topic": "topics", "source": "sources",
               "also_in": "sources"},
    "events": {"topics": "topics", "source": "sources"},
    "codings": {"claim": "claims"},
    HEADER: {"featured_topics": "topics"},
}
"""Fields that name a record of another list: field → that list."""


@dataclass(frozen=True)
class Entry:
    """A validated record and where it is in the file (for line numbers)."""

    record: Any
    where: Located


def closest(word: str, choices: Iterable[str]) -> str:
    """' — did you mean …?' for a misspelled name, or nothing."""
    import difflib  # here: a valid file never needs it, and `validate` starts on every save

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{matches[0]}'?" if matches else ""


Declared = dict[str, set[str] | None]
"""Each list's ids (valid entries or not), None for a list that is missing: references to
a missing list are not checked, its absence is already reported."""


def validate_section(section: str, where: Located, items: list[Any], path: str,
                     declared: Declared) -> tuple[list[Entry], list[Problem]]:
    """Validate every entry of one of the lists: fields, and the references it makes."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    fields_sets: dict[frozenset[str], set[str]] = {}
    for index, item in enumerate(items):
        name, item_where = record_name(item, index), where.children[index]
        if not isinstance(item, dict) or not isinstance(item_where, Located):
            problems.append(Problem(path, _error_line((), item_where),
                                    f"each entry of '{section}' must be a mapping of fields",
                                    KINDS[section], name))
            continue
        entry, found = validate_entry(section, item, item_where, path, declared, name)
        problems += found
        if entry is not None:
            entries.append(Entry(shared_fields_set(entry, fields_sets), item_where))
    return entries, problems


def validate_entry(section: str, item: dict[str, Any], where: Located, path: str,
                   declared: Declared, name: str) -> tuple[Record | None, list[Problem]]:
    """One entry's record (None when invalid) and every problem it has, all in one pass:
    a wrong reference is reported beside a wrong field, not after it is fixed."""
    model, kind = MODELS[section], KINDS[section]
    item, notes = renamed_fields(section, item, where)
    problems = [Problem(path, at, message, kind, name, note=True) for at, message in notes]
    problems += [Problem(path, at, message, kind, name)
                 for at, message in reference_problems(section, item, where, declared)]
    problems += [Problem(path, at, message, kind, name, note=True)
                 for at, message in invisible_characters(item, where)]
    try:
        return model.model_validate(item), problems
    except ValidationError as error:
        return None, problems + [Problem(path, _error_line(err["loc"], where),
                                         _describe(err, model), kind, name)
                                 for err in error.errors()]


def renamed_fields(section: str, item: dict[str, Any], where: Located
                   ) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """The entry with deprecated fields moved to their new names, and a note for each."""
    notes = []
    for old, (new, language) in DEPRECATED_FIELDS.get(section, {}).items():
        if old not in item:
            continue
        item = dict(item)
        value = item.pop(old)
        if new in item and not isinstance(item[new], dict):
            notes.append((_error_line((old,), where), f"'{old}' is deprecated and '{new}' "
                          f"is given too: '{old}' is ignored — delete it"))
            continue
        if language:
            item[new] = {language: value, **(item.get(new) or {})}
            hint = f"'{new}: {{{language}: …}}'"
        else:
            item[new] = value
            hint = f"'{new}' (in the dataset's reading language)"
        notes.append((_error_line((old,), where), f"'{old}' is deprecated: write it as {hint}"))
    return item, notes


def reference_problems(section: str, item: dict[str, Any], where: Located,
                       declared: Declared) -> Iterator[tuple[int, str]]:
    """Names of records in other lists that no record carries."""
    for field, target in REFERENCES.get(section, {}).items():
        known, value = declared.get(target), item.get(field)
        if known is None:
            continue
        values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, name in values:
            if isinstance(name, str) and name not in known:
                loc = (field,) if index is None else (field, index)
                yield (_error_line(loc, where),
                       f"unknown {KINDS[target]} '{name}'"
                       f"{' in ' + field if index is not None else ''}{closest(name, known)}")


def invisible_characters(item: dict[str, Any], where: Located) -> Iterator[tuple[int, str]]:
    for field, value in item.items():
        found = ZERO_WIDTH.search(value) if isinstance(value, str) else None
        if found:
            yield (_error_line((field,), where),
                   f"{field} holds an invisible U+{ord(found.group()):04X} at character "
                   f"{found.start() + 1}: keep it only if the source has it (verify checks "
                   "quotes)")


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
    """The record's id; a coding's claim and coder; or its number in the list."""
    if isinstance(item, dict):
        ident, claim, coder = item.get("id"), item.get("claim"), item.get("coder")
        if isinstance(ident, str) and ident.strip():
            return ident
        if isinstance(claim, str) and isinstance(coder, str):
            return f"{claim}/{coder}"
    return f"#{index + 1}"


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


def check_across(sections: dict[str, list[Entry]], path: str) -> list[Problem]:
    """What needs several records at once: unique ids and codings, and dates that fit
    their sources."""
    problems = [p for name, entries in sections.items() if name != "codings"
                for p in _duplicate_ids(entries, KINDS[name], path)]
    problems += _duplicate_codings(sections["codings"], path)
    sources = {e.record.id: e.record for e in sections["sources"]}
    for name in ("claims", "events"):
        for entry in sections[name]:
            problems += [Problem(path, line, message, KINDS[name], entry.record.id)
                         for line, message in _date_problems(entry, sources)]
    for entry in sections["claims"]:
        problems += [Problem(path, _error_line(("also_in", index), entry.where),
                             f"also_in repeats the claim's own source '{other}'", "claim",
                             entry.record.id)
                     for index, other in enumerate(entry.record.also_in)
                     if other == entry.record.source]
    return problems


def _duplicate_ids(entries: list[Entry], kind: str, path: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for entry in entries:
        ident, line = entry.record.id, entry.where.line
        if ident in seen:
            yield Problem(path, line, f"duplicate id (first at line {seen[ident]})", kind, ident)
        else:
            seen[ident] = line


def _duplicate_codings(entries: list[Entry], path: str) -> Iterator[Problem]:
    seen: dict[tuple[str, str], int] = {}
    for entry in entries:
        key, line = (entry.record.claim, entry.record.coder), entry.where.line
        if key in seen:
            yield Problem(path, line, f"a second coding by the same coder (first at line "
                          f"{seen[key]})", "coding", "/".join(key))
        else:
            seen[key] = line


def _date_problems(entry: Entry, sources: dict[str, Source]) -> Iterator[tuple[int, str]]:
    """A statement cannot postdate its source's publication, nor a claim predate the
    conversation it was said in."""
    record, source = entry.record, sources.get(entry.record.source)
    if source is None:
        return
    at = _error_line(("date",), entry.where)
    if source.published is not None and record.date.start > source.published.end:
        yield at, (f"date '{record.date}' is after its source was published "
                   f"({source.published})")
    if (isinstance(record, Claim) and source.held is not None
            and record.date.end < source.held.start):
        yield at, (f"date '{record.date}' is before its source's conversation was held "
                   f"({source.held})")


def validate_header(header: Any, where: Located | int | None, path: str, declared: Declared
                    ) -> tuple[DatasetHeader | None, list[Problem]]:
    """The dataset header (None when absent or invalid): its fields, and that its
    featured topics exist."""
    if header is None:
        return None, []
    if not isinstance(header, dict) or not isinstance(where, Located):
        return None, [Problem(path, where if isinstance(where, int) else None,
                              "'dataset' must be a mapping of fields (title, language, …)")]
    record, problems = validate_entry(HEADER, header, where, path, declared, HEADER)
    return record if isinstance(record, DatasetHeader) else None, problems
