"""Publishable everywhere: at a laptop's and a phone's size, checked as a reader would.

Every page passes axe-core (vendored, see vendor/axe-core/README.md) with no serious
or critical violation; the phone's first screen is the chart; a tapped claim's card is
in view; Enter on a table row opens its card; a search is highlighted and counted as
`timeline export --search` counts it; the embed snippet fits a phone page of another site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLAIMS, run_cli
from playwright.sync_api import Browser, Page, expect

from browser.dashboard_page import click_first_point, wait_for_view
from browser.test_embed_and_hostile_text import other_site  # noqa: F401  (a fixture)
from dashboard import ids
from timeline import ClaimFilter
from timeline.figures import default_topics

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
SIZES = {"laptop": (1440, 900), "phone": (390, 844)}
BLOCKING = ("serious", "critical")


@pytest.fixture(params=list(SIZES))
def sized(request, browser: Browser) -> Page:
    """A page at one of SIZES, in a context that lets the tests inject axe-core (the app's
    CSP refuses inline scripts)."""
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  bypass_csp=True, accept_downloads=True)
    yield context.new_page()
    context.close()


def axe_violations(page: Page, within: str | None = None) -> list[str]:
    """axe-core's serious and critical findings in the page, or in the part `within` selects."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("within => axe.run(within || document, {resultTypes: ['violations']})",
                          within)
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
            for v in found["violations"] if v["impact"] in BLOCKING]


def default_count(bundled) -> int:
    return len(ClaimFilter(topics=tuple(default_topics(bundled))).apply(bundled.frame()))


def grid_row(page: Page, index: int):
    """The table's row at `index` of the current page, where its cells are drawn (AG Grid
    keeps a row element in each of its pinned containers too, empty when nothing is pinned)."""
    return page.locator(f"#{ids.GRID} .ag-center-cols-container .ag-row[row-index='{index}']")


def open_every_control(page: Page) -> None:
    """Unfold what a reader can unfold before axe looks: the filters behind their button (on
    a phone), a filter's choices, the table's first rows (which must be shown, not just be
    in the page)."""
    if page.locator(f"#{ids.FILTERS_TOGGLE}").is_visible():
        page.locator(f"#{ids.FILTERS_TOGGLE}").click()
    page.locator(f"#{ids.chosen(ids.TOPICS)}").click()
    expect(page.locator(f"#{ids.TOPICS} input[type=checkbox]").first).to_be_visible()
    expect(grid_row(page, 0).locator(".ag-cell").first).to_be_visible(timeout=15000)
    expect(page.locator(f"#{ids.GRID} .ag-header-cell").first).to_be_visible()


@pytest.mark.parametrize("path", ["", "embed", "sources"])
def test_axe_finds_nothing_serious_on_the_dashboards_pages(sized, app_url, bundled, path):
    sized.goto(app_url + path)
    if path == "sources":
        expect(sized.locator(f"#{ids.SOURCES_TABLE} table")).to_be_visible()
    else:
        wait_for_view(sized, default_count(bundled), len(bundled.claims), 15000)
    if path == "":
        open_every_control(sized)
    expect(sized.locator("html")).to_have_attribute("lang", bundled.language)
    assert axe_violations(sized) == []


