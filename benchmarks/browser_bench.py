"""Time from navigation to the stance timeline drawn, in headless Chromium on a real server.

    python benchmarks/browser_bench.py CLAIMS.yaml [--repeat 3]

The callback benchmarks stop when the JSON leaves the server; a reader also
waits for the page and plotly.js to load, the callbacks to run, the response
to be parsed and the markers to be drawn (SVG up to
`timeline.figures.WEBGL_THRESHOLD` claims, WebGL above). This measures all of
it: gunicorn serves the file as deployed (two workers, 127.0.0.1, warm cache:
a restart on an unchanged file), and every page load is a fresh browser
context, so nothing comes from the browser's cache. Requests to any host but
127.0.0.1 are aborted and counted.

"Drawn" is the first `plotly_afterplot` of the timeline graph whose plotted
data holds the claims traces (`meta.role == "claims"`) with their markers on
screen: SVG `path.point`s in those traces' groups, or for WebGL a finished
draw (a pixel read waits for the GPU process, SwiftShader here) on the
canvas, checked afterwards to hold drawn pixels. Times are `performance.now()`
in the page, i.e. from navigation start.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from load_test import free_port, start_server  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

import timeline  # noqa: E402
from dashboard import ids  # noqa: E402

CHROMIUM = Path(os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
"""As tests/browser/conftest.py launches it."""
WORKERS = 2
"""As deployed: `gunicorn -w 2` (see /work/shared/STACK.md)."""
TIMEOUT_MS = 600_000
"""A page that has not drawn in ten minutes has failed."""
WORKER_TIMEOUT_S = TIMEOUT_MS // 1000
"""gunicorn's own 30 s would kill a worker whose big response the browser stops reading
while its main thread is busy (seen at 10k claims): the chart would then never come."""
FOREIGN = re.compile(r"^(?!http://127\.0\.0\.1[:/])")
"""Every URL not on 127.0.0.1. A regex is matched inside the driver, so local requests
are never paused for Python (a predicate would pause every request)."""

WATCH_TIMELINE = """(() => {
    const graph = %s;
    window.__cspBlocked = 0;
    document.addEventListener('securitypolicyviolation', () => window.__cspBlocked++);
    function drawn(gd) {
        const claims = (gd._fullData || []).filter(
            t => t.meta && t.meta.role === 'claims' && t._length > 0);
        if (!claims.length) return null;  // the blank figure the layout starts with
        if (claims.some(t => t.type === 'scattergl')) {
            const scene = gd._fullLayout._glcanvas && gd._fullLayout._glcanvas.data()[0];
            const gl = scene && scene.regl && scene.regl._gl;
            if (gl)  // a pixel read waits until the GPU process has drawn
                gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
            return {webgl: true, markers: claims.reduce((n, t) => n + t._length, 0)};
        }
        let markers = 0;
        for (const group of gd.querySelectorAll('g.trace.scatter')) {
            const trace = group.__data__ && group.__data__[0] && group.__data__[0].trace;
            if (trace && trace.meta && trace.meta.role === 'claims')
                markers += group.querySelectorAll('path.point').length;
        }
        return markers ? {webgl: false, markers} : null;
    }
    const observer = new MutationObserver(() => {
        const gd = document.querySelector('#' + graph + ' .js-plotly-plot');
        if (!gd || !gd.on) return;
        observer.disconnect();
        gd.on('plotly_afterplot', () => {
            const found = !window.__timelineDrawn && drawn(gd);
            if (found) window.__timelineDrawn = {...found, at: performance.now()};
        });
    });
    observer.observe(document, {childList: true, subtree: true, attributes: true,
                                attributeFilter: ['class']});
})();"""
"""Installed before any page script: records when the timeline first plots the claims."""

SETTLED = """() => window.__timelineDrawn
    && !document.querySelector('[data-dash-is-loading="true"]')"""

RESULT = """graph => {
    const callbacks = performance.getEntriesByType('resource')
        .filter(e => new URL(e.name).pathname.endsWith('/_dash-update-component'));
    const main = callbacks.reduce((a, b) => (b.transferSize > a.transferSize ? b : a));
    const plot = document.querySelector('#' + graph + ' .js-plotly-plot');
    let inked = 0;
    if (window.__timelineDrawn.webgl) {
        const scene = plot._fullLayout._glcanvas.data()[0];
        const gl = scene.regl && scene.regl._gl;
        const pixels = new Uint8Array(gl ? gl.drawingBufferWidth * gl.drawingBufferHeight * 4 : 0);
        if (gl) gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA,
                              gl.UNSIGNED_BYTE, pixels);
        for (let i = 3; i < pixels.length; i += 4) inked += pixels[i] > 0;
    }
    return {...window.__timelineDrawn, inked, noWebgl: !!plot.querySelector('.no-webgl'),
            cspBlocked: window.__cspBlocked, response: main.responseEnd,
            bytes: callbacks.reduce((n, e) => n + e.transferSize, 0)};
}"""
"""What the page saw: the plotted signal, the main callback's arrival, callback bytes
transferred, and for WebGL how many canvas pixels are inked (0: nothing was drawn)."""


@dataclass
class PageLoad:
    chart_s: float
    """NaN when the chart was not drawn: `problem` says why."""
    response_s: float
    """When the largest callback response (the one carrying the chart) had arrived."""
    callback_bytes: int
    webgl: bool
    markers: int
    problem: str = ""


def load_page(browser: Browser, url: str, foreign: list[str]) -> PageLoad:
    """Open `url` in a fresh context and wait until the timeline is plotted and callbacks done."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-GB")
    try:
        context.route(FOREIGN, lambda route: (foreign.append(route.request.url), route.abort()))
        context.add_init_script(WATCH_TIMELINE % json.dumps(ids.TIMELINE))
        page = context.new_page()
        page.goto(url, timeout=TIMEOUT_MS)
        try:
            page.wait_for_function(SETTLED, polling=100, timeout=TIMEOUT_MS)
        except PlaywrightTimeout:
            return PageLoad(math.nan, math.nan, 0, False, 0,
                            f"the timeline was not plotted within {TIMEOUT_MS / 1000:.0f} s")
        seen = page.evaluate(RESULT, ids.TIMELINE)
    finally:
        context.close()
    load = PageLoad(seen["at"] / 1000, seen["response"] / 1000, seen["bytes"], seen["webgl"],
                    seen["markers"])
    if seen["webgl"] and not seen["inked"]:
        load.chart_s = math.nan
        load.problem = ("plotly drew no WebGL markers"
                        + (", it shows 'WebGL is not supported'" if seen["noWebgl"] else "")
                        + (f"; the page's CSP blocked {seen['cspBlocked']} scripts (regl compiles "
                           "its shaders with eval)" if seen["cspBlocked"] else ""))
    return load


