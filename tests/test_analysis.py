"""Shift detection: the shift rule, one point per moment, grouping, and the then-vs-now
summary."""

from __future__ import annotations

import pandas as pd
from conftest import claim, claims_document

import timeline
from timeline.analysis import (
    SHIFT_COLUMNS,
    detect_shifts,
    shifts_between,
    stance_points,
    topic_summary,
)
from timeline.shift_rule import ShiftRule, classify_moves, coder_noise, dataset_shift_rule


def frame_of(write_claims, claims) -> pd.DataFrame:
    return timeline.load(write_claims(claims_document(claims))).frame()


def test_classify_moves_by_size_and_sides():
    kinds = classify_moves(delta=[0, 0.5, -0.99, 1, -1.5, 2, 2],
                           threshold=[1] * 7, side_before=[0, 0, 0, 0, 1, -1, -1],
                           side_after=[0, 0, 0, 1, 1, 1, 0])
    assert list(kinds) == ["steady", "drift", "drift", "shift", "shift", "reversal", "shift"]


def kinds_of(write_claims, claims, rule: ShiftRule | None = None) -> list[str]:
    return detect_shifts(frame_of(write_claims, claims), rule=rule)["kind"].tolist()


def test_a_move_under_one_step_is_drift_not_a_shift(write_claims):
    """+2 +2 +1 then +1 +1: the mean moves −0.67, which coders' noise alone can make."""
    assert kinds_of(write_claims, [
        claim("a1", "2024-02", 2, source="talk-2024"),
        claim("a2", "2024-02", 2, source="talk-2024"),
        claim("a3", "2024-02", 1, source="talk-2024"),
        claim("a4", "2025-07", 1, source="talk-2025"),
        claim("a5", "2025-07", 1, source="talk-2025"),
    ]) == ["drift"]


def test_a_full_step_is_a_shift_and_the_step_is_an_option(write_claims):
    claims = [claim("b1", "2024-02", 2, source="talk-2024"),
              claim("b2", "2025-07", 1, source="talk-2025")]
    assert kinds_of(write_claims, claims) == ["shift"]
    assert kinds_of(write_claims, claims, ShiftRule(min_step=1.5)) == ["drift"]


def test_a_reversal_needs_each_side_clearly_on_its_side(write_claims):
    """Most of each point's codes must lie on its side of zero: +1 +1 −1 0 is on neither."""
    before = [claim("r1", "2024-02", -2, source="talk-2024"),
              claim("r2", "2024-02", -1, source="talk-2024")]
    mixed = [claim(f"m{i}", "2025-07", code, source="talk-2025")
             for i, code in enumerate([1, 1, -1, 0])]
    clear = [claim(f"c{i}", "2025-07", code, source="talk-2025")
             for i, code in enumerate([1, 1, -1, 1])]
    assert kinds_of(write_claims, before + mixed) == ["shift"]
    assert kinds_of(write_claims, before + clear) == ["reversal"]
    assert kinds_of(write_claims, before + clear, ShiftRule(reversal_share=0.75)) == ["shift"]


def test_a_move_within_the_coders_noise_is_no_shift(write_claims):
    claims = [claim("n1", "2024-02", 2, source="talk-2024"),
              claim("n2", "2025-07", 1, source="talk-2025"),
              claim("n3", "2024-02", 2, topic="long-context", source="talk-2024"),
              claim("n4", "2025-07", 1, topic="long-context", source="talk-2025")]
    noisy = ShiftRule(noise={"open-source": 1.5})
    assert kinds_of(write_claims, claims, noisy) == ["shift", "drift"]  # long-context first


def test_coder_noise_is_the_mean_absolute_difference_per_topic(write_claims):
    claims = [claim("k1", "2024-02", 2, source="talk-2024"),
              claim("k2", "2025-07", 1, source="talk-2025"),
              claim("k3", "2025-07", 1, topic="long-context", source="talk-2025")]
    codings = [{"claim": "k1", "coder": "a", "stance": 2},
               {"claim": "k1", "coder": "b", "stance": 1},
               {"claim": "k2", "coder": "a", "stance": 1},
               {"claim": "k2", "coder": "b", "stance": 1},
               {"claim": "k3", "coder": "a", "stance": 1}]
    dataset = timeline.load(write_claims(claims_document(claims, codings=codings)))
    assert coder_noise(dataset) == {"open-source": 0.5}
    assert dataset_shift_rule(dataset).noise == {"open-source": 0.5}
    assert dataset_shift_rule(dataset, use_noise=False).noise == {}


def test_shifts_count_the_claims_on_each_side(write_claims):
    frame = frame_of(write_claims, [
        claim("s1", "2024-02", -2, source="talk-2024"),
        claim("s2", "2025-07", 1, source="talk-2025"),
        claim("s3", "2025-07", 2, source="talk-2025"),
    ])
    assert detect_shifts(frame)[["from_claims", "to_claims"]].values.tolist() == [[1, 2]]


