"""Safe YAML reading that keeps line numbers and refuses what PyYAML lets slide.

PyYAML's safe loader silently keeps the last of two equal keys (`stance: 1`
then `stance: 2` loses data without a word) and forgets where each value came
from. Here the file is composed into nodes (with libyaml's C parser when
present) and turned into plain Python by hand, so that duplicate keys, tags
that are not plain data, and alias bombs become `Problem`s with line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from timeline.problems import Problem

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


class _Loader(Composer, _Parser, Resolver):  # type: ignore[misc]
    """libyaml's events composed by PyYAML's Python composer.

    libyaml's own composer recurses in C and crashes the process on a file of
    100,000 nested brackets; the Python composer raises RecursionError instead.
    """

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        Resolver.__init__(self)

_TAG = "tag:yaml.org,2002:"
SEQUENCE_TAG, MAPPING_TAG = _TAG + "seq", _TAG + "map"
_SCALARS = {
    _TAG + "str": "construct_yaml_str",
    _TAG + "int": "construct_yaml_int",
    _TAG + "float": "construct_yaml_float",
    _TAG + "bool": "construct_yaml_bool",
    _TAG + "null": "construct_yaml_null",
    _TAG + "timestamp": "construct_yaml_timestamp",
}
_constructor = yaml.constructor.SafeConstructor()


def line_of(node: yaml.Node) -> int:
    """1-based line where a node starts."""
    return node.start_mark.line + 1


def compose(text: str, path: str) -> yaml.Node | None | Problem:
    """Parse YAML text into a node tree, or a Problem saying where it breaks."""
    try:
        loader = _Loader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or error.context or "syntax error"
        if error.context and error.context_mark and error.problem:
            reason += f" ({error.context} at line {error.context_mark.line + 1})"
        return Problem(path, line, f"not valid YAML: {reason}")
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        return Problem(path, line, f"not valid YAML: unacceptable character #x{error.character:04x}"
                                   f" ({error.reason})")
    except yaml.YAMLError as error:
        return Problem(path, None, f"not valid YAML: {str(error).splitlines()[0]}")
    except RecursionError:
        return Problem(path, None, "not valid YAML: nested too deeply")


@dataclass
class Builder:
    """Turns nodes into plain data, collecting problems instead of raising.

    `budget` caps the number of nodes built: aliases let a few lines expand to
    billions of values ("billion laughs"), and a file of N bytes has fewer
    than N genuine nodes, so a budget of about the file size stops bombs
    without ever limiting a real file.
    """

    path: str
    budget: int
    max_depth: int = 64
    problems: list[Problem] = field(default_factory=list)

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise LimitExceeded(Problem(self.path, line_of(node),
                                     "too many values — an alias bomb or a runaway anchor?"))
        if depth > self.max_depth:
            raise LimitExceeded(Problem(self.path, line_of(node),
                                     f"nested more than {self.max_depth} levels deep"))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, SEQUENCE_TAG)
            return [self.build(item, depth + 1) for item in node.value]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        self.check_tag(node, MAPPING_TAG)
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, depth + 1)
            if not isinstance(key, str):
                self.problems.append(Problem(self.path, line_of(key_node),
                                             f"key {key!r} must be text"))
                continue
            if key in first_line:
                self.problems.append(Problem(
                    self.path, line_of(key_node),
                    f"duplicate key '{key}' (first at line {first_line[key]}) — "
                    "YAML would silently keep only the last value"))
                continue
            first_line[key] = line_of(key_node)
            result[key] = self.build(value_node, depth + 1)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        method = _SCALARS.get(node.tag)
        if method is None:
            self.problems.append(Problem(self.path, line_of(node),
                                         f"tag '{node.tag}' is not allowed: only plain data"))
            return None
        try:
            return getattr(_constructor, method)(node)
        except (ValueError, yaml.YAMLError):
            return node.value  # 2023-02-29 looks like a date but is none: the schema says why

    def check_tag(self, node: yaml.Node, expected: str) -> bool:
        """Report a tag that asks for more than plain data (`!!python/object`, …)."""
        if node.tag == expected:
            return True
        self.problems.append(Problem(self.path, line_of(node),
                                     f"tag '{node.tag}' is not allowed: only plain data"))
        return False


class LimitExceeded(Exception):
    """A size limit was hit: nothing more of the file is worth reading."""

    def __init__(self, problem: Problem):
        self.problem = problem
