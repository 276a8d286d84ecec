"""The browser benchmark's baseline: a bare Dash app that draws the same rows.

    gunicorn 'bare_app:create_server()'  (with $TIMELINE_CLAIMS; see browser_bench.py)

One dcc.Graph, with the id the dashboard's timeline has, whose figure comes
with one callback when the page opens: a single plain plotly scatter, one
marker per claim of the dashboard's opening view (date, stance). Same server
(gunicorn), same plotly.js (the dashboard's stock cartesian bundle, its only
asset), same page maker (Dash's) and same kept replies (`dashboard.replies`: a
repeated load is answered from the bytes sent before, as the dashboard's are);
no filters, lanes, table or panels.
"""

from __future__ import annotations

import os
from typing import Any

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc
from flask import Flask

import timeline
from dashboard import ids
from dashboard.app import ASSETS, set_up_before_serving
from dashboard.live import LiveDataset
from dashboard.replies import keep_replies
from dashboard.state import read_query


def bare_figure(dataset: timeline.Dataset) -> dict[str, Any]:
    """Every claim of the dashboard's opening view as one marker: the same rows, drawn bare."""
    frame = read_query("", dataset)[0].claim_filter().apply(dataset.frame())
    return go.Figure(go.Scatter(x=frame["date_mid"], y=frame["stance"], mode="markers",
                                meta={"role": "claims"})).to_plotly_json()


def create_server() -> Flask:
    live = LiveDataset(os.environ["TIMELINE_CLAIMS"])
    dataset = live.current()
    app = Dash(__name__, assets_folder=str(ASSETS), serve_locally=True,
               assets_ignore=r"^(?!plotly-cartesian\.min\.js$)")  # plotly.js, nothing else
    app.layout = [dcc.Location(id="url"), dcc.Graph(id=ids.TIMELINE)]

    @app.callback(Output(ids.TIMELINE, "figure"), Input("url", "pathname"))
    def draw(_pathname: str | None) -> dict[str, Any]:
        return bare_figure(dataset)

    keep_replies(app, live)
    set_up_before_serving(app)
    return app.server
