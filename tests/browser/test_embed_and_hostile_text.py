"""The chart in someone else's page (/embed in an iframe), and hostile text shown as text."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import claim, claims_document
from playwright.sync_api import FrameLocator, Page, expect

from browser.dashboard_page import drawn_claims, point_on_screen, wait_for_view
from dashboard import ids
from timeline import ClaimFilter
from timeline.figures import default_topics

PAYLOADS = ["<script>window.pwned=1</script>", "<img src=x onerror=\"window.pwned=1\">",
            "<b>bold?</b> & \"quotes\"", "=HYPERLINK(\"javascript:alert(1)\")"]


@pytest.fixture
def other_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Another origin on 127.0.0.1 serving the files in a folder: a reader's blog."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", tmp_path
    server.shutdown()
    server.server_close()


FRAME_WIDTH, FRAME_HEIGHT = 800, 500


def embed_in_blog(page: Page, other_site: tuple[str, Path], src: str) -> FrameLocator:
    """Open a post on the other site that frames the dashboard page `src`."""
    site, folder = other_site
    (folder / "blog.html").write_text(
        f'<link rel="icon" href="data:,"><p>A post</p><iframe id="chart" src="{src}" '
        f'width="{FRAME_WIDTH}" height="{FRAME_HEIGHT}" style="border:0"></iframe>',
        encoding="utf-8")
    page.goto(f"{site}blog.html")
    return page.frame_locator("#chart")


def test_embed_shows_only_the_chart_sized_to_its_frame(page: Page, app_url, bundled,
                                                       other_site, page_log):
    topic = default_topics(bundled)[0]
    expected = sorted(ClaimFilter(topics=(topic,)).apply(bundled.frame())["id"])
    frame = embed_in_blog(page, other_site, f"{app_url}embed?topic={topic}")
    plot = frame.locator(f"#{ids.TIMELINE} .js-plotly-plot .main-svg").first
    expect(plot).to_be_visible()
    expect(frame.locator(".filters")).to_be_hidden()
    inner = page.frame(url=lambda url: "/embed" in url)
    assert inner is not None
    inner.wait_for_function(f"() => document.querySelector('#{ids.MATCH_COUNT}').textContent")
    assert drawn_claims(inner) == {topic: expected}
    # the panels come after the chart's answer, as the table does on the main page; an
    # embed never mounts the table, so it never loads the grid's code either
    inner.wait_for_function(f"""() => document.querySelector('#{ids.THEN_NOW}').children.length
        && !document.querySelector('[data-dash-is-loading="true"]')""")
    page.wait_for_timeout(500)
    expect(frame.locator(f"#{ids.GRID}")).to_have_count(0)
    assert not [url for url in page_log.requests if "/dash_ag_grid/async-" in url]
    box = plot.bounding_box()
    assert box is not None
    head, foot = (frame.locator(f"#{part}").bounding_box() for part in (ids.EMBED_HEAD,
                                                                        ids.EMBED_FOOT))
    assert head and foot and head["height"] > 20 and foot["height"] > 20  # the frame's lines
    assert abs(head["height"] + box["height"] + foot["height"] - FRAME_HEIGHT) < 5
    assert abs(box["width"] - FRAME_WIDTH) < 5


def test_embedded_legend_stays_clear_of_the_first_lane_title(page: Page, app_url, bundled,
                                                             other_site):
    """A short frame squeezes several lanes: the legend must still sit above them."""
    topics = default_topics(bundled)
    frame = embed_in_blog(page, other_site, f"{app_url}embed?topic={'&topic='.join(topics)}")
    chart = frame.locator(f"#{ids.TIMELINE}")
    expect(chart.locator("path.point").first).to_be_attached()
    legend = chart.locator("g.legend").bounding_box()
    title = chart.locator(".annotation-text", has_text=bundled.topic[topics[0]].label)
    first = title.bounding_box()
    assert legend is not None and first is not None
    assert legend["y"] + legend["height"] <= first["y"], (legend, first)


def test_hostile_text_is_shown_as_typed_and_never_runs(page: Page, serve, write_claims):
    hostile = claim("x-1", "2024-02", -2, source="talk-2024", quote=PAYLOADS[0],
                    translation=PAYLOADS[1], summary=PAYLOADS[2], stance_note=PAYLOADS[3],
                    location=PAYLOADS[1])
    document = claims_document([hostile, claim("x-2", "2025-07", 1, source="talk-2025")])
    document["speakers"][0]["name"] = PAYLOADS[1]
    document["sources"][0]["title"] = PAYLOADS[0]
    url = serve(write_claims(document))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}?claim=x-1")
    wait_for_view(page, 2, 2)
    card = page.locator(f"#{ids.CARD} [data-claim-id]")
    expect(card.locator(".quote-original")).to_have_text(PAYLOADS[0])
    expect(card.locator(".quote-translation")).to_have_text(PAYLOADS[1])
    expect(card).to_contain_text(PAYLOADS[2])
    expect(card).to_contain_text(PAYLOADS[3])
    expect(card.locator(".card-speaker")).to_contain_text(PAYLOADS[1])
    expect(card.locator(".source-link")).to_have_text(PAYLOADS[0])
    expect(page.locator(f"#{ids.GRID}")).to_contain_text(PAYLOADS[2])
    page.mouse.move(*point_on_screen(page)[1:])
    preview = page.locator(f"#{ids.TIMELINE_TOOLTIP}")
    expect(preview.locator(".quote-original")).to_have_text(PAYLOADS[0])
    expect(preview).to_contain_text(PAYLOADS[1])
    assert page.evaluate("window.pwned") is None and dialogs == []
    assert page.locator("img[onerror], #react-entry-point script").count() == 0
