"""The dashboard's data, re-read when the claims file changes on disk.

Curators edit claims.yaml while the dashboard runs; a saved file shows on the
next page load without a restart. An invalid save never takes the dashboard
down: it keeps serving the last good data and carries the validator's
messages for a banner until the file is fixed. One `LiveDataset` per app —
no module-level state — and a cheap `stat` per request decides whether to
look again.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import timeline
from timeline import ClaimsError, Dataset


class LiveDataset:
    """The latest valid dataset from `path`, plus the problems of a newer invalid save."""

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = Path(path) if path is not None else timeline.find_claims().path
        self._stamp = self._stat()
        self._dataset = timeline.load(self.path, cache=True)  # raises: no good data yet
        self._problems: list[str] = []
        self._lock = threading.Lock()

    def _stat(self) -> tuple[int, int] | None:
        try:
            status = self.path.stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size

    def current(self) -> Dataset:
        """The dataset to show now, reloading first if the file changed since last look."""
        stamp = self._stat()
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    self._reload(stamp)
        return self._dataset

    def _reload(self, stamp: tuple[int, int] | None) -> None:
        try:
            self._dataset = timeline.load(self.path, cache=True)
            self._problems = []
        except ClaimsError as error:
            self._problems = error.report_lines()
        self._stamp = stamp

    @property
    def problems(self) -> list[str]:
        """Why the file on disk is not what is shown (empty when it is)."""
        return list(self._problems)
