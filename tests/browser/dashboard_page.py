"""Reading and driving the dashboard in a Playwright page, by the ids in dashboard.ids."""

from __future__ import annotations

from playwright.sync_api import Frame, Page, expect

from dashboard import ids
from dashboard.panels import match_text

CLAIM_MARKERS = """graph => {
    const drawn = [];
    const plot = document.getElementById(graph).querySelector('.js-plotly-plot');
    for (const group of plot.querySelectorAll('g.trace.scatter')) {
        const trace = group.__data__ && group.__data__[0] && group.__data__[0].trace;
        if (!trace || !trace.meta || trace.meta.role !== 'claims') continue;
        for (const p of group.querySelectorAll('path.point'))
            drawn.push([trace.meta.topic, trace.ids[p.__data__.i],
                        [p.style.fill, p.style.stroke, p.style.strokeWidth]]);
    }
    return drawn;
}"""
"""Lane, claim id and paint (fill, outline colour and width) of every marker plotly actually
drew in the SVG (not the figure JSON)."""

GRID_IDS = """([grid, pageOnly]) => {
    let api = null;
    try { api = window.dash_ag_grid.getApi(grid); } catch (notReadyYet) { return null; }
    if (!api.isLastRowIndexKnown()) return null;
    const count = api.getDisplayedRowCount(), size = api.paginationGetPageSize();
    const first = pageOnly ? api.paginationGetCurrentPage() * size : 0;
    const last = pageOnly ? Math.min(first + size, count) : count;
    const found = [];
    for (let i = first; i < last; i++) {
        const node = api.getDisplayedRowAtIndex(i);  // a row not loaded yet: its block is asked for
        if (!node || !node.data) return null;
        found.push(node.data.id);
    }
    return found;
}"""
"""Claim ids in table order, all of them or the current page's; null until their blocks are in.

The table loads rows from the server a block at a time (infinite row model) and
forgets them when the filters change, so the row count is known only once the
server has answered for the current filters. Asking for each row makes the grid
load every block, so polling this until it is not null reads the whole table.
"""


def wait_for_view(page: Page, shown: int, total: int, timeout_ms: float = 5000) -> None:
    """Wait until the callbacks have drawn a view of `shown` claims (big views take longer)."""
    expect(page.locator(f"#{ids.MATCH_COUNT}")).to_have_text(match_text(shown, total),
                                                             timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
        f" && document.querySelector('#{ids.TIMELINE} .js-plotly-plot .main-svg')",
        timeout=timeout_ms)


HEATMAP_COUNTS = """graph => {
    const trace = document.getElementById(graph).querySelector('.js-plotly-plot')._fullData[0];
    if (!trace || trace.type !== 'heatmap') return {};
    return Object.fromEntries(trace.y.map((row, i) => [
        row, trace.text[i].reduce((n, cell) => n + (Number(cell) || 0), 0)]));
}"""
"""Claims per heatmap row (topic label), summed over the cells plotly was given."""


def heatmap_counts(page: Page) -> dict[str, int]:
    return page.evaluate(HEATMAP_COUNTS, ids.HEATMAP)


def drawn_claims(page: Page | Frame) -> dict[str, list[str]]:
    """Claim ids per lane, sorted."""
    lanes: dict[str, list[str]] = {}
    for topic, claim, _paint in page.evaluate(CLAIM_MARKERS, ids.TIMELINE):
        lanes.setdefault(topic, []).append(claim)
    return {topic: sorted(claims) for topic, claims in lanes.items()}


def marker_paint(page: Page) -> dict[str, list[str]]:
    """Each drawn claim's marker paint, by claim id."""
    return {claim: paint for _topic, claim, paint in page.evaluate(CLAIM_MARKERS, ids.TIMELINE)}


def table_ids(page: Page, page_only: bool = False) -> list[str]:
    """Claim ids as the table orders them, once the server has sent them."""
    return page.wait_for_function(GRID_IDS, arg=[ids.GRID, page_only]).json_value()


