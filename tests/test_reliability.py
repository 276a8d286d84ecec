"""Agreement between coders: α from the krippendorff package, shares of coder pairs,
the confusion table, the list of disagreements, and the CLI around them."""

from __future__ import annotations

import json
import math

import krippendorff
import numpy as np
import pytest
from conftest import claim, claims_document, run_cli

import timeline
from timeline.reliability import TooFewCodings, coder_noise, reliability


def coded(write_claims, pairs: dict[str, tuple[int, int]], stances: dict[str, int] | None = None):
    """A dataset whose claims `id: (first coder's code, second's)` are double-coded."""
    stances = stances or {}
    claims = [claim(ident, "2024-02" if i % 2 else "2025-07",
                    stances.get(ident, first), topic="open-source" if i < 4 else "long-context",
                    source="talk-2024" if i % 2 else "talk-2025")
              for i, (ident, (first, _)) in enumerate(pairs.items())]
    codings = [entry for ident, (first, second) in pairs.items() for entry in (
        {"claim": ident, "coder": "curator", "stance": first},
        {"claim": ident, "coder": "blind", "stance": second, "note": f"why {ident}"})]
    return timeline.load(write_claims(claims_document(claims, codings=codings)))


PAIRS = {"a": (2, 1), "b": (1, 1), "c": (-2, -2), "d": (0, 1), "e": (2, 2), "f": (1, -1)}


def test_agreement_per_topic_and_overall(write_claims):
    dataset = coded(write_claims, PAIRS)
    table = reliability(dataset, dataset.frame()).agreement.set_index("topic")
    assert table.loc["open-source", ["claims", "coders"]].tolist() == [4, 2]
    assert table.loc["open-source", "exact"] == 0.5  # b and c of a, b, c, d
    assert table.loc["long-context", "within_one"] == 0.5  # e, not f (two steps)
    overall = table.loc["(all)"]
    assert overall["exact"] == pytest.approx(3 / 6)
    assert overall["within_one"] == pytest.approx(5 / 6)
    assert overall["mean_difference"] == pytest.approx((1 + 0 + 0 + 1 + 0 + 2) / 6)
    matrix = np.array([[p[0] for p in PAIRS.values()], [p[1] for p in PAIRS.values()]], float)
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal",
                                  value_domain=[-2, -1, 0, 1, 2])
    assert overall["alpha"] == pytest.approx(expected) and 0 < expected < 1


def test_perfect_agreement_is_alpha_one_and_a_single_code_is_undefined(write_claims):
    same = coded(write_claims, {"a": (2, 2), "b": (-1, -1), "c": (0, 0)})
    overall = reliability(same, same.frame()).agreement.iloc[-1]
    assert overall["alpha"] == pytest.approx(1.0) and overall["exact"] == 1.0
    flat = coded(write_claims, {"a": (1, 1), "b": (1, 1)})
    assert math.isnan(reliability(flat, flat.frame()).agreement.iloc[-1]["alpha"])


def test_confusion_and_disagreements_carry_both_codes_and_notes(write_claims):
    dataset = coded(write_claims, PAIRS, stances={"a": 1})
    result = reliability(dataset, dataset.frame())
    assert result.confusion.loc["+2", "+1"] == 1 and result.confusion.loc["+1", "-1"] == 1
    assert int(result.confusion.to_numpy().sum()) == len(PAIRS)
    rows = result.disagreements.set_index("id")
    assert sorted(rows.index) == ["a", "d", "f"]
    assert rows.loc["a", ["stance_a", "stance_b", "stance", "note_b"]].tolist() == [
        2, 1, 1, "why a"]


