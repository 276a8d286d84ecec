"""`timeline verify` checks that every also_in source repeats the quoted sentence."""

from __future__ import annotations

import copy

import pytest
from conftest import BASE, claim, claims_document, run_cli

import timeline
from timeline.verify import verify_also_in

TRANSCRIPT = "杨植麟：我们发现，多模态能不损伤已经很好了。另外，长文本很重要。\n"
NOTES = "多模态不损伤“脑子”已经很好了\n\n长文本会一直做\n"


@pytest.fixture
def files(tmp_path, write_claims):
    (tmp_path / "talk.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    sources = copy.deepcopy(BASE["sources"])
    sources[1]["file"] = "talk.txt"
    sources.append({**sources[1], "id": "talk-2025-notes", "file": "notes.txt"})

    def write(quote: str):  # type: ignore[no-untyped-def]
        return write_claims(claims_document(
            [claim("yang-2025-x", "2025-07", -1, source="talk-2025", quote=quote,
                   also_in=["talk-2025-notes"])], sources=sources))
    return write


@pytest.mark.parametrize(("quote", "repeated"), [
    ("多模态能不损伤已经很好了。", True),  # the notes shorten and retell the sentence
    ("长文本很重要。", False),  # the notes hold a different sentence on the topic
])
def test_an_also_in_source_must_repeat_the_quoted_sentence(files, tmp_path, quote, repeated):
    misses = verify_also_in(timeline.load(files(quote)), tmp_path)
    assert (misses == []) is repeated


def test_verify_reports_an_also_in_that_points_elsewhere(files, tmp_path):
    path = files("长文本很重要。")
    result = run_cli("verify", "--claims", str(path), "--sources", str(tmp_path))
    assert result.returncode == 1
    assert "claim yang-2025-x: also_in: no passage there repeats the quote; the closest, " \
           "'长文本会一直做…', shares 3 of its characters" in result.stderr
    assert "(source talk-2025-notes)" in result.stderr


def test_verify_counts_the_repeats_it_checked(files, tmp_path):
    result = run_cli("verify", "--claims", str(files("多模态能不损伤已经很好了。")),
                     "--sources", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("and all 1 also_in repeats\n")
