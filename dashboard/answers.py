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
from typing import Generic, TypeVar

Answer = TypeVar("Answer")

ANSWERS_KEPT = 128
"""Per app (so per gunicorn worker): charts, heatmaps, claim cards, then vs. now, the
publication frame, a view's moves and blocks of table rows. They are shared between the
requests of one filter change (repeated requests are answered whole by
`dashboard.replies`). A chart is at most a few hundred kilobytes, as dense lanes are
aggregated (see `timeline.lod`), so this holds some tens of megabytes at most."""


class Answers(Generic[Answer]):
    """A thread-safe LRU of answers keyed by (file digest, what, view, …), holding at most
    `kept` answers, or answers weighing at most `kept` by `weigh` (bytes, say)."""

    def __init__(self, kept: int | None = None,
                 weigh: Callable[[Answer], int] = lambda _answer: 1) -> None:
        self._kept = ANSWERS_KEPT if kept is None else kept
        self._weigh = weigh
        self._weight = 0
        self._answers: OrderedDict[Hashable, tuple[Answer, int]] = OrderedDict()
        self._lock = threading.Lock()

    def find(self, key: Hashable) -> Answer | None:
        """The answer kept for `key`, if any (then used most recently)."""
        with self._lock:
            if key not in self._answers:
                return None
            self._answers.move_to_end(key)
            return self._answers[key][0]

    def keep(self, key: Hashable, answer: Answer) -> None:
        """Keep `answer` for `key`; the least recently used go while over the bound (an
        answer heavier than the whole bound is not kept)."""
        weight = self._weigh(answer)
        if weight > self._kept:
            return
        with self._lock:
            if key in self._answers:
                self._weight -= self._answers.pop(key)[1]
            self._answers[key] = (answer, weight)
            self._weight += weight
            while self._weight > self._kept:
                self._weight -= self._answers.popitem(last=False)[1][1]

    def get(self, key: Hashable, work_out: Callable[[], Answer]) -> Answer:
        """The answer kept for `key`, else `work_out()`'s, kept from now on. Two threads
        asking for a new key at once may both work it out; either answer is the same."""
        found = self.find(key)
        if found is None:
            found = work_out()
            self.keep(key, found)
        return found