def test_no_double_coded_claim_is_a_clear_error(write_claims):
    dataset = timeline.load(write_claims())
    with pytest.raises(TooFewCodings):
        reliability(dataset, dataset.frame())
    assert coder_noise(dataset) == {}
    result = run_cli("reliability", "--claims", str(write_claims()))
    assert result.returncode == 1 and "needs a second, independent coding" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_formats_and_filters(write_claims, tmp_path):
    path = write_claims(claims_document(
        [claim(i, "2024-02", 1, source="talk-2024") for i in "abc"],
        codings=[{"claim": i, "coder": c, "stance": s} for i, c, s in (
            ("a", "x", 1), ("a", "y", 2), ("b", "x", 1), ("b", "y", 1), ("c", "x", 0),
            ("c", "y", 0))]))
    table = run_cli("reliability", "--claims", str(path))
    assert table.returncode == 0 and "Disagreements: 1" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 100
    document = json.loads(run_cli("reliability", "--claims", str(path), "--format", "json").stdout)
    assert document["agreement"][-1]["claims"] == 3
    assert document["disagreements"][0]["id"] == "a"
    csv = run_cli("reliability", "--claims", str(path), "--format", "csv", "--table",
                  "disagreements", "--search", "引文a")
    assert csv.stdout.splitlines()[0].startswith("id,topic,coder_a,stance_a")
    assert len(csv.stdout.splitlines()) == 2
    out = tmp_path / "agreement.csv"
    assert run_cli("reliability", "--claims", str(path), "--format", "csv", "-o",
                   str(out)).returncode == 0
    assert out.read_text().startswith("topic,claims,coders,alpha")


def test_coders_can_be_chosen(write_claims):
    path = write_claims(claims_document(
        [claim(i, "2024-02", 1, source="talk-2024") for i in "ab"],
        codings=[{"claim": i, "coder": c, "stance": s} for i, c, s in (
            ("a", "x", 1), ("a", "y", 2), ("a", "z", 1), ("b", "x", 0), ("b", "y", 0),
            ("b", "z", 0))]))
    dataset = timeline.load(path)
    assert reliability(dataset, dataset.frame(), coders={"x", "z"}).agreement.iloc[-1][
        "exact"] == 1.0
    assert reliability(dataset, dataset.frame(), coders={"x", "y"}).agreement.iloc[-1][
        "exact"] == 0.5
    unknown = run_cli("reliability", "--claims", str(path), "--coder", "w")
    assert unknown.returncode == 2 and "no codings by w" in unknown.stderr


def test_agreement_is_measured_within_a_round_the_latest_by_default(write_claims):
    first = [{"claim": i, "coder": c, "stance": s} for i, c, s in (
        ("a", "x", 2), ("a", "y", 1), ("b", "x", 0), ("b", "y", 1))]
    second = [{**entry, "coder": entry["coder"] + "-2", "stance": 1, "round": 2}
              for entry in first]
    path = write_claims(claims_document(
        [claim(i, "2024-02", 1, source="talk-2024") for i in "ab"], codings=first + second))
    dataset = timeline.load(path)
    assert reliability(dataset, dataset.frame()).agreement.iloc[-1]["exact"] == 1.0
    assert reliability(dataset, dataset.frame(), 1).agreement.iloc[-1]["exact"] == 0.0
    earlier = run_cli("reliability", "--claims", str(path), "--round", "1")
    assert "Disagreements: 2" in earlier.stdout
    none = run_cli("reliability", "--claims", str(path), "--round", "3")
    assert none.returncode == 1 and "in round 3" in none.stderr


def test_lane_notes_and_the_report_give_each_topics_agreement(write_claims):
    from timeline.figures import stance_timeline_figure
    from timeline.report import report_html

    dataset = coded(write_claims, PAIRS)
    notes = [a.text for a in stance_timeline_figure(dataset.frame(), dataset,
                                                    ["open-source"]).layout.annotations
             if "claims</b>" in str(a.text)]
    expected = str(dataset.agreement["open-source"])
    assert expected.startswith("α ") and expected.endswith("2 coders")
    assert len(notes) == 1 and notes[0].endswith(expected)
    html = report_html(dataset, dataset.frame(), ["open-source"])
    assert f"Coder agreement: Krippendorff's {expected}, over 4 claims" in html
    single = timeline.load(write_claims())
    assert single.agreement == {}
    assert "Stances coded once" in report_html(single, single.frame(), ["open-source"])