def test_a_month_and_a_day_in_it_are_one_moment(write_claims):
    """Said "in July" and "on 15 July" may be the same day: one point, never a shift."""
    frame = frame_of(write_claims, [
        claim("p1", "2025-07", 2, source="talk-2025"),
        claim("p2", "2025-07-15", -1, source="talk-2025"),
        claim("p3", "2025-08-02", -1, source="talk-2025"),
    ])
    points = stance_points(frame)
    assert points[["date", "ids", "claims"]].values.tolist() == [
        ["2025-07", "p1;p2", 2], ["2025-08-02", "p3", 1]]
    assert detect_shifts(frame)[["from_date", "to_date"]].values.tolist() == [
        ["2025-07", "2025-08-02"]]


def test_a_year_holds_its_months_and_days_but_only_for_its_own_group(write_claims):
    frame = frame_of(write_claims, [
        claim("y1", "2025", 1, source="talk-2025"),
        claim("y2", "2025-07", 2, source="talk-2025"),
        claim("y3", "2025-07-15", 2, source="talk-2025"),
        claim("y4", "2025-07-15", -2, speaker="zhou-xinyu", source="talk-2025"),
    ])
    by_speaker = stance_points(frame, "speaker")
    assert by_speaker[["group", "date", "claims"]].values.tolist() == [
        ["yang-zhilin", "2025", 3], ["zhou-xinyu", "2025-07-15", 1]]
    assert stance_points(frame)[["date", "claims"]].values.tolist() == [["2025", 4]]


def test_same_date_claims_form_one_point(write_claims):
    frame = frame_of(write_claims, [
        claim("d1", "2024-02", -2, source="talk-2024"),
        claim("d2", "2025-07", 2, source="talk-2025"),
        claim("d3", "2025-07", 1, source="talk-2025"),
    ])
    shifts = detect_shifts(frame)
    assert len(shifts) == 1
    row = shifts.iloc[0]
    assert (row.from_id, row.to_id, row.to_stance, row.delta) == ("d1", "d2;d3", 1.5, 3.5)


def test_points_without_ids_are_the_same_points(write_claims):
    """Charts ask for points without ids; everything else about them must not change."""
    frame = frame_of(write_claims, [
        claim("g1", "2024-02", -2, source="talk-2024"),
        claim("g2", "2025-07", 2, source="talk-2025"),
        claim("g3", "2025-07", 1, source="talk-2025"),
        claim("g4", "2025-07", 1, speaker="zhou-xinyu", source="talk-2025"),
    ])
    full, bare = stance_points(frame, "speaker"), stance_points(frame, "speaker", ids=False)
    assert "ids" not in bare
    pd.testing.assert_frame_equal(full.drop(columns="ids"), bare)
    shifts, bare_shifts = shifts_between(full), shifts_between(bare)
    assert list(bare_shifts.columns) == [c for c in SHIFT_COLUMNS if c not in ("from_id", "to_id")]
    pd.testing.assert_frame_equal(shifts.drop(columns=["from_id", "to_id"]), bare_shifts)
    assert bare_shifts[["to_stance", "kind"]].values.tolist() == [[1.5, "reversal"]]


def test_grouping_by_speaker_separates_people(write_claims):
    frame = frame_of(write_claims, [
        claim("e1", "2024-02", -2, source="talk-2024"),
        claim("e2", "2025-07", 2, speaker="zhou-xinyu", source="talk-2025"),
    ])
    assert len(detect_shifts(frame, by="organization")) == 1
    assert detect_shifts(frame, by="speaker").empty


def test_topics_are_never_compared_with_each_other(write_claims):
    frame = frame_of(write_claims, [
        claim("f1", "2024-02", -2, source="talk-2024"),
        claim("f2", "2025-07", 2, topic="long-context", source="talk-2025"),
    ])
    assert detect_shifts(frame).empty


def test_summary_first_and_latest(write_claims):
    frame = frame_of(write_claims, [
        claim("g1", "2024-02", -2, source="talk-2024"),
        claim("g2", "2025-07", 1, source="talk-2025"),
        claim("g3", "2025-07-15", 2, source="talk-2025"),
        claim("h1", "2024-02", 2, topic="long-context", source="talk-2024"),
    ])
    summary = topic_summary(frame).set_index("topic")
    assert summary.loc["open-source", ["first_id", "latest_id", "net_change", "kind", "claims",
                                       "span_start", "span_end"]].tolist() == [
        "g1", "g2;g3", 3.5, "reversal", 3, "2024-02", "2025-07"]
    assert summary.loc["long-context", ["net_change", "kind", "claims"]].tolist() == [
        0.0, "steady", 1]
