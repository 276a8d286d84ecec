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

import yaml

from timeline.dataset import Dataset
from timeline.problems import ClaimsError, Problem, UnreadableFile
from timeline.schema import SECTIONS
from timeline.validate import KINDS, Entry, check_references, closest, record_name, validate_section
from timeline.yamlnodes import SEQUENCE_TAG, Builder, LimitExceeded, compose, line_of

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
    root = compose(_decode(data, path), path)
    if isinstance(root, Problem):
        raise ClaimsError([root])
    builder = Builder(path, budget=len(data) + 1000)
    try:
        sections, declared = _read_sections(root, builder)
    except LimitExceeded as limit:
        raise ClaimsError([limit.problem]) from None
    problems = builder.problems + check_references(sections, declared, path)
    if problems:
        raise ClaimsError(sorted(problems, key=lambda p: p.line or 0))
    records = {name: [e.record for e in entries] for name, entries in sections.items()}
    lines = {e.record.id: line_of(e.node) for e in sections["claims"]}
    return Dataset(**records, path=path, lines=lines, digest=hashlib.sha256(data).hexdigest())


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ClaimsError([Problem(path, line, "the file is not UTF-8 text: byte "
                                   f"0x{data[error.start]:02x} cannot be decoded — save it "
                                   "as UTF-8")]) from None


_SHAPES = {"SequenceNode": "a list", "ScalarNode": "a single value"}


def _read_sections(root: yaml.Node | None, builder: Builder) -> tuple[dict[str, list[Entry]],
                                                                    dict[str, set[str] | None]]:
    """Check the top level holds the four lists, then validate each list's entries.

    Also returns the ids each list declares (valid entries or not; None for a
    list that is missing), so one broken source does not make every claim
    citing it "unknown" as well.
    """
    if not isinstance(root, yaml.MappingNode):
        found = "empty" if root is None else _SHAPES.get(type(root).__name__, "not a mapping")
        raise LimitExceeded(Problem(builder.path, line_of(root) if root is not None else None,
                                    f"the file is {found}: expected a mapping with the lists "
                                    f"{', '.join(SECTIONS)}"))
    nodes = _top_level(root, builder)
    sections: dict[str, list[Entry]] = {}
    declared: dict[str, set[str] | None] = {}
    for name in SECTIONS:
        sections[name], declared[name] = _read_section(name, nodes.get(name), root, builder)
    return sections, declared


def _top_level(root: yaml.MappingNode, builder: Builder) -> dict[str, yaml.Node]:
    nodes: dict[str, yaml.Node] = {}
    for key, value in root.value:
        name, line = builder.build(key, depth=1), line_of(key)
        if not isinstance(name, str):
            builder.problems.append(Problem(builder.path, line, f"key {name!r} must be text"))
        elif name in nodes:
            builder.problems.append(Problem(builder.path, line, f"duplicate key '{name}' (first "
                                            f"at line {line_of(nodes[name])}) — YAML would "
                                            "silently keep only the last value"))
        elif name in SECTIONS:
            nodes[name] = value
        else:
            builder.problems.append(Problem(builder.path, line, f"unknown top-level key "
                                            f"'{name}'{closest(str(name), SECTIONS)}"))
    return nodes


def _read_section(name: str, node: yaml.Node | None, root: yaml.Node,
                  builder: Builder) -> tuple[list[Entry], set[str] | None]:
    if node is None:
        builder.problems.append(Problem(builder.path, line_of(root),
                                        f"missing the list '{name}'"))
        return [], None
    if not isinstance(node, yaml.SequenceNode):
        builder.problems.append(Problem(builder.path, line_of(node),
                                        f"'{name}' must be a list of entries"))
        return [], None
    if not builder.check_tag(node, SEQUENCE_TAG):
        return [], None
    items = [_build_entry(builder, item, KINDS[name], index)
             for index, item in enumerate(node.value)]
    entries, problems = validate_section(name, node, items, builder.path)
    builder.problems.extend(problems)
    return entries, {item["id"] for item in items
                     if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _build_entry(builder: Builder, node: yaml.Node, kind: str, index: int) -> object:
    """Build one entry, naming it in the YAML-level problems it raises (duplicate keys, tags)."""
    before = len(builder.problems)
    item = builder.build(node, depth=2)
    name = record_name(item, index)
    builder.problems[before:] = [replace(p, kind=kind, record=name)
                                 for p in builder.problems[before:]]
    return item
