"""Safe YAML reading that keeps line numbers and refuses what PyYAML lets slide.

PyYAML's safe loader silently keeps the last of two equal keys (`stance: 1`
then `stance: 2` loses data without a word) and forgets where each value came
from. Here libyaml's parser (when present) streams events and plain Python
values are built from them directly, without a node tree: a 100,000-claim
file needs a fraction of the memory, and nesting, alias bombs, duplicate keys
and tags that are not plain data become `Problem`s with line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from yaml import events

from timeline.problems import Problem, shown

try:  # libyaml's parser is several times faster; fall back quietly where it is missing
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


_TAG = "tag:yaml.org,2002:"
SEQUENCE_TAG, MAPPING_TAG, STRING_TAG = _TAG + "seq", _TAG + "map", _TAG + "str"
_CONSTRUCTORS = {
    _TAG + "int": "construct_yaml_int",
    _TAG + "float": "construct_yaml_float",
    _TAG + "bool": "construct_yaml_bool",
    _TAG + "null": "construct_yaml_null",
    _TAG + "timestamp": "construct_yaml_timestamp",
}
_constructor = yaml.constructor.SafeConstructor()
_resolver = yaml.resolver.Resolver()


def _construct(tag: str, text: str) -> Any:
    """The Python value of a scalar of a plain-data tag; the text itself for other tags."""
    method = _CONSTRUCTORS.get(tag)
    if method is None:
        return text
    try:
        return getattr(_constructor, method)(yaml.ScalarNode(tag, text))
    except (ValueError, yaml.YAMLError):
        return text  # 2023-02-29 looks like a date but is none: the schema says why


@lru_cache(maxsize=4096)
def _plain(text: str) -> tuple[str, Any]:
    """An unquoted scalar's tag (`2024` an int, `yes` a bool, …) and value. Cached, as a file
    repeats its keys and codes thousands of times; the values are immutable, so shared."""
    tag = str(_resolver.resolve(yaml.ScalarNode, text, (True, False)))
    return tag, _construct(tag, text)


@dataclass(slots=True)
class Located:
    """Where a mapping or list and its parts are: enough to point a message at a line."""

    line: int
    tag: str = ""
    children: dict[Any, Located | int] = field(default_factory=dict)
    """Key (or list index) → the child's `Located`, or the line of a plain value."""

    def line_of(self, key: Any) -> int | None:
        child = self.children.get(key)
        return None if child is None else line(child)


def line(where: Located | int) -> int:
    """The line of a mapping or list, or of a plain value (stored as its line alone)."""
    return where.line if isinstance(where, Located) else where


class LimitExceeded(Exception):
    """A limit was hit or the YAML is broken: nothing more of the file is worth reading."""

    def __init__(self, problem: Problem):
        self.problem = problem


@dataclass(slots=True)
class _Open:
    """A mapping or list being built."""

    value: dict[Any, Any] | list[Any]
    where: Located
    anchor: str | None
    size: int = 1
    key: Any = None
    key_line: int = 0
    has_key: bool = False