def grid_claims(page: Page) -> list[str]:
    """Every claim the table holds under the current filters, sorted by id."""
    ordered = table_ids(page)
    assert len(set(ordered)) == len(ordered), "a claim shows twice in the table"
    return sorted(ordered)


def table_page(page: Page) -> list[str]:
    """The claims on the table's current page, top to bottom."""
    return table_ids(page, page_only=True)


def wait_for_table_page(page: Page, expected: list[str]) -> None:
    """Wait until the table's current page shows `expected`, top to bottom."""
    page.wait_for_function(f"([grid, want]) => JSON.stringify(({GRID_IDS})([grid, true]))"
                           " === JSON.stringify(want)", arg=[ids.GRID, expected])


def lanes(page: Page) -> list[str]:
    """Lane titles as the chart shows them, top to bottom."""
    return page.locator(f"#{ids.TIMELINE} .annotation-text").evaluate_all(
        "nodes => nodes.map(n => n.textContent)")


def choose(page: Page, control: str, values: list[str]) -> None:
    """Make a filter of many choices hold exactly `values`, clicking as a reader would:
    open its summary, tick and untick its checkboxes, fold it again."""
    summary = page.locator(f"#{ids.chosen(control)}")
    summary.click()
    boxes = page.locator(f"#{control} input[type=checkbox]")
    expect(boxes.first).to_be_visible()
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box.set_checked(box.get_attribute("value") in values)
    summary.click()


CLEAR_POINT = """([graph, topic]) => {
    const plot = document.getElementById(graph).querySelector('.js-plotly-plot');
    const centre = p => { const b = p.getBoundingClientRect();
                          return [b.x + b.width / 2, b.y + b.height / 2, b.width / 2]; };
    const answering = [...plot.querySelectorAll('g.trace.scatter')]
        .filter(g => g.__data__[0].trace.hoverinfo !== 'skip')
        .flatMap(g => [...g.querySelectorAll('path.point')].map(centre));
    for (const group of plot.querySelectorAll('g.trace.scatter')) {
        const trace = group.__data__[0].trace;
        if (!trace.meta || trace.meta.role !== 'claims' || (topic && trace.meta.topic !== topic))
            continue;
        for (const point of group.querySelectorAll('path.point')) {
            const [x, y, size] = centre(point);
            const rivals = answering.filter(([ox, oy, r]) =>
                r <= size && Math.hypot(ox - x, oy - y) <= r + 1);
            if (rivals.length === 1) return point;  // itself only
        }
    }
    return null;
}"""
"""The first claim marker (of a lane) that a tap at its centre hits.

Plotly answers a tap with the marker whose edge is nearest, and among equals the one
drawn last: so a marker no larger than a claim's and over its centre takes the tap.
Markers of one moment stand a few days apart, which on a phone is a few pixels, so a
claim's marker may lie half under the next one's; a test that tapped it would tap
the other (as a reader would, who sees the other on top)."""


def point_on_screen(page: Page, topic: str | None = None) -> tuple[str, float, float]:
    """A claim marker (of a lane) that a tap at its centre hits: its claim id and that
    centre on screen.

    Plotly's drag layer lies over the markers, so the mouse is moved to them by position.
    """
    found = clear_point(page, topic)
    for _ in range(20):  # a narrow screen's chart is fitted after it is drawn: wait it out
        page.wait_for_timeout(150)
        again = clear_point(page, topic)
        if again == found:
            return found
        found = again
    raise AssertionError("the chart's markers kept moving")


def clear_point(page: Page, topic: str | None) -> tuple[str, float, float]:
    point = page.evaluate_handle(CLEAR_POINT, [ids.TIMELINE, topic]).as_element()
    assert point is not None, f"no marker clear of the others in the lane of {topic}"
    point.scroll_into_view_if_needed()
    claim = point.evaluate(
        "p => p.parentNode.parentNode.__data__[0].trace.ids[p.__data__.i]")
    box = point.bounding_box()
    assert box is not None
    return claim, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def click_first_point(page: Page, topic: str | None = None) -> str:
    """Click the first clear marker (of a lane); return the id of its claim."""
    claim, x, y = point_on_screen(page, topic)
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    return claim
