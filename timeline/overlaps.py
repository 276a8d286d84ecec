"""Nested quotes: a claim whose quote lies inside another claim's quote on the same topic.

Two such claims record one passage twice, so that passage counts twice in every point
and shift. A quote inside another from a *different* source, or on another topic, is
fine: repeating a view in a later conversation is new evidence, and one passage may
judge two topics.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from timeline.dataset import Dataset
from timeline.problems import Problem
from timeline.schema import Claim
from timeline.verify import normalise_whitespace

SMALL_GROUP = 64
"""Claims of one source on one topic compared pair by pair; a larger group is searched
through an index of quote starts, so that no file makes validation quadratic."""
KEY_CHARS = 8
"""Length of the start of each quote that the index holds: a quote can lie inside
another only where that other holds its start."""


def nested_quotes(dataset: Dataset) -> list[Problem]:
    """One problem per claim whose quote lies inside (or equals) another claim's quote
    from the same source on the same topic, at the inner claim's line."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in dataset.claims:
        groups[(claim.source, claim.topic)].append(claim)
    problems = []
    for claims in groups.values():
        for inner, outer in _nested_pairs(claims):
            problems.append(Problem(
                dataset.path, dataset.lines.get(inner.id),
                f"quote lies inside the quote of claim '{outer.id}' (line "
                f"{dataset.lines.get(outer.id, '?')}), from the same source on the same topic "
                "— one passage is one claim: drop one, or quote a different sentence",
                "claim", inner.id))
    return sorted(problems, key=lambda p: p.line or 0)


def _nested_pairs(claims: list[Claim]) -> list[tuple[Claim, Claim]]:
    """(inner, outer) pairs among claims of one group; an equal pair is reported once."""
    quotes = [normalise_whitespace(c.quote) for c in claims]
    everyone = range(len(quotes))
    candidates = ((lambda _outer: everyone) if len(quotes) <= SMALL_GROUP
                  else _holders_of_starts(quotes))
    return [(claims[i], claims[j]) for j, outer in enumerate(quotes)
            for i in candidates(outer)
            if i != j and quotes[i] in outer and (quotes[i] != outer or i > j)]


def _holders_of_starts(quotes: list[str]) -> Callable[[str], Iterable[int]]:
    """For a large group: the quotes whose start occurs in a given quote."""
    starts: dict[str, list[int]] = defaultdict(list)
    for i, quote in enumerate(quotes):
        starts[quote[:KEY_CHARS]].append(i)
    lengths = {len(key) for key in starts}

    def candidates(outer: str) -> Iterable[int]:
        return sorted({i for n in lengths for at in range(len(outer) - n + 1)
                       for i in starts.get(outer[at:at + n], ())})
    return candidates