def test_axe_finds_nothing_serious_in_the_report(sized, tmp_path, bundled):
    out = tmp_path / "report.html"
    assert run_cli("report", "--claims", str(CLAIMS), "-o", str(out)).returncode == 0
    sized.goto(out.as_uri())
    sized.wait_for_selector(".js-plotly-plot .main-svg")
    assert axe_violations(sized) == []
    assert sized.evaluate("document.documentElement.scrollWidth") <= SIZES["phone"][0] or \
        sized.viewport_size["width"] > SIZES["phone"][0]


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_first_screen_is_the_chart_and_nothing_scrolls_sideways(sized, app_url, bundled):
    sized.goto(app_url)
    wait_for_view(sized, default_count(bundled), len(bundled.claims), 15000)
    phone = sized.viewport_size["width"] < 760
    chart = sized.locator(f"#{ids.TIMELINE} .main-svg").first.bounding_box()
    assert chart and chart["y"] < sized.viewport_size["height"] / 2
    assert chart["x"] >= 0 and chart["x"] + chart["width"] <= sized.viewport_size["width"]
    panel = sized.locator(f"#{ids.FILTERS_PANEL}")
    if phone:
        expect(panel).to_be_hidden()
        sized.locator(f"#{ids.FILTERS_TOGGLE}").click()
        expect(panel).to_be_visible()
        expect(sized.locator(f"#{ids.FILTERS_TOGGLE}")).to_have_attribute("aria-expanded",
                                                                          "true")
    else:
        expect(panel).to_be_visible()
        expect(sized.locator(f"#{ids.FILTERS_TOGGLE}")).to_be_hidden()
    no_sideways_scroll(sized)
    assert_ticks_clear_of_titles(sized)
    words = sized.locator(f"#{ids.CHART_WORDS} li")
    expect(words).to_have_count(len(default_topics(bundled)))
    expect(words.first).to_contain_text(bundled.topic[default_topics(bundled)[0]].label)


def assert_ticks_clear_of_titles(page: Page) -> None:
    """No date tick label overlaps a lane's title, and no chart text is under 12 px."""
    found = page.evaluate(f"""() => {{
        const plot = document.querySelector('#{ids.TIMELINE} .js-plotly-plot');
        const boxes = sel => [...plot.querySelectorAll(sel)].map(n => n.getBoundingClientRect())
            .filter(b => b.width > 0);
        const ticks = boxes('.xaxislayer-above text'), titles = boxes('.annotation-text');
        const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom
            && b.top < a.bottom;
        const sizes = [...plot.querySelectorAll('text')].filter(n => n.textContent.trim())
            .map(n => parseFloat(getComputedStyle(n).fontSize));
        return {{clashes: ticks.filter(t => titles.some(a => overlap(t, a))).length,
                 smallest: Math.min(...sizes), ticks: ticks.length}};
    }}""")
    assert found["ticks"] > 0 and found["clashes"] == 0 and found["smallest"] >= 12, found


def test_a_tapped_points_card_is_in_view_on_a_phone(page, app_url, bundled):
    page.set_viewport_size({"width": SIZES["phone"][0], "height": SIZES["phone"][1]})
    test_a_tapped_points_card_is_in_view(page, app_url, bundled)


def test_a_tapped_points_card_is_in_view(page, app_url, bundled):
    sized = page
    sized.goto(app_url)
    wait_for_view(sized, default_count(bundled), len(bundled.claims), 15000)
    claim = click_first_point(sized)
    card = sized.locator(f"#{ids.CARD} .claim-card")
    expect(card).to_have_attribute("data-claim-id", claim)
    expect(card.locator(".card-speaker")).to_be_in_viewport()


def test_enter_on_a_table_row_opens_its_card(sized, app_url, bundled):
    sized.goto(app_url)
    wait_for_view(sized, default_count(bundled), len(bundled.claims), 15000)
    card = sized.locator(f"#{ids.CARD} .claim-card")
    first, second = grid_row(sized, 1), grid_row(sized, 2)
    first.locator(".ag-cell").first.click()
    expect(card).to_have_attribute("data-claim-id", first.get_attribute("row-id"))
    wanted = second.get_attribute("row-id")
    assert wanted != first.get_attribute("row-id")
    sized.keyboard.press("ArrowDown")  # the grid moves its focus to the next row's cell
    expect(second.locator(".ag-cell-focus")).to_have_count(1)
    sized.keyboard.press("Enter")
    expect(card).to_have_attribute("data-claim-id", wanted)
    expect(card.locator(".card-speaker")).to_be_in_viewport()


