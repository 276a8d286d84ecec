"""Read a claims file into a validated `Dataset`, or fail with every problem found.

This is the only door into the data: YAML is read safely, size and shape are
bounded before any real work, and nothing reaches the DataFrame unchecked.
The file is only ever read.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import yaml

from timeline.dataset import Dataset
from timeline.problems import ClaimsError, Problem, UnreadableFile
from timeline.schema import SECTIONS
from timeline.validate import Entry, check_references, closest, validate_section
from timeline.yamlnodes import Builder, LimitExceeded, compose, line_of

MAX_BYTES = int(os.environ.get("TIMELINE_MAX_BYTES", 512 * 1024 * 1024))
"""Files above this size are refused before parsing (override with TIMELINE_MAX_BYTES)."""


def load_claims(path: str | os.PathLike[str]) -> Dataset:
    """Load and validate a claims file. Raises `ClaimsError` listing every problem."""
    path = Path(path)
    data = read_bytes(path)
    return parse_claims(data, str(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes; `UnreadableFile` when it is missing, a folder or too large."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFile([Problem(str(path), None, f"file is {size / 2**20:.0f} MB, over "
                                          f"the {MAX_BYTES / 2**20:.0f} MB limit "
                                          "(TIMELINE_MAX_BYTES)")])
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
        sections = _read_sections(root, builder)
    except LimitExceeded as limit:
        raise ClaimsError([limit.problem]) from None
    problems = builder.problems + check_references(sections, path)
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


def _read_sections(root: yaml.Node | None, builder: Builder) -> dict[str, list[Entry]]:
    """Check the top level has the four lists, then validate each list's entries."""
    path = builder.path
    if not isinstance(root, yaml.MappingNode):
        found = "empty" if root is None else f"a {type(root).__name__.removesuffix('Node').lower()}"
        line = line_of(root) if root is not None else None
        raise LimitExceeded(Problem(path, line, f"the file is {found}: expected a mapping with "
                                    f"the lists {', '.join(SECTIONS)}"))
    top = builder.build(root)
    nodes: dict[str, yaml.Node] = {}
    for key, value in root.value:  # the first of duplicate keys, as the builder keeps
        nodes.setdefault(key.value, value)
    sections: dict[str, list[Entry]] = {}
    for name in SECTIONS:
        sections[name] = _read_section(name, nodes.get(name), top.get(name), builder)
    for key, _value in root.value:
        if key.value not in SECTIONS:
            builder.problems.append(Problem(path, line_of(key), f"unknown top-level key "
                                            f"'{key.value}'{closest(str(key.value), SECTIONS)}"))
    return sections


def _read_section(name: str, node: yaml.Node | None, items: object,
                  builder: Builder) -> list[Entry]:
    if node is None:
        builder.problems.append(Problem(builder.path, 1, f"missing the list '{name}'"))
        return []
    if not isinstance(node, yaml.SequenceNode) or not isinstance(items, list):
        builder.problems.append(Problem(builder.path, line_of(node),
                                        f"'{name}' must be a list of entries"))
        return []
    entries, problems = validate_section(name, node, items, builder.path)
    builder.problems.extend(problems)
    return entries
