"""`timeline verify` on copy slips: a straight ' or " typed for ’ or “ ” stays a miss (quotes
are verbatim), but the message names the slip and where it is in the source."""

from __future__ import annotations

import copy

import pytest
from conftest import BASE, claim, claims_document, run_cli

import timeline
from timeline.verify import line_of, normalise_whitespace, quote_mark_slip, verify_quotes

# "I don" first occurs on line 1: the longest start of a quote with a slipped apostrophe is
# found there, far from where the quote really is (line 4).
TEXT = ("Host: I don’t follow. Open source?\n\nAltman: We will open some\n"
        "weights. I don’t think “open” means everything.\n")


def load_with_quote(tmp_path, write_claims, quote: str) -> timeline.Dataset:
    (tmp_path / "talk.txt").write_text(TEXT, encoding="utf-8")
    sources = copy.deepcopy(BASE["sources"])
    sources[1]["file"] = "talk.txt"
    return timeline.load(write_claims(claims_document(
        [claim("yang-2025-open", "2025-05", 1, source="talk-2025", quote=quote)],
        sources=sources)))


@pytest.mark.parametrize(("quote", "typed", "source_has"), [
    ("I don't think “open”", "' (U+0027)", "’ (U+2019)"),
    ('I don’t think "open" means', '" (U+0022)', "“ (U+201C)"),
])
def test_a_quote_mark_slip_is_a_miss_that_names_the_slip_and_its_line(
        tmp_path, write_claims, quote, typed, source_has):
    misses = verify_quotes(load_with_quote(tmp_path, write_claims, quote), tmp_path)
    assert len(misses) == 1
    reason = misses[0].reason
    assert reason.startswith("quote not found verbatim: only a quotation mark differs")
    assert f"the quote has {typed}" in reason and f"line 4, has {source_has}" in reason
    assert "follow" not in reason  # the longest start found, "I don", is on line 1


def test_other_differences_are_not_called_a_slip(tmp_path, write_claims):
    misses = verify_quotes(load_with_quote(tmp_path, write_claims, "I don't think so"), tmp_path)
    assert "quotation mark" not in misses[0].reason
    assert "where the quote goes on" in misses[0].reason


def test_the_slip_is_found_even_where_the_text_has_straight_marks():
    text = normalise_whitespace("A: it's \"open\" now")
    assert "the quote has ’ (U+2019) at its character 3" in quote_mark_slip(
        "it’s", text, "A: it's \"open\" now")
    assert quote_mark_slip("its", text, text) is None


@pytest.mark.parametrize(("raw", "found", "line"), [
    ("one\ntwo\n\n  three", "three", 4),
    ("杨植麟：我认为开源\n很重要。", "很重要", 2),  # no space where Chinese lines were joined
    ("\n\n  lead\n", "lead", 3),
])
def test_line_of_maps_the_normalised_text_back_to_the_file(raw, found, line):
    assert line_of(raw, normalise_whitespace(raw).index(found)) == line


def test_cli_reports_the_slip(tmp_path, write_claims):
    data = load_with_quote(tmp_path, write_claims, "weights. I don't think")
    result = run_cli("verify", "--claims", str(data.path), "--sources", str(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "only a quotation mark differs" in result.stderr
    assert "line 4, has ’ (U+2019)" in result.stderr and "copy the source's mark" in result.stderr


def test_an_event_quote_is_verified_like_a_claim_quote_and_reported_at_its_line(
        tmp_path, write_claims):
    (tmp_path / "talk.txt").write_text(TEXT, encoding="utf-8")
    sources = copy.deepcopy(BASE["sources"])
    sources[1]["file"] = "talk.txt"
    events = [{"id": "weights-out", "date": "2025-05", "label": "Weights released",
               "source": "talk-2025", "quote": "We will open some weights."},
              {"id": "made-up", "date": "2025-05", "label": "Invented", "source": "talk-2025",
               "quote": "We opened every weight."}]
    path = write_claims(claims_document(
        [claim("yang-2025-open", "2025-05", 1, source="talk-2025", quote="We will open some")],
        sources=sources, events=events))
    result = run_cli("verify", "--claims", str(path), "--sources", str(tmp_path))
    assert result.returncode == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), start=1)
                if "id: made-up" in text)
    assert result.stderr.splitlines() == [
        f"{path}:{line}: event made-up: quote not found verbatim: the source has '…We ' but "
        "goes on 'will open so…' where the quote goes on 'opened every…' (source talk-2025)"]


def test_locations_give_the_line_and_heading_each_quote_was_found_at(tmp_path, write_claims):
    from timeline.verify import heading_above, quote_locations

    text = ("# Part one\n\nIntro line.\n\n## On weights\n\nQ: Will you open them?\n"
            "A: We will\nopen the weights.\n")
    (tmp_path / "talk.txt").write_text(text, encoding="utf-8")
    document = claims_document([claim("a", "2024-02", 1, source="talk-2024",
                                      quote="We will open the weights.")])
    for source in document["sources"]:
        source["file"] = "talk.txt"
    data = timeline.load(write_claims(document))
    (found,) = quote_locations(data, tmp_path)
    assert (found.file, found.line, found.heading) == ("talk.txt", 8, "On weights")
    assert heading_above(["01. 站在开端", "他说：我们会开源。"], 3) == "01. 站在开端"
    result = run_cli("verify", "--claims", str(data.path), "--sources", str(tmp_path),
                     "--locations")
    assert result.returncode == 0
    assert f"{data.path}:{data.lines['a']}: note: claim a: found at talk.txt:8, under " \
           "'On weights'" in result.stdout