@dataclass
class Builder:
    """Builds plain data from the event stream, collecting problems instead of raising.

    `budget` caps the number of values built: aliases let a few lines expand to
    billions of values ("billion laughs"), and a file of N bytes has fewer
    than N genuine values, so a budget of about the file size stops bombs
    without ever limiting a real file. Each problem is recorded with the path
    of keys above it, so the loader can name the record it belongs to.
    """

    path: str
    budget: int
    max_depth: int = 64
    problems: list[tuple[Problem, tuple[Any, ...]]] = field(default_factory=list)

    def read(self, text: str) -> tuple[Any, Located | int | None]:
        """The document's value and its location; raises LimitExceeded on fatal problems."""
        parser = _Parser(text)
        try:
            return self._run(parser)
        except yaml.MarkedYAMLError as error:
            raise LimitExceeded(_syntax_problem(self.path, error)) from None
        except yaml.reader.ReaderError as error:
            line = text.count("\n", 0, error.position) + 1
            message = f"unacceptable character #x{error.character:04x} ({error.reason})"
            raise LimitExceeded(Problem(self.path, line, f"not valid YAML: {message}")) from None
        finally:
            parser.dispose()

    def _run(self, parser: Any) -> tuple[Any, Located | int | None]:
        stack: list[_Open] = []
        anchors: dict[str, tuple[Any, Located | int, int]] = {}
        result: tuple[Any, Located | int | None] = (None, None)
        next_event = parser.get_event  # None once the stream has ended
        while (event := next_event()) is not None:
            kind = type(event)  # compared by identity: this loop meets every value of the file
            if kind is events.ScalarEvent:
                value, where, size = self._scalar(event, stack), event.start_mark.line + 1, 1
                if event.anchor:
                    anchors[event.anchor] = (value, where, size)
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                done = stack.pop()
                value, where, size = done.value, done.where, done.size
                if done.anchor:
                    anchors[done.anchor] = (value, where, size)
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                self._open(event, kind is events.MappingStartEvent, stack)
                continue
            elif kind is events.AliasEvent:
                if event.anchor not in anchors:
                    raise LimitExceeded(Problem(self.path, _event_line(event),
                                                f"unknown alias '*{event.anchor}'"))
                value, where, size = anchors[event.anchor]
            elif kind is events.DocumentStartEvent and result[1] is not None:
                raise LimitExceeded(Problem(self.path, _event_line(event), "more than one YAML "
                                            "document: keep the file to one"))
            else:
                continue
            self.budget -= size
            if self.budget < 0:
                raise LimitExceeded(Problem(self.path, line(where), "too many values — an alias "
                                            "bomb or a runaway anchor?"))
            if stack:
                self._attach(stack, value, where, size)
            else:
                result = (value, where)
        return result

    def _open(self, event: events.CollectionStartEvent, is_map: bool, stack: list[_Open]
              ) -> None:
        at = _event_line(event)
        if len(stack) >= self.max_depth:
            raise LimitExceeded(Problem(self.path, at, f"nested more than {self.max_depth} "
                                        "levels deep"))
        tag = _collection_tag(event, is_map)
        stack.append(_Open({} if is_map else [], Located(at, tag), event.anchor))
        self._check_tag(tag, MAPPING_TAG if is_map else SEQUENCE_TAG, at, stack)

    def _attach(self, stack: list[_Open], value: Any, where: Located | int, size: int) -> None:
        parent = stack[-1]
        parent.size += size
        if isinstance(parent.value, list):
            parent.where.children[len(parent.value)] = where
            parent.value.append(value)
        elif not parent.has_key:
            parent.key, parent.has_key = value, True
            parent.key_line = line(where)
        else:
            parent.has_key = False
            self._set(stack, parent, value, where)

    def _set(self, stack: list[_Open], parent: _Open, value: Any, where: Located | int) -> None:
        key, key_line = parent.key, parent.key_line
        assert isinstance(parent.value, dict)
        if not isinstance(key, str):
            self._report(Problem(self.path, key_line, f"a key must be text, not {shown(key)}"),
                         stack)
        elif key in parent.value:
            first = parent.where.line_of(key)
            self._report(Problem(self.path, key_line, f"duplicate key '{key}' (first at line "
                                 f"{first}) — YAML would silently keep only the last value"),
                         stack)
        else:
            parent.value[key] = value
            parent.where.children[key] = where

    def _scalar(self, event: events.ScalarEvent, stack: list[_Open]) -> Any:
        if event.tag is None:
            if not event.implicit[0]:  # quoted or a block: text
                return event.value
            tag, value = _plain(event.value)
        else:
            tag = STRING_TAG if event.tag == "!" else event.tag
            value = _construct(tag, event.value)
        if tag not in _CONSTRUCTORS and tag != STRING_TAG:
            self._report(Problem(self.path, _event_line(event),
                                 f"tag '{tag}' is not allowed: only plain data"), stack)
            return None
        return value

    def _check_tag(self, tag: str, expected: str, line: int, stack: list[_Open]) -> None:
        if tag != expected:
            self._report(Problem(self.path, line, f"tag '{tag}' is not allowed: only plain data"),
                         stack[:-1])

    def _report(self, problem: Problem, stack: list[_Open]) -> None:
        """Record a problem with the keys/indexes leading to it (for naming its record)."""
        trail = tuple(o.key if isinstance(o.value, dict) else len(o.value) for o in stack)
        self.problems.append((problem, trail))


def _collection_tag(event: events.CollectionStartEvent, is_map: bool) -> str:
    if event.tag in (None, "!"):
        return MAPPING_TAG if is_map else SEQUENCE_TAG
    return event.tag


def _event_line(event: events.Event) -> int:
    return event.start_mark.line + 1


def _syntax_problem(path: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    reason = error.problem or error.context or "syntax error"
    if error.context and error.context_mark and error.problem:
        reason += f" ({error.context} at line {error.context_mark.line + 1})"
    return Problem(path, mark.line + 1 if mark else None, f"not valid YAML: {reason}")
