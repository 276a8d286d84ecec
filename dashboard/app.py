"""The app factory: one fresh Dash app per call, for the CLI, gunicorn and tests.

Nothing is module-level state: `create_app` loads and validates the claims
(raising `timeline.ClaimsError` with every problem), builds the layout and
registers the callbacks on a new app, and adds the security headers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from dash import Dash, dcc
from dash.development.base_component import Component
from dash.fingerprint import build_fingerprint

from dashboard.callbacks import register_callbacks
from dashboard.layout import build_layout
from dashboard.live import LiveDataset
from dashboard.security import add_security_headers
from timeline.figures import webgl_possible

ASSETS = Path(__file__).parent / "assets"
EARLY_ASSETS = "early"
"""Assets folder of scripts that must run before Dash's own: Dash does not load them by
itself; `index_page` names them ahead of Dash's scripts."""
EAGER_CHUNKS = ("async-graph.js", "async-dropdown.js")
"""dcc's lazily loaded parts the main page always shows (see `eager_chunks`)."""
POLYFILL_SCRIPT = re.compile(r'<script src="[^"]*/polyfill@[^"]*"></script>\s*')
"""Dash's @babel/polyfill 7, left out of the page (see `page_scripts`)."""
GRID_SCRIPT = re.compile(r'<script src="([^"]*/dash_ag_grid/[^"]*\.js)"></script>\s*')
"""AG Grid's code, fetched with the page but run once the chart's answer is in (see
`page_scripts`)."""
RENDERER_SCRIPT = re.compile(r'<script src="[^"]*/dash-renderer/')
VENDOR_ASSETS = "vendor"
"""Assets folder of the plotly.js bundles, of which each page loads one (`plotly_script`)."""
PLOTLY_WEBGL, PLOTLY_SVG = "plotly-timeline-strict.min.js", "plotly-timeline-svg-strict.min.js"


def create_app(claims_path: str | os.PathLike[str] | None = None) -> Dash:
    """A dashboard over the claims at `claims_path` (default: `timeline.load`'s search).

    The file is validated now (a `timeline.ClaimsError` stops the start) and
    watched afterwards: see `dashboard.live`.
    """
    live = LiveDataset(claims_path)
    app = Dash(__name__, title="Position timeline", assets_folder=str(ASSETS),
               serve_locally=True, external_stylesheets=[], external_scripts=[],
               update_title=None, assets_path_ignore=[f"^{EARLY_ASSETS}$", f"^{VENDOR_ASSETS}$"],
               # Dash's page would check the callbacks against a layout holding the grid,
               # which needs AG Grid's code before the page runs it (see `page_scripts`);
               # tests/test_dashboard_app.py checks them instead
               suppress_callback_exceptions=True)
    app.index_string = index_page(app)

    plotly_scripts = {webgl: asset_script(app, f"{VENDOR_ASSETS}/{bundle}")
                      for webgl, bundle in ((True, PLOTLY_WEBGL), (False, PLOTLY_SVG))}

    def plotly_script() -> str:
        """plotly.js without WebGL for a page whose charts never draw it: its code was
        0.17 s of the 0.57 s the browser took to evaluate plotly (medians of 10). The
        page's layout says which one it has (`ids.PAGE_WEBGL`), by the same rule, for
        the callbacks to draw for; a save that crosses the rule between the two
        requests of one page load would leave that page's big charts unmarked until
        it is reloaded."""
        return plotly_scripts[webgl_possible(len(live.current().claims))]

    app.interpolate_index = page_scripts(app.interpolate_index, plotly_script)
    root = app.get_relative_path("/")

    def serve_layout() -> Component:
        return build_layout(live.current(), root, live.problems)

    app.layout = serve_layout
    register_callbacks(app, live)
    add_security_headers(app)
    return app


def page_scripts(interpolate_index: Callable[..., str], plotly: Callable[[], str]
                 ) -> Callable[..., str]:
    """Dash's page maker, minus Dash's @babel/polyfill 7, with the page's `plotly`
    script ahead of Dash's renderer, and with AG Grid's code fetched but not run.

    The polyfill's core-js 2 replaced the browser's own `trim`, `parseInt`,
    `parseFloat` and more with slower copies in every current browser (plotly.js
    calls them for every marker), and took its own time to start: at 10,000
    claims the page drew the chart about 0.35 s sooner without it (medians of 6
    alternated runs). The one thing Dash still needs from it is
    `regeneratorRuntime`, which early/regenerator-runtime.js defines (the
    runtime Babel itself ships). The dashboard needs a browser of 2020 or later
    anyway (see plotly-bundle/build.mjs).

    AG Grid's 1.3 MB ran before the page could ask for anything, for a table
    mounted only once the chart's answer is in (at 10,000 claims the chart is
    drawn 62 ms sooner without it, DOMContentLoaded 86 ms, medians of 12
    paired loads). The page now prefetches it, at the lowest priority so that
    it holds up none of the page's own scripts, and `timeline.loadGrid`
    (assets/dashboard.js) runs it before `mount_table` is asked for the grid.
    """
    def interpolate(**parts: str) -> str:
        scripts = POLYFILL_SCRIPT.sub("", parts["scripts"])
        scripts = GRID_SCRIPT.sub(r'<link rel="prefetch" as="script" href="\1">', scripts)
        scripts, placed = RENDERER_SCRIPT.subn(lambda renderer: plotly() + renderer[0],
                                               scripts, count=1)
        if not placed:
            raise RuntimeError("Dash's page has no dash-renderer script to load plotly.js before")
        return interpolate_index(**{**parts, "scripts": scripts})
    return interpolate


def index_page(app: Dash) -> str:
    """Dash's page template with the early scripts ahead of Dash's, from files (the CSP
    allows no inline script but Dash's own)."""
    early = "".join(asset_script(app, f"{EARLY_ASSETS}/{script.name}")
                    for script in sorted((ASSETS / EARLY_ASSETS).glob("*.js")))
    return f"""<!DOCTYPE html>
<html>
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        {{%favicon%}}
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <footer>
            {{%config%}}
            {early}
            {{%scripts%}}
            {eager_chunks(app)}
            {{%renderer%}}
        </footer>
    </body>
</html>"""


def eager_chunks(app: Dash) -> str:
    """Script tags for dcc's graph and dropdown code, which dcc loads only once a page
    shows one: Dash holds back every callback that names a component whose code is not
    in yet, so the page's first callbacks waited for two more round trips after the
    layout. Loaded with Dash's own scripts, the chunks register themselves with dcc's
    loader, which then never asks for them. URLs are fingerprinted as Dash does it."""
    folder = Path(dcc.__file__).parent
    urls = [app.get_relative_path("/_dash-component-suites/dash/dcc/" + build_fingerprint(
        chunk, dcc.__version__, int((folder / chunk).stat().st_mtime))) for chunk in EAGER_CHUNKS]
    return "".join(f'<script src="{url}"></script>' for url in urls)


def asset_script(app: Dash, path: str) -> str:
    """A script tag for one of the app's assets, its URL changing with the file as Dash's
    own asset URLs do (`?m=` its modification time)."""
    modified = (ASSETS / path).stat().st_mtime
    return f'<script src="{app.get_asset_url(path)}?m={modified}"></script>'
