"""The chart's text alternative tells each lane's moves by the same rule the chart marks."""

from __future__ import annotations

from conftest import claim, claims_document

import timeline
from timeline.chart_words import chart_in_words
from timeline.shift_rule import ShiftRule


def words(write_claims, claims, **sections) -> list[str]:
    dataset = timeline.load(write_claims(claims_document(claims, **sections)))
    return chart_in_words(dataset.frame(), dataset, ["open-source", "long-context"])


STEP = [claim("w1", "2024-02", 2, source="talk-2024"),
        claim("w2", "2025-07", 1, source="talk-2025")]


def test_a_lane_says_its_claims_dates_and_moves(write_claims):
    sentences = words(write_claims, STEP)
    assert sentences[0] == ("Open vs. closed: 2 claims, 2024-02 to 2025-07. Moonshot AI from "
                            "+2 (2024-02) to +1 (2025-07), 1 shift.")
    assert sentences[1] == "Long context: no claims in this view."


def test_a_move_within_the_coders_noise_is_not_told_as_a_shift(write_claims):
    """Coders who differ by 1.5 steps on this topic make a one-step move noise: the chart
    draws no shift there, and neither do its words."""
    codings = [{"claim": "w1", "coder": "a", "stance": 2},
               {"claim": "w1", "coder": "b", "stance": 0},
               {"claim": "w2", "coder": "a", "stance": 1},
               {"claim": "w2", "coder": "b", "stance": 0}]
    sentences = words(write_claims, STEP, codings=codings)
    assert sentences[0].endswith("to +1 (2025-07), no shift between its points.")


def test_a_rule_given_is_the_rule_told(write_claims):
    dataset = timeline.load(write_claims(claims_document(STEP)))
    told = chart_in_words(dataset.frame(), dataset, ["open-source"],
                          rule=ShiftRule(min_step=1.5))
    assert told[0].endswith("no shift between its points.")
