"""A lane too dense for one marker per claim is drawn aggregated, and says so; narrowing the
view (a filter, or zooming in on the dates) brings its claims back as markers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

from browser.dashboard_page import choose, wait_for_view
from dashboard import ids
from timeline.lod import LANE_MARKER_LIMIT

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "make_claims.py"

DRAWN = """graph => {
    const drawn = {};
    const plot = document.getElementById(graph).querySelector('.js-plotly-plot');
    for (const group of plot.querySelectorAll('g.trace.scatter')) {
        const trace = group.__data__ && group.__data__[0] && group.__data__[0].trace;
        if (!trace || !trace.meta) continue;
        drawn[trace.meta.role] = (drawn[trace.meta.role] || 0)
            + group.querySelectorAll('path.point').length;
    }
    return drawn;
}"""
"""Marks plotly drew in the SVG, per role (claims: a marker per claim; aggregate: a square per
period)."""

ZOOM = """([graph, range]) => Plotly.relayout(
    document.getElementById(graph).querySelector('.js-plotly-plot'),
    range ? {'xaxis.range': range} : {'xaxis.autorange': true})"""
"""Zoom the date axis as a reader's drag does (null: reset, as a double click does)."""


def drawn(page: Page) -> dict[str, int]:
    return page.evaluate(DRAWN, ids.TIMELINE)


def wait_for_marks(page: Page, role: str) -> None:
    page.wait_for_function(f"graph => ({DRAWN})(graph)['{role}'] > 0", arg=ids.TIMELINE,
                           timeout=30_000)


def test_a_dense_lane_is_aggregated_until_the_view_narrows(page: Page, serve, tmp_path):
    claims = LANE_MARKER_LIMIT + 300
    path = tmp_path / "claims.yaml"
    subprocess.run([sys.executable, str(GENERATOR), str(claims), "--topics", "1",
                    "-o", str(path)], check=True)
    page.goto(serve(path))
    wait_for_view(page, claims, claims, timeout_ms=30_000)
    note = page.locator(f"#{ids.TIMELINE} .annotation-text", has_text="aggregated:")
    expect(note).to_have_text(f"aggregated: {claims:,} claims, one square per quarter — "
                              "narrow the view to see each")
    marks = drawn(page)
    assert marks.get("aggregate", 0) > 0 and marks.get("claims", 0) == 0
    expect(page.locator(f"#{ids.TIMELINE} .legendtext",
                        has_text="mean stance per period")).to_have_count(1)

    page.evaluate(ZOOM, [ids.TIMELINE, ["2023-01-01", "2023-06-30"]])  # a few dozen claims
    wait_for_marks(page, "claims")
    assert drawn(page).get("aggregate", 0) == 0
    expect(note).to_have_count(0)
    assert page.evaluate("g => document.getElementById(g).querySelector('.js-plotly-plot')"
                         "._fullLayout.xaxis.range.map(d => d.slice(0, 10))",
                         ids.TIMELINE) == ["2023-01-01", "2023-06-30"]  # the zoom is kept

    page.evaluate(ZOOM, [ids.TIMELINE, None])  # zoom reset: the whole lane again
    wait_for_marks(page, "aggregate")
    expect(note).to_have_count(1)

    choose(page, ids.SPEAKERS, ["speaker-0"])  # a filter that leaves fewer than the limit
    wait_for_marks(page, "claims")
    assert drawn(page).get("aggregate", 0) == 0
    expect(note).to_have_count(0)
