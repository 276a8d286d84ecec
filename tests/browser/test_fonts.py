"""Chinese drawn as glyphs, not boxes, by a browser that has no CJK font of its own.

Debian's Chromium here has none (`fc-list :lang=zh` is empty): without the
dashboard's shipped font every Chinese character is the same empty box, so two
different Chinese strings of one length draw the same pixels.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import claims_document, run_cli
from playwright.sync_api import Locator, Page, expect

from dashboard import ids
from timeline.fonts import FAMILY

NAME = "杨植麟"
OTHER_NAMES = ("周昕宇", "开源派")
"""As many characters as NAME: where glyphs are missing, all three are three equal boxes."""
ROTATIONS = tuple(NAME[i:] + NAME[:i] for i in range(len(NAME)))
"""NAME's own characters in other orders: an exported file embeds only the glyphs it uses."""
VIEWPORTS = [{"width": 1440, "height": 900}, {"width": 390, "height": 844}]


def write_chinese_named_claims(folder: Path) -> Path:
    """Claims whose speaker has a Chinese name: the chart's legend shows it."""
    document = claims_document()
    document["speakers"][0]["name"] = NAME
    path = folder / "claims.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def chinese_named_url(serve, tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(write_chinese_named_claims(tmp_path_factory.mktemp("chinese")))


CHART_SETTLED = """(graph) => new Promise(resolve => {
    const chart = document.getElementById(graph);
    let timer = setTimeout(done, 800);
    const watch = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 800); });
    function done() { watch.disconnect(); resolve(null); }
    watch.observe(chart, {childList: true, subtree: true});
})"""
"""Waits until the chart has not been redrawn for 0.8 s: texts changed before that may be
drawn over by the page's own refit."""


def pixels_per_text(page: Page, found: Locator, texts: tuple[str, ...]) -> int:
    """How many different screenshots the element `found` gives holding each of `texts`
    in turn."""
    element = found.element_handle()
    shots = set()
    for text in texts:
        element.evaluate("(node, text) => { node.textContent = text; }", text)
        page.evaluate("([family, text]) => document.fonts.load(`16px '${family}'`, text)"
                      ".then(() => document.fonts.ready).then(() => null)", [FAMILY, text])
        shots.add(hashlib.sha256(element.screenshot()).hexdigest())
    return len(shots)


MARK_CHINESE_TEXT = r"""() => {
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let marked = 0;
    while (walk.nextNode()) {
        const holder = walk.currentNode.parentElement;
        if (/[\u3400-\u9fff]/.test(walk.currentNode.textContent) && holder.getClientRects().length)
            holder.setAttribute('data-chinese', String(marked++));
    }
    return marked;
}"""
"""Marks every shown element holding Chinese text of its own; returns how many."""


def fonts_with_chinese() -> set[str]:
    """The shipped family and any the system has for Chinese (none on a fresh Debian)."""
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return {FAMILY} | {name for line in listed.stdout.splitlines() for name in line.split(",")}


def fonts_drawing_each_chinese_text(page: Page) -> dict[str, set[str]]:
    """The fonts Chromium really drew each marked element's text with (DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    drawn = {}
    for node in session.send("DOM.querySelectorAll", {"nodeId": root,
                                                      "selector": "[data-chinese]"})["nodeIds"]:
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        html = session.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
        drawn[html[:80]] = {font["familyName"] for font in fonts}
    return drawn


def test_chinese_shown_from_the_first_view_is_drawn_with_a_chinese_font(page: Page, app_url):
    """Text laid out while the face was loading kept its boxes in Chromium: the page must
    load the face before it draws its first view."""
    page.goto(app_url)
    expect(page.locator(f"#{ids.TIMELINE} .main-svg").first).to_be_visible()
    page.locator(".ag-root-wrapper").scroll_into_view_if_needed()  # the table draws rows in view
    expect(page.locator(".ag-cell").locator("visible=true").first).to_be_visible()
    page.evaluate("() => document.fonts.ready.then(() => null)")
    assert page.evaluate(MARK_CHINESE_TEXT) > 0
    with_chinese = fonts_with_chinese()
    # a grid row re-rendered since it was marked draws nothing: nothing to judge there
    drawn = {html: fonts for html, fonts in fonts_drawing_each_chinese_text(page).items()
             if fonts}
    assert drawn, "no Chinese text was drawn"
    boxes = {html: fonts for html, fonts in drawn.items() if not fonts & with_chinese}
    assert boxes == {}, "Chinese drawn with fonts that have no Chinese glyphs"


def shipped_font_loaded(page: Page) -> bool:
    return page.evaluate("""family => document.fonts.ready.then(fonts => [...fonts].some(
        face => face.family.replace(/"/g, '') === family && face.status === 'loaded'))""",
                         FAMILY)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v['width']}x{v['height']}")
@pytest.mark.parametrize("path", ["", "embed"])
def test_chart_and_page_draw_chinese_glyphs(page: Page, chinese_named_url, viewport, path):
    page.set_viewport_size(viewport)
    page.goto(chinese_named_url + path)
    # a phone's chart leaves out the legend (the card names the speaker): there the lane's
    # title, which shows the topic's Chinese label, is the chart's Chinese text
    narrow = viewport["width"] < 600
    chart_text = (page.locator(f"#{ids.TIMELINE} .annotation-text", has_text="开源").first
                  if narrow else page.locator(f"#{ids.TIMELINE} .legendtext", has_text=NAME))
    expect(chart_text).to_be_visible()
    page.evaluate(CHART_SETTLED, ids.TIMELINE)  # the page refits the chart after its draw
    assert shipped_font_loaded(page), f"the page never loaded {FAMILY}"
    assert pixels_per_text(page, chart_text, (NAME, *OTHER_NAMES)) == 3, \
        "different names in the chart drew the same pixels: CJK glyphs are boxes"
    if path == "":
        heading = page.locator(".site-header h1")
        assert pixels_per_text(page, heading, (NAME, *OTHER_NAMES)) == 3, \
            "different names in the page's heading drew the same pixels: CJK glyphs are boxes"


def test_report_and_chart_files_draw_chinese_glyphs_from_disk(page: Page, tmp_path: Path):
    """The exported HTML files carry their own glyphs: no server, no system font."""
    claims = write_chinese_named_claims(tmp_path)
    for command in (["chart", "--format", "html"], ["report"]):
        out = tmp_path / f"{command[0]}.html"
        assert run_cli(*command, "--claims", str(claims), "-o", str(out)).returncode == 0
        page.goto(out.as_uri())
        legend_name = page.locator(".legendtext", has_text=NAME).first
        expect(legend_name).to_be_visible()
        assert pixels_per_text(page, legend_name, ROTATIONS) == 3, \
            f"{command[0]}: different orders of the name drew the same pixels: boxes"
