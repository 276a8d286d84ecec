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

import pandas as pd

import timeline
from timeline import ClaimsError, Dataset
from timeline.figures import with_chart_text


class LiveDataset:
    """The latest valid dataset from `path`, plus the problems of a newer invalid save."""

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = Path(path) if path is not None else timeline.default_claims_path()
        self._stamp = self._stat()
        self._show(timeline.load(self.path, cache=True))  # raises: no good data yet
        self._problems: list[str] = []
        self._lock = threading.Lock()

    def _show(self, dataset: Dataset) -> None:
        """Serve `dataset` from now on, its chart text wrapped now rather than in the first
        callback (seconds at 100,000 claims). One assignment, so readers see both or neither."""
        self._charted = dataset, with_chart_text(dataset.frame())

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
        return self._charted[0]

    def _reload(self, stamp: tuple[int, int] | None) -> None:
        try:
            self._show(timeline.load(self.path, cache=True))
            self._problems = []
        except ClaimsError as error:
            self._problems = error.report_lines()
        self._stamp = stamp

    def chart_frame(self, dataset: Dataset) -> pd.DataFrame:
        """`dataset.frame()` with the chart's hover text, wrapped once per dataset, not
        per callback (at 100,000 claims that was most of the chart's cost)."""
        shown, frame = self._charted
        return frame.copy(deep=False) if shown is dataset else with_chart_text(dataset.frame())

    @property
    def problems(self) -> list[str]:
        """Why the file on disk is not what is shown (empty when it is)."""
        return list(self._problems)
