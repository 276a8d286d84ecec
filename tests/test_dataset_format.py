"""The format's newer parts: the dataset header, languages, organizations as speakers,
codings, events, optional dates and locations, deprecated fields and refused characters."""

from __future__ import annotations

import copy
import json
import re

import pytest
from conftest import claim, claims_document, english_document

import timeline
from timeline.export import claims_jsonld
from timeline.problems import ClaimsError


def problems_of(write_claims, document) -> list[str]:
    with pytest.raises(ClaimsError) as caught:
        timeline.load(write_claims(document))
    return [str(p) for p in caught.value.problems]


def test_an_english_dataset_needs_no_translation_published_or_location(write_claims):
    dataset = timeline.load(write_claims(english_document()))
    assert not dataset.notes and not dataset.translating
    assert dataset.title == "What the lab said"
    assert dataset.topic_labels("open-source") == ["Open weights"]
    assert set(dataset.frame()["language"]) == {"en"}


def test_an_organization_is_exported_as_one_and_a_person_as_a_person(write_claims):
    dataset = timeline.load(write_claims(english_document()))
    graph = {n["identifier"]: n for n in
             json.loads(claims_jsonld(dataset.frame(), dataset))["@graph"]}
    assert graph["openai-open"]["author"] == {"@type": "Organization", "name": "OpenAI"}
    assert graph["altman-safety"]["author"]["@type"] == "Person"
    assert graph["altman-safety"]["author"]["affiliation"]["name"] == "OpenAI"


def test_featured_topics_come_from_the_header_else_all(write_claims):
    assert timeline.load(write_claims(english_document())).featured_topics == [
        "open-source", "safety"]
    document = english_document()
    del document["dataset"]
    assert timeline.load(write_claims(document)).featured_topics == [
        "open-source", "safety", "pricing"]


def test_a_source_without_a_language_gets_the_one_its_quotes_are_in(write_claims):
    document = claims_document()
    for source in document["sources"]:
        del source["language"]
    document["claims"][0]["quote"] = "领先者不会开源，开源会落后于闭源，这是一个事实。"
    document["claims"][1]["quote"] = ("We will release the weights of our next model openly, "
                                      "because the community builds on them.")
    dataset = timeline.load(write_claims(document))
    assert dataset.source_language == {"talk-2024": "zh", "talk-2025": "en"}


def test_files_in_the_old_format_load_with_a_note_per_renamed_field(write_claims):
    document = claims_document()
    document["topics"][0]["label_zh"] = document["topics"][0].pop("labels")["zh"]
    document["speakers"][0]["name_zh"] = document["speakers"][0].pop("names")["zh"]
    for record in document["claims"]:
        record["quote_en"] = record.pop("translation")
    dataset = timeline.load(write_claims(document))
    assert dataset.topic["open-source"].labels == {"zh": "开源"}
    assert dataset.speaker["yang-zhilin"].names == {"zh": "杨植麟"}
    assert dataset.claim["yang-2024-closed"].translation == "Quote yang-2024-closed"
    notes = [str(n) for n in dataset.notes]
    assert len(notes) == 4 and all(re.match(r".*claims\.yaml:\d+: note: ", n) for n in notes)
    assert any("'quote_en' is deprecated: write it as 'translation'" in n for n in notes)


def test_every_problem_of_a_claim_in_one_pass_references_beside_fields(write_claims):
    broken = claim("x", "2024-13", 9, topic="opne-source", speaker="nobody", source="talk-2024")
    del broken["summary"]
    messages = problems_of(write_claims, claims_document([broken]))
    expected = ["date '2024-13'", "stance 9 is off the scale", "unknown topic 'opne-source' — "
                "did you mean 'open-source'?", "unknown speaker 'nobody'",
                "missing required field 'summary'"]
    for text in expected:
        assert sum(text in m for m in messages) == 1, (text, messages)
    assert all(re.match(r".*claims\.yaml:\d+: claim x: ", m) for m in messages)


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\x07", "\x1b", "\x7f", "\x9b"])
@pytest.mark.parametrize("field", ["summary", "translation", "stance_note", "quote"])
def test_characters_that_change_how_text_displays_are_refused(write_claims, char, field):
    record = claim("x", "2024-02", 1, source="talk-2024")
    record[field] = f"safe{char}text"
    messages = problems_of(write_claims, claims_document([record]))
    assert len(messages) == 1
    assert re.match(rf".*claims\.yaml:\d+: claim x: {field} holds U\+{ord(char):04X}",
                    messages[0])