def test_a_search_is_highlighted_and_counted_as_export_counts_it(sized, app_url, bundled):
    query = "open source"
    everywhere = ClaimFilter(search=query).apply(bundled.frame())
    export = run_cli("export", "--claims", str(CLAIMS), "--search", query)
    assert export.returncode == 0 and export.stdout.count("\n") - 1 >= len(everywhere)
    shown = ClaimFilter(topics=tuple(default_topics(bundled)), search=query).apply(
        bundled.frame())
    first = shown["id"].iloc[0]
    sized.goto(f"{app_url}?q=open-source&claim={first}")
    count = sized.locator(f"#{ids.MATCH_COUNT}")
    expect(count).to_contain_text(f"{len(shown)} of {len(bundled.claims)} claims match")
    if len(everywhere) != len(shown):
        expect(count).to_contain_text(f"in all topics {len(everywhere)} claim")
    expect(sized.locator(f"#{ids.CARD} .claim-card mark").first).to_be_visible()
    expect(sized.locator(f"#{ids.GRID} mark").first).to_be_attached()
    sized.goto(f"{app_url}?topic=*&q=OPEN%20SOURCE")
    expect(count).to_have_text(f"{len(everywhere)} of {len(bundled.claims)} claims match")


@pytest.mark.parametrize("width", [390, 320])
def test_the_embed_snippet_fits_a_phone_page_of_another_site(page, app_url, bundled, width,
                                                            other_site):  # noqa: F811
    page.goto(app_url)
    wait_for_view(page, default_count(bundled), len(bundled.claims), 15000)
    snippet = page.locator(f"#{ids.EMBED_SNIPPET}").input_value()
    site, folder = other_site
    (folder / "post.html").write_text(
        '<!doctype html><meta name="viewport" content="width=device-width">'
        f'<link rel="icon" href="data:,"><p>A post</p>{snippet}<p>More text</p>',
        encoding="utf-8")
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{site}post.html")
    frame = page.frame_locator("iframe")
    expect(frame.locator(f"#{ids.TIMELINE} .main-svg").first).to_be_visible(timeout=15000)
    box = page.locator("iframe").bounding_box()
    assert box and width - 40 < box["width"] <= width
    assert box["height"] >= len(default_topics(bundled)) * 150
    no_sideways_scroll(page)
    expect(frame.locator(f"#{ids.EMBED_HEAD}")).to_contain_text(bundled.title)
    expect(frame.locator(f"#{ids.EMBED_FOOT}")).to_contain_text("Source")


def test_the_embed_stays_readable_at_320_px(page, app_url, bundled):
    """The narrowest phone: no sideways scroll, the title above the chart and the source
    line below it, neither under the chart, and a chart of readable height."""
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(app_url + "embed")
    wait_for_view(page, default_count(bundled), len(bundled.claims), 15000)
    head, foot = page.locator(f"#{ids.EMBED_HEAD}"), page.locator(f"#{ids.EMBED_FOOT}")
    expect(head).to_contain_text(bundled.title)
    expect(foot).to_contain_text("Source")
    expect(head).to_be_in_viewport()
    no_sideways_scroll(page)
    page.wait_for_timeout(500)  # the chart takes the height the lines leave it
    chart = page.locator(f"#{ids.TIMELINE} .main-svg").first.bounding_box()
    above, below = head.bounding_box(), foot.bounding_box()
    assert chart and above and below
    assert above["y"] + above["height"] <= chart["y"] + 1
    assert chart["y"] + chart["height"] <= below["y"] + 1, (chart, below)
    assert chart["height"] >= 300 and chart["width"] <= 320


@pytest.mark.parametrize("width", [320, 360])
def test_each_lane_of_a_narrow_embed_has_room(page, app_url, bundled, width):
    page.set_viewport_size({"width": width, "height": 568})
    page.goto(app_url + "embed")
    wait_for_view(page, default_count(bundled), len(bundled.claims), 15000)
    page.wait_for_timeout(1000)
    plot_height = page.evaluate(f"() => document.querySelector('#{ids.TIMELINE} .js-plotly-plot')"
                                "._fullLayout._size.h")
    assert plot_height / len(default_topics(bundled)) >= 80
    assert_ticks_clear_of_titles(page)
