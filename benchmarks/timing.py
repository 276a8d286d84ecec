"""The one way benchmarks time things: the median of several runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    return medians_in_turn({"action": action}, repeat)["action"]


def medians_in_turn(actions: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median seconds of each action, run in turns (one of each, `repeat` times).

    Figures meant to be compared as a ratio are timed in turns, so that a busy
    spell of this shared machine slows both sides of the ratio, not one.
    """
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(runs) for name, runs in times.items()}