def test_a_zero_width_character_is_noted_not_refused(write_claims):
    record = claim("x", "2024-02", 1, source="talk-2024", summary="zero\u200bwidth")
    dataset = timeline.load(write_claims(claims_document([record])))
    assert [n.message for n in dataset.notes] == [
        "summary holds an invisible U+200B at character 5: keep it only if the source has "
        "it (verify checks quotes)"]


def test_a_claim_dated_before_its_conversation_is_an_error(write_claims):
    messages = problems_of(write_claims, claims_document([
        claim("early", "2023-12", 1, source="talk-2024")]))  # held 2024-02
    assert len(messages) == 1 and "before its source's conversation was held (2024-02)" in \
        messages[0]


def test_codings_load_and_their_problems_have_lines(write_claims):
    codings = [{"claim": "yang-2024-closed", "coder": "curator", "stance": -2},
               {"claim": "yang-2024-closed", "coder": "second", "stance": -1, "note": "hedged"}]
    dataset = timeline.load(write_claims(claims_document(codings=codings)))
    assert [c.stance for c in dataset.codings_of["yang-2024-closed"]] == [-2, -1]
    row = dataset.frame().set_index("id").loc["yang-2024-closed"]
    assert row["coders"] == 2 and row["coders_disagree"]
    bad = copy.deepcopy(codings) + [{"claim": "nope", "coder": "x", "stance": 1},
                                    {"claim": "yang-2025-open", "coder": "x", "stance": 3},
                                    {"claim": "yang-2024-closed", "coder": "second",
                                     "stance": 0}]
    messages = problems_of(write_claims, claims_document(codings=bad))
    assert len(messages) == 3
    assert re.match(r".*:\d+: coding nope/x: unknown claim 'nope'", messages[0])
    assert re.match(r".*:\d+: coding yang-2025-open/x: stance 3 is off the scale", messages[1])
    assert re.match(r".*:\d+: coding yang-2024-closed/second: a second coding by the same "
                    r"coder \(first at line \d+\)", messages[2])


def test_events_load_and_are_checked_like_claims(write_claims):
    event = {"id": "k2-release", "date": "2025-07-11", "label": "Kimi K2 released",
             "topics": ["open-source"], "source": "talk-2025", "quote": "K2 开源"}
    dataset = timeline.load(write_claims(claims_document(events=[event])))
    assert dataset.events[0].label == "Kimi K2 released" and "k2-release" in dataset.lines
    wrong = {**event, "topics": ["opensource"], "source": "talk-2099", "date": "2026-01"}
    messages = problems_of(write_claims, claims_document(events=[wrong, {**event, "quote": ""}]))
    assert any("event k2-release: unknown topic 'opensource' in topics" in m for m in messages)
    assert any("event k2-release: unknown source 'talk-2099'" in m for m in messages)
    assert any("event k2-release: quote is empty" in m for m in messages)


def test_the_header_is_checked_with_lines(write_claims):
    messages = problems_of(write_claims, claims_document(dataset={
        "title": "T", "language": "English", "featured_topics": ["long-contxt"], "colour": 1}))
    assert len(messages) == 3
    assert any("dataset: unknown topic 'long-contxt' in featured_topics — did you mean "
               "'long-context'?" in m for m in messages)
    assert any("dataset: language 'English' is not" in m or "dataset: language" in m
               for m in messages)
    assert any("dataset: unknown field 'colour'" in m for m in messages)
