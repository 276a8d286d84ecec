"""Blind coding sheets (scripts/coding_sheet.py): every claim once, its context, never a code."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BASE, CLAIMS, ROOT, claim, claims_document, require_sources

import timeline
from timeline.sheets import batches, find_quote, paragraphs_of, quote_context, turn_starts

SCRIPT = ROOT / "scripts" / "coding_sheet.py"


def write_sheets(claims: Path, sources: Path, out: Path, count: int, *extra: str
                 ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(claims), "--sources", str(sources), "--out", str(out),
         "--batches", str(count), "--coder", "blind-test", "--codebook", str(ROOT / "DATA.md"),
         *extra], capture_output=True, text=True, timeout=120, check=False)


def sheets_of(out: Path) -> tuple[str, list[dict[str, object]]]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("batch-*.md")))
    answers = [entry for p in sorted(out.glob("batch-*-answers.yaml"))
               for entry in yaml.safe_load(p.read_text(encoding="utf-8"))]
    return text, answers


def test_bundled_sheets_hold_every_claim_once_and_no_code(tmp_path):
    result = write_sheets(CLAIMS, require_sources(), tmp_path, 6)
    assert result.returncode == 0, result.stderr
    dataset = timeline.load(CLAIMS)
    text, answers = sheets_of(tmp_path)
    headings = re.findall(r"^## (\S+)$", text, flags=re.MULTILINE)
    assert sorted(headings) == sorted(c.id for c in dataset.claims)
    assert [a["claim"] for a in answers] == headings
    assert all(a == {"claim": a["claim"], "coder": "blind-test", "stance": None, "note": None}
               for a in answers)
    assert len(list(tmp_path.glob("batch-*.md"))) == 6
    for curated in dataset.claims:
        assert curated.stance_note not in text, curated.id
        assert curated.summary not in text or curated.summary in (
            curated.translation or ""), curated.id
    assert not re.search(r"stance\W{0,3}[+−-]?\d", text, flags=re.IGNORECASE)
    assert "could not be located" not in text  # every quote found, so every context shown


@pytest.fixture
def talk(tmp_path: Path, write_claims) -> Path:
    text = ("主持人：你怎么看开源？\n\n杨植麟：先说背景。\n\n我认为开源很重要。\n\n但要看情况。\n\n"
            "主持人：长文本呢？\n\n杨植麟：长文本是本质。\n\n主持人：谢谢。\n")
    (tmp_path / "talk.txt").write_text(text, encoding="utf-8")
    sources = copy.deepcopy(BASE["sources"])
    sources[1]["file"] = "talk.txt"
    return write_claims(claims_document([
        claim("yang-2025-open", "2025-07", 2, source="talk-2025", quote="我认为开源很重要。",
              stance_note="SECRET-NOTE-1", summary="SECRET-SUMMARY-1"),
        claim("yang-2025-long", "2025-07", -1, topic="long-context", source="talk-2025",
              quote="长文本是本质。", stance_note="SECRET-NOTE-2", summary="SECRET-SUMMARY-2"),
        claim("yang-2025-lost", "2025-07", 1, source="talk-2025", quote="不在文中。"),
    ], sources=sources))


def test_a_sheet_shows_the_question_and_answer_but_not_the_code(talk, tmp_path):
    out = tmp_path / "out"
    result = write_sheets(talk, tmp_path, out, 2)
    assert result.returncode == 0, result.stderr
    text, answers = sheets_of(out)
    assert "SECRET" not in text
    assert [a["claim"] for a in answers] == ["yang-2025-open", "yang-2025-long", "yang-2025-lost"]
    first = text.split("## yang-2025-long")[0]
    assert "> 主持人：你怎么看开源？" in first and "> ▶ 我认为开源很重要。" in first
    assert "> 但要看情况。" in first  # the rest of the answer, where a hedge may sit
    assert "长文本" not in first.split("Context in the source")[1]
    assert "(the quote could not be located in the source text)" in text
    assert (out / "codebook.md").read_text(encoding="utf-8") == (
        ROOT / "DATA.md").read_text(encoding="utf-8")


def test_a_sheet_never_changes_its_input(talk, tmp_path):
    before = talk.read_bytes()
    write_sheets(talk, tmp_path, tmp_path / "out", 1)
    assert talk.read_bytes() == before


def test_an_invalid_claims_file_is_reported_not_raised(tmp_path, write_claims):
    broken = write_claims("claims: [\n")
    result = write_sheets(broken, tmp_path, tmp_path / "out", 1)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and str(broken) in result.stderr


def test_context_without_turn_labels_is_the_neighbouring_paragraphs():
    paragraphs = paragraphs_of("一。\n二。\n三。\n四。\n五。\n六。\n七。")
    context = quote_context(paragraphs, find_quote(paragraphs, "五。"), turn_starts(paragraphs))
    assert context.paragraphs == ["二。", "三。", "四。", "五。", "六。"]
    assert list(context.quote_at) == [3] and context.gap_at == 0


def test_a_quote_across_a_line_break_is_found():
    paragraphs = paragraphs_of("甲：前言。\n我认为开源\n很重要。")
    assert find_quote(paragraphs, "我认为开源很重要。") == range(1, 3)


def test_batches_are_contiguous_near_equal_and_never_empty():
    items = list(range(7))
    assert batches(items, 3) == [[0, 1, 2], [3, 4], [5, 6]]  # type: ignore[arg-type]
    assert batches(items[:2], 5) == [[0], [1]]  # type: ignore[arg-type]
