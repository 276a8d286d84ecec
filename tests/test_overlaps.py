"""`timeline validate` flags a quote lying inside another claim's quote on the same topic."""

from __future__ import annotations

import pytest
from conftest import CLAIMS, claim, claims_document, run_cli

import timeline
import timeline.overlaps
from timeline.overlaps import nested_quotes

OUTER = "我认为开源很重要，而且会一直做下去。"


def claims_with(*inner: dict[str, object]) -> dict[str, object]:
    return claims_document([claim("yang-2025-outer", "2025-07", 2, quote=OUTER), *inner])


def test_a_nested_quote_is_a_file_line_problem(write_claims):
    path = write_claims(claims_with(claim("yang-2025-inner", "2025-07", 1, quote="开源很重要")))
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    inner, outer = (lines.index(f"- id: {ident}") + 1
                    for ident in ("yang-2025-inner", "yang-2025-outer"))
    assert result.stderr.splitlines()[0].startswith(
        f"{path}:{inner}: claim yang-2025-inner: quote lies inside the quote of claim "
        f"'yang-2025-outer' (line {outer}), from the same source on the same topic")
    assert result.stderr.splitlines()[-1] == "1 problem found"


@pytest.mark.parametrize(("inner", "nested"), [
    (claim("yang-2025-inner", "2025-07", 1, quote="开源很重要"), True),
    (claim("yang-2025-inner", "2025-07", 1, quote=OUTER), True),  # the same quote twice
    (claim("yang-2025-inner", "2025-07", 1, quote="开源\n很重要"), True),  # line break aside
    (claim("yang-2025-inner", "2025-07", 1, quote="闭源很重要"), False),
    (claim("yang-2025-inner", "2025-07", 1, topic="long-context", quote="开源很重要"), False),
    (claim("yang-2024-inner", "2024-02", 1, source="talk-2024", quote="开源很重要"), False),
])
def test_only_the_same_source_and_topic_nest(write_claims, inner, nested):
    problems = nested_quotes(timeline.load(write_claims(claims_with(inner))))
    assert [p.record for p in problems] == (["yang-2025-inner"] if nested else [])


def test_a_large_group_is_searched_through_its_index(write_claims, monkeypatch):
    path = write_claims(claims_with(
        claim("yang-2025-inner", "2025-07", 1, quote="开源很重要"),
        claim("yang-2025-short", "2025-07", 1, quote="一直"),
        claim("yang-2025-other", "2025-07", 1, quote="长文本也很重要，但排在后面。")))
    small = nested_quotes(timeline.load(path))
    monkeypatch.setattr(timeline.overlaps, "SMALL_GROUP", 0)
    assert nested_quotes(timeline.load(path)) == small
    assert sorted(p.record for p in small) == ["yang-2025-inner", "yang-2025-short"]


def test_the_bundled_claims_have_no_nested_quotes():
    assert nested_quotes(timeline.load(CLAIMS)) == []
