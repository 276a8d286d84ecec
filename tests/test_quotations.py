"""Quotations in prose: the words in quotation marks, and whom the sentence says spoke them."""

from __future__ import annotations

import sys

import pytest
import yaml
from conftest import ROOT

from timeline.quotations import quotations, speaker_names, unquoted
from timeline.verify import normalise_whitespace

NAMES = speaker_names([("sam-altman", ["Sam Altman"]), ("yang-zhilin", ["Yang Zhilin", "杨植麟"]),
                       ("jane-doe", ["Jane Doe"]), ("john-doe", ["John Doe"])])


def found(*paragraphs: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.said_by) for here in quotations(paragraphs, NAMES)
            for q in here]


def test_names_are_full_names_and_unshared_surnames():
    assert NAMES["altman"] == "sam-altman" and NAMES["杨植麟"] == "yang-zhilin"
    assert "doe" not in NAMES  # two speakers share it: it names neither


@pytest.mark.parametrize("paragraph", [
    "“We will open the weights next year,” Altman said on Tuesday.",
    "“We will open the weights next year,” said Altman.",
    '"We will open the weights next year," Sam Altman, the chief executive, told reporters.',
    "Altman said, “We will open the weights next year.”",
    "Asked about it, Altman replied: “We will open the weights next year.”",
    "“We will open the weights next year,” according to Altman.",
])
def test_attribution_after_or_leading_into_the_quotation(paragraph):
    [(text, speaker, said_by)] = found(paragraph)
    assert (text.rstrip("."), speaker) == ("We will open the weights next year", "sam-altman")
    assert said_by in ("Altman", "Sam Altman")


def test_a_pronoun_stands_for_the_speaker_just_before_and_nobody_else():
    assert found("“Open weights matter a lot,” Altman said.",
                 "“We are not there yet,” he added.") == [
        ("Open weights matter a lot", "sam-altman", "Altman"),
        ("We are not there yet", "sam-altman", "Altman")]
    # No quotation before it names anyone: "he" stays nobody's, even with Altman in the text.
    assert found("Altman spoke after lunch. The room was full.",
                 "“We are not there yet,” he said.") == []
    # Two paragraphs up is too far.
    assert found("“Open weights matter a lot,” Altman said.", "The room was full.",
                 "“We are not there yet,” he said.") == [
        ("Open weights matter a lot", "sam-altman", "Altman")]


def test_a_quotation_right_after_another_goes_on_with_its_speaker():
    assert [q[:2] for q in found("“One thing is clear now,” Altman said. “Another is not, "
                                 "at least not yet.” The hall emptied.")] == [
        ("One thing is clear now", "sam-altman"), ("Another is not, at least not yet.",
                                                   "sam-altman")]


def test_unknown_names_are_given_but_no_speaker_id():
    assert found("“This is a step in the right direction,” added Payton, who spoke to VOA.") == [
        ("This is a step in the right direction", None, "Payton")]
    assert found('Fit for duty, "the president feels well and is healthy," his physician, '
                 "Dr. Kevin O'Connor, said in a statement.")[0][2] == "Dr. Kevin O'Connor"


def test_narration_titles_and_scare_quotes_are_nobodys():
    assert found("The hearing, titled “Oversight of AI: Rules for Artificial Intelligence,” "
                 "ran for three hours.", "Biden was deemed ‘Healthy, Active, Robust’ and "
                 "“possibilities” was the word.", "Altman said the company would wait.") == []


def test_a_quotation_that_ends_its_sentence_is_not_given_to_the_next_one():
    assert found('He said one word: "possibilities." POTUS said the meeting was about AI.') == []
    assert found("「它需要人才聚集、资本聚集。」月之暗面创始人杨植麟说。") == [
        ("它需要人才聚集、资本聚集。", "yang-zhilin", "杨植麟")]


def test_an_unclosed_quotation_runs_to_the_paragraphs_end_and_elisions_are_trimmed():
    assert found('"I want to think about elections," said Altman. " [...] Should we worry '
                 "about this for our elections?") == [
        ("I want to think about elections", "sam-altman", "Altman"),
        ("Should we worry about this for our elections?", "sam-altman", "Altman")]


def test_whole_turns_lose_their_enclosing_marks_only():
    assert unquoted('"My worst fears are real."') == "My worst fears are real."
    assert unquoted("“Never closed") == "Never closed"
    assert unquoted("“Claude” is a token here.") == "“Claude” is a token here."


def test_the_english_labels_are_verbatim_and_the_measurement_holds(tmp_path):
    """The hand labels are real quotations of their texts, and suggest keeps finding them:
    most, with no quotation credited to the wrong person (docs/suggest.md has the table)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from suggest_recall import ENGLISH, english_rows

    labels = yaml.safe_load((ENGLISH / "labels.yaml").read_text("utf-8"))
    for name, truth in labels.items():
        text = normalise_whitespace((ENGLISH / name).read_text("utf-8"))
        assert all(normalise_whitespace(q["quote"]) in text for q in truth["quotes"]), name
    rows = english_rows(tmp_path)
    assert len(rows) == len(labels) >= 4
    labelled, found, passages, true, right, _ = (sum(r[i] for r in rows) for i in range(1, 7))
    assert found / labelled >= 0.9 and true / passages >= 0.9 and right == true
