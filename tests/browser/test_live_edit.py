"""Saving claims.yaml under a running dashboard: picked up on the next page load; an invalid
save keeps the last good data and shows the validator's messages until it is fixed."""

from __future__ import annotations

import json
import os
import time
import urllib.request

from conftest import claim, claims_document


def page_layout(url: str) -> str:
    """What the next page load shows (the layout JSON Dash serves to the browser)."""
    with urllib.request.urlopen(url + "_dash-layout", timeout=30) as response:
        return json.dumps(json.load(response), ensure_ascii=False)


def save(write_claims, document) -> None:
    path = write_claims(document)
    later = time.time_ns() + 2_000_000_000  # a distinct mtime even on coarse filesystems
    os.utime(path, ns=(later, later))


def test_edits_are_picked_up_and_bad_saves_keep_the_last_good_data(serve, write_claims):
    path = write_claims()
    url = serve(path)
    assert "2 claims" in page_layout(url)

    three = claims_document() | {"claims": claims_document()["claims"] + [
        claim("yang-2025-extra", "2025-07", 2, source="talk-2025")]}
    save(write_claims, three)
    layout = page_layout(url)
    assert "3 claims" in layout and "showing the last valid version" not in layout

    broken = claims_document([claim("bad-one", "2024-02", 7, source="talk-2024")])
    save(write_claims, broken)
    layout = page_layout(url)
    assert "3 claims" in layout, "the last good data is still served"
    assert f"{path}:" in layout and "claim bad-one: stance 7 is off the scale" in layout
    assert "showing the last valid version" in layout

    save(write_claims, three)
    layout = page_layout(url)
    assert "3 claims" in layout and "showing the last valid version" not in layout
