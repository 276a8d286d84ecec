"""The validated-dataset cache: reused when the bytes are unchanged, never when they change."""

from __future__ import annotations

import pytest
from conftest import claim, claims_document

import timeline
import timeline.cache as cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_second_load_of_unchanged_file_skips_validation(write_claims, folder, monkeypatch):
    path = write_claims()
    first = timeline.load(path, cache=True)
    assert len(list(folder.iterdir())) == 1
    monkeypatch.setattr(cache, "parse_claims", lambda *a: pytest.fail("validated again"))
    second = timeline.load(path, cache=True)
    assert second == first and second.lines == first.lines
    assert second.frame().equals(first.frame())


def test_an_edit_validates_afresh(write_claims, folder):
    path = write_claims()
    timeline.load(path, cache=True)
    write_claims(claims_document([claim("x", "2024-02", 9, source="talk-2024")]))
    with pytest.raises(timeline.ClaimsError, match="stance 9 is off the scale"):
        timeline.load(path, cache=True)


def test_a_corrupt_entry_is_ignored(write_claims, folder):
    path = write_claims()
    timeline.load(path, cache=True)
    entry = next(folder.iterdir())
    entry.write_bytes(b"not a pickle")
    assert len(timeline.load(path, cache=True).claims) == 2


def test_an_unwritable_cache_is_skipped(write_claims, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(blocker / "cache"))
    assert len(timeline.load(write_claims(), cache=True).claims) == 2


def test_the_key_changes_with_the_code_that_builds_an_entry():
    """An entry holds the frame too: a new version of the code that derives its columns
    must not be served a table that the old code built from the same bytes."""
    code = cache.built_by_code()
    assert b"def _row(" in code  # the frame's columns are part of what is hashed
    assert cache._SCHEMA_KEY == cache.code_key(code)
    assert cache.code_key(code + b"\n# one changed line") != cache._SCHEMA_KEY


@pytest.fixture
def apart(monkeypatch):
    """Every file is validated for the cache by a process of its own; the runs counted."""
    runs: list[list[str]] = []
    run = cache.subprocess.run

    def counted(command, **options):
        runs.append(command)
        return run(command, **options)

    monkeypatch.setattr(cache, "APART_BYTES", 0)
    monkeypatch.setattr(cache.subprocess, "run", counted)
    return runs


def test_a_large_file_is_validated_by_another_process_and_its_entry_read(
        write_claims, folder, apart, monkeypatch):
    path = write_claims()
    monkeypatch.setattr(cache, "parse_claims", lambda *a: pytest.fail("validated in-process"))
    apart_loaded = timeline.load(path, cache=True)
    assert len(apart) == 1 and apart[0][1:3] == ["-m", "timeline.cache"]
    assert apart_loaded == timeline.load_claims(path)
    assert apart_loaded.path == str(path) and apart_loaded.frame().equals(
        timeline.load_claims(path).frame())
    timeline.load(path, cache=True)
    assert len(apart) == 1  # then read from the cache


def test_an_invalid_large_file_reports_its_problems_as_ever(write_claims, folder, apart):
    path = write_claims(claims_document([claim("x", "2024-02", 9, source="talk-2024")]))
    with pytest.raises(timeline.ClaimsError, match=r"claims.yaml:\d+: .*stance 9 is off"):
        timeline.load(path, cache=True)
    assert len(apart) == 1
