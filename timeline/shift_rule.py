"""When a change of stance is a shift: the rule that separates change from coding noise.

Stances are whole steps on a −2…+2 scale, and two careful coders of one quote
often differ by a step (DATA.md, "Shifts"). So a move of the mean stance from
one point to the next is a **shift** only when it is at least one full step,
and at least the coders' usual disagreement on that topic where the data has
second codings; a **reversal** is a shift whose two points each lie clearly on
their own side of zero (most of each point's codes on that side). Smaller
moves are **drift**, no move at all **steady**.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where used: the CLI reads the defaults at start-up
    import numpy as np

    from timeline.dataset import Dataset

MIN_STEP = 1.0
"""Stance units: the least difference of two points' mean stances that is a shift. One full
step, because independent coders of the same quote differ by a step (in the bundled
data's blind second coding, on about one claim in five; by more, on one in a hundred)."""
REVERSAL_SHARE = 0.5
"""A point is clearly on one side of zero when more than this share of its claims' codes
lie on that side: a mixed point (three +1, two −1, one 0) is on neither side."""
KINDS = ("reversal", "shift", "drift", "steady")
"""Every kind a comparison of two points can have, strongest first."""
CHANGES = ("reversal", "shift")
"""The kinds that are changes of stance; charts ring them and reports list them."""


@dataclass(frozen=True)
class ShiftRule:
    """The thresholds of the shift rule; the defaults are DATA.md's.

    `noise` is a per-topic figure of coding noise in stance units, such as the
    mean absolute difference between two coders' codes of the same claims
    (`coder_noise`): a move smaller than its topic's noise is no shift.
    """

    min_step: float = MIN_STEP
    reversal_share: float = REVERSAL_SHARE
    noise: Mapping[str, float] = field(default_factory=dict)

    def threshold(self, topics: np.ndarray) -> np.ndarray:
        """The least move that is a shift, per comparison on `topics`."""
        import numpy as np

        noise = np.array([self.noise.get(str(topic), 0.0) for topic in topics], dtype=float)
        return np.maximum(self.min_step, noise)

    def side(self, positive: np.ndarray, negative: np.ndarray, claims: np.ndarray
             ) -> np.ndarray:
        """+1, −1 or 0: the side of zero a point is clearly on, from its claims' codes."""
        import numpy as np

        share = self.reversal_share * np.asarray(claims, dtype=float)
        return np.select([np.asarray(positive) > share, np.asarray(negative) > share], [1, -1], 0)


def classify_moves(delta: np.ndarray, threshold: np.ndarray, side_before: np.ndarray,
                   side_after: np.ndarray) -> np.ndarray:
    """The kind of each move (see KINDS): `delta` the change of mean stance, `threshold`
    the least shift, the sides from `ShiftRule.side`."""
    import numpy as np

    size = np.abs(np.asarray(delta, dtype=float))
    big = size >= np.asarray(threshold) - 1e-9  # means of codes: 1.0 may come out 0.999…
    crossed = np.asarray(side_before) * np.asarray(side_after) < 0
    return np.select([big & crossed, big, size > 0], list(KINDS[:3]), KINDS[3])


def coder_noise(dataset: Dataset) -> dict[str, float]:
    """Per topic, the mean absolute difference between coders' codes of one claim (over
    every pair of codings of each claim with two or more): how far coders usually
    disagree. Topics without doubly coded claims have no figure."""
    from statistics import fmean  # here: the CLI imports this module to start, `validate` too

    differences: dict[str, list[float]] = {}
    for claim, codings in dataset.codings_of.items():
        if len(codings) > 1 and claim in dataset.claim:
            pairs = [abs(a.stance - b.stance) for a, b in combinations(codings, 2)]
            differences.setdefault(dataset.claim[claim].topic, []).append(fmean(pairs))
    return {topic: fmean(found) for topic, found in differences.items()}


def dataset_shift_rule(dataset: Dataset, min_step: float = MIN_STEP,
               reversal_share: float = REVERSAL_SHARE, use_noise: bool = True) -> ShiftRule:
    """The rule for `dataset`: its coders' noise per topic when it has second codings."""
    return ShiftRule(min_step, reversal_share, coder_noise(dataset) if use_noise else {})


def rule_text(rule: ShiftRule) -> str:
    """The rule in one sentence, for a table's footer and a chart's legend."""
    noise = (" (or the topic's coder disagreement, where larger)" if rule.noise else "")
    return (f"shift: the mean stance moved at least {rule.min_step:g} "
            f"step{'s' * (rule.min_step != 1)}{noise}; "
            f"reversal: a shift across zero, more than {rule.reversal_share:.0%} of each "
            "point's codes on its side; drift: a smaller move")
