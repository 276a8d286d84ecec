"""Problems found in a claims file, as data.

Validation collects every problem instead of stopping at the first, so a
curator fixes a file in one pass. The library never prints: callers render
`Problem`s (the CLI as `path:line: claim <id>: message` lines, the dashboard
as a banner).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, located as precisely as the YAML allows."""

    path: str
    line: int | None
    message: str
    kind: str | None = None  # "claim", "topic", "speaker", "source", "event" or "coding"
    record: str | None = None  # the record's id, or "#N" when it has none
    note: bool = False
    """A note (a deprecated field, an invisible character) is shown but does not make the
    file invalid."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        who = f" {self.kind} {self.record}:" if self.kind else ""
        return f"{where}:{' note:' if self.note else ''}{who} {self.message}"


def shown(value: object) -> str:
    """A value from the file as its editor would recognise it in a message: text quoted,
    numbers and dates as typed, anything else by its YAML kind (never a Python repr)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, int | float | dt.date):
        return str(value)
    return "a mapping" if isinstance(value, dict) else "a list"


class ClaimsError(Exception):
    """The claims file cannot be used; `problems` says why, all at once."""

    exit_status = 1
    """For command-line tools: 1 means the data is invalid."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def report_lines(self) -> list[str]:
        """What a person is shown: one line per problem, then how many there are."""
        count = len(self.problems)
        return [str(p) for p in self.problems] + [f"{count} problem{'s' * (count != 1)} found"]


class UnreadableFile(ClaimsError):
    """The file is missing or cannot be read at all (as opposed to holding bad data)."""

    exit_status = 2

    def report_lines(self) -> list[str]:
        return [str(p) for p in self.problems]
