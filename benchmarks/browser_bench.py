"""Time from navigation to the stance timeline drawn, in headless Chromium, against a bare app.

    python benchmarks/browser_bench.py CLAIMS.yaml [--repeat 9]

The callback benchmarks stop when the JSON leaves the server; a reader also
waits for the page and plotly.js to load, the callbacks to run and the chart
to be drawn. This measures all of it: gunicorn serves the dashboard as
deployed (two workers, 127.0.0.1, warm cache: a restart on an unchanged
file), and every page load is a fresh browser context, so nothing comes from
the browser's cache. Requests to any host but 127.0.0.1 are aborted and counted.

The baseline, in the same run, is benchmarks/bare_app.py: a bare Dash app
drawing one plain scatter of the same rows (every claim of the opening view),
on its own gunicorn. Loads alternate, dashboard then bare app, so a busy spell
of this shared machine slows both; the figure of merit is their ratio.

"Drawn" is the first `plotly_afterplot` of the timeline graph whose plotted
data holds marks on screen: SVG `path.point`s of the claims traces
(`meta.role == "claims"`) or of the aggregated lanes' squares
(`meta.role == "aggregate"`, see timeline.lod). Times are `performance.now()`
in the page, i.e. from navigation start.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from load_test import free_port, start_server, stop_server  # noqa: E402
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
"""gunicorn's own 30 s would kill a worker whose big response the browser stops reading."""
BARE_APP = "bare_app:create_server()"
FOREIGN = re.compile(r"^(?!http://127\.0\.0\.1[:/])")
"""Every URL not on 127.0.0.1. A regex is matched inside the driver, so local requests
are never paused for Python (a predicate would pause every request)."""

WATCH_TIMELINE = """(() => {
    const graph = %s;
    function drawn(gd) {
        let marks = 0;
        for (const group of gd.querySelectorAll('g.trace.scatter')) {
            const trace = group.__data__ && group.__data__[0] && group.__data__[0].trace;
            const role = trace && trace.meta && trace.meta.role;
            if (role === 'claims' || role === 'aggregate')
                marks += group.querySelectorAll('path.point').length;
        }
        return marks ? {marks} : null;  // null: the blank figure the layout starts with
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
"""Installed before any page script: records when the timeline first plots its marks."""

SETTLED = """() => window.__timelineDrawn
    && !document.querySelector('[data-dash-is-loading="true"]')"""

RESULT = """() => {
    const callbacks = performance.getEntriesByType('resource')
        .filter(e => new URL(e.name).pathname.endsWith('/_dash-update-component'));
    const main = callbacks.reduce((a, b) => (b.transferSize > a.transferSize ? b : a));
    return {...window.__timelineDrawn, response: main.responseEnd,
            bytes: callbacks.reduce((n, e) => n + e.transferSize, 0)};
}"""
"""What the page saw: marks drawn and when, the chart's response, callback bytes."""


@dataclass
class PageLoad:
    chart_s: float
    """NaN when the chart was not drawn."""
    response_s: float
    """When the largest callback response (the one carrying the chart) had arrived."""
    callback_bytes: int
    marks: int


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
            print(f"{url}: not drawn within {TIMEOUT_MS / 1000:.0f} s", file=sys.stderr)
            return PageLoad(math.nan, math.nan, 0, 0)
        seen = page.evaluate(RESULT)
    finally:
        context.close()
    return PageLoad(seen["at"] / 1000, seen["response"] / 1000, seen["bytes"], seen["marks"])


def median(values: list[float]) -> float:
    """NaN when any page failed: a chart that was not drawn has no time."""
    return math.nan if any(math.isnan(v) for v in values) else statistics.median(values)


def time_to_chart(path: Path, repeat: int) -> dict[str, float]:
    """Medians of `repeat` fresh page loads each of the dashboard and of the bare app,
    alternated, after one unmeasured load of each. Both servers start on a warm cache
    (validated here first) and are always stopped."""
    timeline.load(path, cache=True)
    ports = {"dashboard": free_port(), "bare": free_port()}
    servers = [start_server(ports["dashboard"], WORKERS, path, WORKER_TIMEOUT_S),
               start_server(ports["bare"], WORKERS, path, WORKER_TIMEOUT_S, app=BARE_APP)]
    foreign: list[str] = []
    loads: dict[str, list[PageLoad]] = {"dashboard": [], "bare": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                 args=CHROMIUM_ARGS)
            try:
                for turn in range(repeat + 1):
                    for name, port in ports.items():
                        load = load_page(browser, f"http://127.0.0.1:{port}/", foreign)
                        if turn:  # the first of each warms the server up
                            loads[name].append(load)
            finally:
                browser.close()
    finally:
        for server in servers:
            stop_server(server)
    if foreign:
        print(f"aborted {len(foreign)} requests off 127.0.0.1, e.g. {foreign[0]}",
              file=sys.stderr)
    dashboard, bare = loads["dashboard"], loads["bare"]
    return {"browser_chart_s": median([load.chart_s for load in dashboard]),
            "bare_app_chart_s": median([load.chart_s for load in bare]),
            "browser_response_s": median([load.response_s for load in dashboard]),
            "browser_callbacks_mb": statistics.median(load.callback_bytes for load in dashboard)
            / 1e6, "browser_marks": float(dashboard[0].marks),
            "bare_app_marks": float(bare[0].marks)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=Path)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    figures = time_to_chart(args.claims, args.repeat)
    figures["ratio"] = figures["browser_chart_s"] / figures["bare_app_chart_s"]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
