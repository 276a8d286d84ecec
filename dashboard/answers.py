"""Answers the callbacks have already worked out, kept per file and view.

A chart, heatmap, claim card or block of table rows is a pure function of the
claims file's bytes (its digest) and the view, and the data only changes when
the file is saved: many readers asking for the same views (a shared link, the
default view, a topic everyone opens) get the answer built once. Bounded,
least recently used first out; one per app, no module-level state. Callers
must not change what they get back.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

Answer = TypeVar("Answer")

ANSWERS_KEPT = 128
"""Per app (so per gunicorn worker): charts, heatmaps, claim cards with then vs. now, and
blocks of table rows. A chart is at most a few hundred kilobytes, as dense lanes are
aggregated (see `timeline.lod`), so this holds some tens of megabytes at most."""


class Answers:
    """A thread-safe LRU of answers keyed by (file digest, what, view, …)."""

    def __init__(self, kept: int | None = None) -> None:
        self._kept = ANSWERS_KEPT if kept is None else kept
        self._answers: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, work_out: Callable[[], Answer]) -> Answer:
        """The answer kept for `key`, else `work_out()`'s, kept from now on. Two threads
        asking for a new key at once may both work it out; either answer is the same."""
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]  # type: ignore[return-value]
        answer = work_out()
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self._kept:
                self._answers.popitem(last=False)
        return answer
