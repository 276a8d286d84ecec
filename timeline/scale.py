"""The stance scale: what each level means on every topic (DATA.md, "The stance scale").

One table for every place that explains the scale, the report and the dashboard's
"how to read" panel; a test keeps it equal to DATA.md's. What the ends mean on a
topic is the data's (each topic's `negative` and `positive`).
"""

from __future__ import annotations

STANCE_LEVELS: tuple[tuple[int, str], ...] = (
    (-2, "explicitly and unreservedly at the negative pole"),
    (-1, "leans negative: a limit, a cost, a deprioritisation"),
    (0, "balanced, both, undecided, or a caveat without a verdict"),
    (1, "leans positive, with hedges or conditions, or ranked below other goals"),
    (2, "explicitly and unreservedly at the positive pole"),
)
"""Each level of the −2…+2 scale and what it means, lowest first."""