def median(values: list[float]) -> float:
    """NaN when any page failed: a chart that was not drawn has no time."""
    return math.nan if any(math.isnan(v) for v in values) else statistics.median(values)


def time_to_chart(path: Path, repeat: int) -> dict[str, float]:
    """Median seconds from navigation to the timeline drawn, over `repeat` fresh page loads.

    The server starts on a warm cache (validated once here, in $TIMELINE_CACHE_DIR if
    set) and serves one unmeasured page first, so the figures are a restarted, warmed-up
    dashboard's, not its first start's. The server is always stopped.
    """
    timeline.load(path, cache=True)
    port = free_port()
    server = start_server(port, WORKERS, path, WORKER_TIMEOUT_S)
    foreign: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                 args=CHROMIUM_ARGS)
            try:
                url = f"http://127.0.0.1:{port}/"
                load_page(browser, url, foreign)
                loads = [load_page(browser, url, foreign) for _ in range(repeat)]
            finally:
                browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    if foreign:
        print(f"aborted {len(foreign)} requests off 127.0.0.1, e.g. {foreign[0]}",
              file=sys.stderr)
    for problem in sorted({load.problem for load in loads if load.problem}):
        print(f"{path.name}: {problem}", file=sys.stderr)
    return {"browser_chart_s": median([load.chart_s for load in loads]),
            "browser_response_s": median([load.response_s for load in loads]),
            "browser_callbacks_mb": statistics.median(load.callback_bytes for load in loads) / 1e6,
            "browser_webgl": float(loads[0].webgl), "browser_markers": float(loads[0].markers)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(time_to_chart(args.claims, args.repeat)))


if __name__ == "__main__":
    main()
