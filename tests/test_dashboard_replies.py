"""Repeated callback requests are answered from kept replies, per claims file."""

from __future__ import annotations

import json
import sys

import pytest
from conftest import ROOT, claim, claims_document
from dash import Dash, Input, Output, html

from dashboard import callbacks, ids
from dashboard.app import create_app
from dashboard.live import LiveDataset
from dashboard.panels import view_timeline
from dashboard.replies import keep_replies

sys.path.insert(0, str(ROOT / "benchmarks"))
from dashboard_bench import view_payload  # noqa: E402  (the request the page makes)


def counting_app(path):
    """A Dash app with one callback that counts its runs, its replies kept per `path`."""
    app = Dash(__name__)
    app.layout = html.Div([html.Div(id="in"), html.Div(id="out")])
    runs: list[str] = []

    @app.callback(Output("out", "children"), Input("in", "children"))
    def echo(value: str) -> str:
        runs.append(value)
        return f"{value} #{len(runs)}"

    keep_replies(app, LiveDataset(path))
    return app.server.test_client(), runs


def ask(client, value: str):
    body = {"output": "out.children", "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "in", "property": "children", "value": value}],
            "changedPropIds": ["in.children"], "state": []}
    return client.post("/_dash-update-component", data=json.dumps(body),
                       content_type="application/json")


def test_the_same_request_is_answered_once_with_the_same_bytes(write_claims):
    client, runs = counting_app(write_claims())
    first, again = ask(client, "a"), ask(client, "a")
    assert runs == ["a"]
    assert again.status_code == 200 and again.data == first.data
    assert again.mimetype == first.mimetype == "application/json"
    assert "#1" in again.get_json()["response"]["out"]["children"]
    ask(client, "b")
    assert runs == ["a", "b"]


def test_a_saved_file_is_answered_afresh(write_claims):
    path = write_claims()
    client, runs = counting_app(path)
    ask(client, "a")
    write_claims(claims_document([claim("new", "2024-02", 1, source="talk-2024")]))
    assert "#2" in ask(client, "a").get_json()["response"]["out"]["children"]
    assert runs == ["a", "a"]


def test_other_requests_pass_through(write_claims):
    client, runs = counting_app(write_claims())
    assert client.get("/_dash-layout").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    assert runs == []


@pytest.mark.parametrize(("keep", "charts"), [(True, 1), (False, 2)])
def test_an_app_that_keeps_no_answers_works_the_same_request_out_again(
        write_claims, monkeypatch, keep, charts):
    """What benchmarks time as the callback's work is that work, not a kept reply."""
    drawn: list[object] = []
    monkeypatch.setattr(callbacks, "view_timeline",
                        lambda *args: drawn.append(args) or view_timeline(*args))
    client = create_app(write_claims(), keep_answers=keep).server.test_client()
    body = json.dumps(view_payload(client.get("/_dash-dependencies").get_json(),
                                   {field: None for field in ids.CONTROLS},
                                   [f"{ids.URL}.search"], "?topic=*"))
    for _ in range(2):
        assert client.post("/_dash-update-component", data=body,
                           content_type="application/json").status_code == 200
    assert len(drawn) == charts

