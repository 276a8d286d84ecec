"""The app factory: one fresh Dash app per call, for the CLI, gunicorn and tests.

Nothing is module-level state: `create_app` loads and validates the claims
(raising `timeline.ClaimsError` with every problem), builds the layout and
registers the callbacks on a new app, and adds the security headers.
"""

from __future__ import annotations

import os
from pathlib import Path

from dash import Dash
from dash.development.base_component import Component

from dashboard.answers import Answers
from dashboard.callbacks import register_callbacks
from dashboard.layout import build_layout
from dashboard.live import LiveDataset
from dashboard.replies import keep_replies
from dashboard.security import add_security_headers

ASSETS = Path(__file__).parent / "assets"
"""Served and loaded by Dash as it does any app's assets, among them plotly's own
cartesian bundle, unchanged from npm (scripts/vendor-plotly): dcc.Graph draws with the
`window.Plotly` it finds instead of loading Dash's full plotly.js (4.6 MB). Its traces
are all the dashboard draws (scatter and heatmap, in SVG: dense lanes are aggregated,
see `timeline.lod`), and it compiles no code at run time, which the page's CSP forbids."""


def create_app(claims_path: str | os.PathLike[str] | None = None, *,
               keep_answers: bool = True) -> Dash:
    """A dashboard over the claims at `claims_path` (default: `timeline.load`'s search);
    `keep_answers=False` works out every answer afresh (benchmarks measure that work).

    The file is validated now (a `timeline.ClaimsError` stops the start) and
    watched afterwards: see `dashboard.live`.
    """
    live = LiveDataset(claims_path)
    app = Dash(__name__, title=live.current().title, assets_folder=str(ASSETS),
               serve_locally=True, external_stylesheets=[], external_scripts=[],
               update_title=None,
               # the claims grid is mounted once the chart's first answer is in (see
               # `mount_table`); tests/test_dashboard_app.py checks the callbacks' ids
               suppress_callback_exceptions=True)
    root = app.get_relative_path("/")

    def serve_layout() -> Component:
        return build_layout(live.current(), root, live.problems)

    app.layout = serve_layout
    register_callbacks(app, live, Answers() if keep_answers else Answers(kept=0))
    if keep_answers:
        keep_replies(app, live)
    add_security_headers(app)
    set_up_before_serving(app)
    return app


def set_up_before_serving(app: Dash) -> None:
    """Have Dash set itself up now, as it does on an app's first request. That setup marks
    itself done before it registers the scripts it serves, so under a threaded server a
    second request arriving meanwhile was refused the page's scripts."""
    app.server.test_client().get(app.config.routes_pathname_prefix + "_dash-dependencies")
