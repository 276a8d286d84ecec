"""Shift detection: kinds, same-date points, grouping, and the then-vs-now summary."""

from __future__ import annotations

import pandas as pd
from conftest import claim, claims_document

import timeline
from timeline.analysis import (
    SHIFT_COLUMNS,
    classify,
    detect_shifts,
    shifts_between,
    stance_points,
    topic_summary,
)


def frame_of(write_claims, claims) -> pd.DataFrame:
    return timeline.load(write_claims(claims_document(claims))).frame()


def test_classify_kinds():
    assert list(classify([0, -2, 1, 1, -1, 0], [0, 1, 2, -1, -1, 2])) == [
        "steady", "reversal", "shift", "reversal", "steady", "shift"]


def test_shifts_in_date_order_with_columns(write_claims):
    frame = frame_of(write_claims, [
        claim("c3", "2025-07", 2, source="talk-2025"),
        claim("c1", "2024-02-03", -2, source="talk-2024"),
        claim("c2", "2024-02-20", -1, source="talk-2024"),
    ])
    shifts = detect_shifts(frame)
    assert list(shifts.columns) == SHIFT_COLUMNS
    assert shifts[["from_id", "to_id", "delta", "kind"]].values.tolist() == [
        ["c1", "c2", 1.0, "shift"], ["c2", "c3", 3.0, "reversal"]]


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
        claim("g2", "2025-07", 0, source="talk-2025"),
        claim("g3", "2025-07-15", 1, source="talk-2025"),
        claim("h1", "2024-02", 2, topic="long-context", source="talk-2024"),
    ])
    summary = topic_summary(frame).set_index("topic")
    assert summary.loc["open-source", ["first_id", "latest_id", "net_change", "kind", "claims",
                                       "span_start", "span_end"]].tolist() == [
        "g1", "g3", 3.0, "reversal", 3, "2024-02", "2025-07-15"]
    assert summary.loc["long-context", ["net_change", "kind", "claims"]].tolist() == [
        0.0, "steady", 1]
