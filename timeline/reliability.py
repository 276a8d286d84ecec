"""How far two coders agree on the stance codes: the figure a reader needs before
trusting a shift.

Krippendorff's α (ordinal) comes from the maintained `krippendorff` package;
exact and within-one agreement are shares of coder pairs per claim. Only
claims with at least two codings count. Everything here reads the codings as
recorded, before adjudication: the adjudicated `stance` is not a coder.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from timeline.dataset import Dataset
from timeline.schema import Coding

SCALE = (-2, -1, 0, 1, 2)
AGREEMENT_COLUMNS = ["topic", "claims", "coders", "alpha", "exact", "within_one",
                     "mean_difference"]
DISAGREEMENT_COLUMNS = ["id", "topic", "coder_a", "stance_a", "coder_b", "stance_b",
                        "stance", "note_a", "note_b"]
OVERALL = "(all)"


class TooFewCodings(Exception):
    """Agreement needs claims that at least two coders coded."""


@dataclass(frozen=True)
class Reliability:
    agreement: pd.DataFrame
    """Per topic, then OVERALL: claims double-coded, coders, α, exact and within-one
    agreement (shares of coder pairs), mean absolute difference between coders."""
    confusion: pd.DataFrame
    """Pairs of codes: the row's coder (first in the file) against the column's."""
    disagreements: pd.DataFrame


def latest_round(dataset: Dataset) -> int:
    return max((c.round for c in dataset.codings), default=1)


def double_coded(dataset: Dataset, ids: Iterable[str], coding_round: int,
                 coders: Collection[str] = ()) -> dict[str, list[Coding]]:
    """The codings of each of `ids` in `coding_round` (by `coders` only, when given) that
    at least two coders coded."""
    chosen = {i: [c for c in dataset.codings_of.get(i, ()) if c.round == coding_round
                  and (not coders or c.coder in coders)] for i in ids}
    return {i: codings for i, codings in chosen.items() if len(codings) >= 2}


def reliability(dataset: Dataset, frame: pd.DataFrame, coding_round: int | None = None,
                coders: Collection[str] = ()) -> Reliability:
    """Agreement over the claims in `frame` within one coding round (default: the latest),
    between `coders` when given; `TooFewCodings` when no claim is double-coded."""
    coding_round = coding_round or latest_round(dataset)
    codings = double_coded(dataset, frame["id"], coding_round, coders)
    if not codings:
        raise TooFewCodings(f"no claim in view has two codings in round {coding_round}: "
                            "agreement needs a second, independent coding (a `codings:` "
                            "entry per coder and claim)")
    topic_of = dict(zip(frame["id"], frame["topic"].astype(str), strict=True))
    rows = [_agreement_row(topic, {i: c for i, c in codings.items() if topic_of[i] == topic})
            for topic in dict.fromkeys(topic_of[i] for i in codings)]
    rows.append(_agreement_row(OVERALL, codings))
    return Reliability(pd.DataFrame(rows, columns=AGREEMENT_COLUMNS), _confusion(codings),
                       _disagreements(dataset, codings, topic_of))


def _agreement_row(topic: str, codings: dict[str, list[Coding]]) -> dict[str, object]:
    pairs = [(a.stance, b.stance) for cs in codings.values() for a, b in combinations(cs, 2)]
    differences = np.array([abs(a - b) for a, b in pairs], dtype=float)
    return {"topic": topic, "claims": len(codings),
            "coders": len({c.coder for cs in codings.values() for c in cs}),
            "alpha": ordinal_alpha(codings.values()), "exact": float(np.mean(differences == 0)),
            "within_one": float(np.mean(differences <= 1)),
            "mean_difference": float(differences.mean())}


def ordinal_alpha(units: Iterable[list[Coding]]) -> float:
    """Krippendorff's α (ordinal) over coders × claims; NaN where it is undefined (every
    code the same, so no disagreement can be told from chance)."""
    import krippendorff

    units = list(units)
    coders = sorted({c.coder for unit in units for c in unit})
    matrix = np.full((len(coders), len(units)), np.nan)
    for column, unit in enumerate(units):
        for coding in unit:
            matrix[coders.index(coding.coder), column] = coding.stance
    if len(set(matrix[~np.isnan(matrix)])) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal",
                                    value_domain=list(SCALE)))


def _confusion(codings: dict[str, list[Coding]]) -> pd.DataFrame:
    counts = Counter((a.stance, b.stance) for cs in codings.values()
                     for a, b in combinations(cs, 2))
    return pd.DataFrame([[counts[(a, b)] for b in SCALE] for a in SCALE],
                        index=pd.Index([f"{s:+d}" for s in SCALE], name="first coder"),
                        columns=[f"{s:+d}" for s in SCALE])


def _disagreements(dataset: Dataset, codings: dict[str, list[Coding]],
                   topic_of: dict[str, str]) -> pd.DataFrame:
    rows = [{"id": i, "topic": topic_of[i], "coder_a": a.coder, "stance_a": a.stance,
             "coder_b": b.coder, "stance_b": b.stance, "stance": dataset.claim[i].stance,
             "note_a": a.note or "", "note_b": b.note or ""}
            for i, cs in codings.items() for a, b in combinations(cs, 2) if a.stance != b.stance]
    return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)


@dataclass(frozen=True)
class TopicAgreement:
    alpha: float
    coders: int
    claims: int
    mean_difference: float

    def __str__(self) -> str:
        """`α 0.91 · 4 coders`, for a lane's note and the report."""
        alpha = "α —" if math.isnan(self.alpha) else f"α {self.alpha:.2f}"
        return f"{alpha} · {self.coders} coders"


def topic_agreement(dataset: Dataset) -> dict[str, TopicAgreement]:
    """Each topic's agreement in the latest round of coding (none without codings)."""
    try:
        table = reliability(dataset, dataset.frame()).agreement
    except TooFewCodings:
        return {}
    return {row.topic: TopicAgreement(row.alpha, row.coders, row.claims, row.mean_difference)
            for row in table.itertuples() if row.topic != OVERALL}


def coder_noise(dataset: Dataset) -> dict[str, float]:
    """Per topic, the mean absolute difference between coders of one claim: a move of
    a topic's stance smaller than this is within what coders disagree on."""
    return {topic: agreement.mean_difference for topic, agreement in dataset.agreement.items()}
