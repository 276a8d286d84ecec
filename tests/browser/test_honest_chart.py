"""The chart says where nothing was said and what happened: the labelled no-source stretch
and the events the sources name, drawn in the browser at desktop and phone sizes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from browser.dashboard_page import wait_for_view
from browser.test_publishable import axe_violations, sized  # noqa: F401  (a fixture)
from dashboard import ids
from timeline import ClaimFilter, dataset_shift_rule
from timeline.chart_key import mark_key
from timeline.figures import default_topics
from timeline.gaps import source_gaps
from timeline.scale import STANCE_LEVELS

LAID_OUT = """graph => {
    const root = document.getElementById(graph);
    const box = el => { const r = el.getBoundingClientRect();
                        return [r.left, r.top, r.right, r.bottom]; };
    return {
        annotations: [...root.querySelectorAll('.annotation-text')].map(
            a => [a.textContent, box(a)]),
        roles: root.querySelector('.js-plotly-plot')._fullData.map(t => t.meta && t.meta.role),
        width: document.documentElement.clientWidth,
    };
}"""


@pytest.mark.parametrize(("viewport", "event_labels"), [
    ({"width": 1440, "height": 900}, True),
    ({"width": 390, "height": 844}, False)])  # a phone's chart keeps events' words in their hover
def test_the_no_source_stretch_is_labelled_and_events_are_marked(page: Page, app_url, bundled,
                                                                 viewport, event_labels):
    page.set_viewport_size(viewport)
    page.goto(app_url)
    shown = ClaimFilter(topics=tuple(default_topics(bundled))).apply(bundled.frame())
    wait_for_view(page, len(shown), len(bundled.claims), timeout_ms=15000)
    drawn = page.evaluate(LAID_OUT, ids.TIMELINE)
    gap = source_gaps(bundled)[0]
    label = f"no sources{gap.label.removeprefix('no sources,')}"
    gap_labels = [box for text, box in drawn["annotations"]
                  if text.replace(" ", "") == label.replace(" ", "")]
    assert len(gap_labels) == len(default_topics(bundled)), drawn["annotations"]
    assert all(0 <= left and right <= drawn["width"] for left, _, right, _ in gap_labels)
    assert "no-sources" in drawn["roles"] and "across-gap" in drawn["roles"]
    events = [e.label for e in bundled.events if not e.topics
              or set(e.topics) & set(default_topics(bundled))]
    shown_labels = {text for text, _ in drawn["annotations"]}
    assert any(label in shown_labels for label in events) == event_labels
    assert drawn["roles"].count("event") >= 2
    expect(page.locator(f"#{ids.TIMELINE} .js-plotly-plot")).to_be_visible()


DRAWN_ROLES = """graph => {
    const plot = document.getElementById(graph).querySelector('.js-plotly-plot');
    return plot && plot._fullData ? plot._fullData.map(t => t.meta && t.meta.role) : [];
}"""


def drawn_roles(page: Page) -> list[str]:
    return page.evaluate(DRAWN_ROLES, ids.TIMELINE)


def test_events_can_be_switched_off_and_a_link_keeps_them_off(page: Page, app_url, bundled):
    page.goto(app_url)
    shown = ClaimFilter(topics=tuple(default_topics(bundled))).apply(bundled.frame())
    wait_for_view(page, len(shown), len(bundled.claims), timeout_ms=15000)
    labels = {e.label for e in bundled.events}
    texts = f"#{ids.TIMELINE} .annotation-text"
    assert "event" in drawn_roles(page)
    assert set(page.locator(texts).all_text_contents()) & labels
    switch = page.get_by_role("checkbox", name="Events")
    expect(switch).to_be_checked()
    switch.uncheck()
    expect(page).to_have_url(re.compile(r"[?&]events=off(&|$)"))
    page.wait_for_function(f"g => !({DRAWN_ROLES})(g).includes('event')", arg=ids.TIMELINE)
    assert "claims" in drawn_roles(page)
    assert not set(page.locator(texts).all_text_contents()) & labels

    page.goto(page.url)  # the link, opened afresh
    wait_for_view(page, len(shown), len(bundled.claims), timeout_ms=15000)
    expect(page.get_by_role("checkbox", name="Events")).not_to_be_checked()
    assert "claims" in drawn_roles(page) and "event" not in drawn_roles(page)
    assert not set(page.locator(texts).all_text_contents()) & labels


FITS = """guide => {
    const width = document.documentElement.clientWidth;
    return [...guide.querySelectorAll('*')].filter(
        el => el.getBoundingClientRect().right > width + 0.5).map(el => el.outerHTML.slice(0, 80));
}"""
"""Parts of the panel that reach past the right edge of the screen."""


def open_guide(page: Page, app_url: str, bundled, topics: list[str]):
    """The page on `topics`, its reading guide opened."""
    page.goto(app_url + "?" + "&".join(f"topic={topic}" for topic in topics))
    shown = ClaimFilter(topics=tuple(topics)).apply(bundled.frame())
    wait_for_view(page, len(shown), len(bundled.claims), timeout_ms=15000)
    guide = page.locator(f"#{ids.READING_GUIDE}")
    expect(guide.locator(".reading-body")).to_be_hidden()
    guide.locator("summary").click()
    expect(guide.locator(".reading-body")).to_be_visible()
    return guide


def test_the_reading_guide_gives_the_levels_the_poles_in_view_and_the_marks(
        sized, app_url, bundled):  # noqa: F811  (the fixture imported above)
    page = sized
    featured = default_topics(bundled)
    guide = open_guide(page, app_url, bundled, featured)
    expect(guide).to_have_attribute("lang", "en")
    expect(guide.locator("h3")).to_have_count(3)
    sections = guide.locator(".reading-body > section")
    expect(sections.nth(0).locator("dt")).to_have_text(["−2", "−1", "0", "+1", "+2"])
    expect(sections.nth(0).locator("dd")).to_have_text([text for _, text in STANCE_LEVELS])
    poles = page.locator(f"#{ids.READING_POLES}")
    expect(poles).to_have_attribute("lang", bundled.language)
    expect(poles.locator("h4")).to_have_text([bundled.topic[t].label for t in featured])
    expect(poles.locator("dd")).to_have_text(
        [text for t in featured for text in (bundled.topic[t].negative, bundled.topic[t].positive)])
    expect(sections.nth(2).locator("dt")).to_have_text(
        [mark for mark, _ in mark_key(dataset_shift_rule(bundled))])
    assert page.evaluate(FITS, guide.element_handle()) == []
    assert axe_violations(page, f"#{ids.READING_GUIDE}") == []

    other = next(t.id for t in bundled.topics if t.id not in featured)
    open_guide(page, app_url, bundled, [other])
    expect(poles.locator("h4")).to_have_text([bundled.topic[other].label])

