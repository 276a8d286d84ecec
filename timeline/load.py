"""Read a claims file into a validated `Dataset`, or fail with every problem found.

This is the only door into the data: YAML is read safely, size and shape are
bounded before any real work, and nothing reaches the DataFrame unchecked.
The file is only ever read.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from timeline.dataset import Dataset
from timeline.problems import ClaimsError, Problem, UnreadableFile
from timeline.schema import HEADER, OPTIONAL_SECTIONS, SECTIONS, DatasetHeader
from timeline.validate import (
    KINDS,
    Declared,
    Entry,
    check_across,
    closest,
    record_name,
    validate_header,
    validate_section,
)
from timeline.yamlnodes import SEQUENCE_TAG, Builder, LimitExceeded, Located

MAX_BYTES = int(os.environ.get("TIMELINE_MAX_BYTES", 200 * 1024 * 1024))
"""Files above this size are refused before parsing (override with TIMELINE_MAX_BYTES)."""


def load_claims(path: str | os.PathLike[str]) -> Dataset:
    """Load and validate a claims file. Raises `ClaimsError` listing every problem."""
    path = Path(path)
    data = read_bytes(path)
    return parse_claims(data, str(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes; `UnreadableFile` when it is missing or a folder.

    A file over the size limit is refused before it is read: parsing it would
    take minutes and gigabytes, and no real claims file is that large.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ClaimsError([Problem(str(path), None, f"file is {size / 2**20:.0f} MB, over the "
                                       f"{MAX_BYTES / 2**20:.0f} MB limit (TIMELINE_MAX_BYTES)")])
        return path.read_bytes()
    except OSError as error:
        raise UnreadableFile([Problem(str(path), None,
                                      f"cannot read file: {error.strerror or error}")]) from None


def parse_claims(data: bytes, path: str = "<claims>") -> Dataset:
    """Validate the bytes of a claims file (the pure core of `load_claims`)."""
    builder = Builder(path, budget=len(data) + 1000)
    try:
        top, where = builder.read(_decode(data, path))
        header, sections, problems = _read_sections(top, where, builder)
    except LimitExceeded as limit:
        raise ClaimsError([limit.problem]) from None
    problems += check_across(sections, path)
    errors = [p for p in problems if not p.note]
    if errors:
        raise ClaimsError(sorted(errors, key=lambda p: p.line or 0))
    records = {name: [e.record for e in entries] for name, entries in sections.items()}
    lines = {e.record.id: e.where.line for name in ("claims", "events")
             for e in sections[name]}
    return Dataset(**records, header=header, path=path, lines=lines,
                   digest=hashlib.sha256(data).hexdigest(),
                   notes=tuple(sorted(problems, key=lambda p: p.line or 0)))


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ClaimsError([Problem(path, line, "the file is not UTF-8 text: byte "
                                   f"0x{data[error.start]:02x} cannot be decoded — save it "
                                   "as UTF-8")]) from None


REQUIRED_SECTIONS = [name for name in SECTIONS if name not in OPTIONAL_SECTIONS]


def _read_sections(top: Any, where: Located | int | None, builder: Builder
                   ) -> tuple[DatasetHeader | None, dict[str, list[Entry]], list[Problem]]:
    """Check the top level holds the lists, then validate the header and each list.

    Every list's ids are gathered first (valid entries or not), so that references
    are checked in the same pass as fields, and one broken source does not make
    every claim citing it "unknown" as well.
    """
    if not isinstance(top, dict) or not isinstance(where, Located):
        found = "empty" if top is None else "a list" if isinstance(top, list) else "a single value"
        raise LimitExceeded(Problem(builder.path, where if isinstance(where, int) else
                                    where.line if where else None,
                                    f"the file is {found}: expected a mapping with the lists "
                                    f"{', '.join(REQUIRED_SECTIONS)}"))
    problems = _named(builder.problems, top)
    for key in top:
        if key not in SECTIONS and key != HEADER:
            problems.append(Problem(builder.path, where.line_of(key), f"unknown top-level key "
                                    f"'{key}'{closest(str(key), [HEADER, *SECTIONS])}"))
    declared = {name: _declared_ids(top.get(name)) if name in top else None
                for name in SECTIONS}
    header, found = validate_header(top.get(HEADER), where.children.get(HEADER), builder.path,
                                    declared)
    problems += found
    sections = {name: _read_section(name, top, where, builder.path, problems, declared)
                for name in SECTIONS}
    return header, sections, problems


def _declared_ids(items: Any) -> set[str]:
    return {item["id"] for item in items if isinstance(item, dict)
            and isinstance(item.get("id"), str)} if isinstance(items, list) else set()


def _named(raw: list[tuple[Problem, tuple[Any, ...]]], top: dict[str, Any]) -> list[Problem]:
    """Name the record each YAML-level problem (duplicate key, tag) was found in."""
    named = []
    for problem, trail in raw:
        if len(trail) >= 2 and trail[0] in SECTIONS and isinstance(top.get(trail[0]), list):
            items = top[trail[0]]
            item = items[trail[1]] if trail[1] < len(items) else None
            problem = replace(problem, kind=KINDS[trail[0]], record=record_name(item, trail[1]))
        named.append(problem)
    return named


def _read_section(name: str, top: dict[str, Any], where: Located, path: str,
                  problems: list[Problem], declared: Declared) -> list[Entry]:
    items, located = top.get(name), where.children.get(name)
    if name not in top:
        if name not in OPTIONAL_SECTIONS:
            problems.append(Problem(path, where.line, f"missing the list '{name}'"))
        return []
    if not isinstance(items, list) or not isinstance(located, Located):
        problems.append(Problem(path, where.line_of(name), f"'{name}' must be a list of entries"))
        return []
    if located.tag != SEQUENCE_TAG:
        return []  # the builder reported the tag
    entries, found = validate_section(name, located, items, path, declared)
    problems.extend(found)
    return entries
