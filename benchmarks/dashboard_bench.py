"""The dashboard's main filter callback, driven the way the browser drives it.

`main_callback_payload` builds the exact JSON the page POSTs to
`/_dash-update-component` when the reader changes the filters (read from the app's own
`/_dash-dependencies`), so benchmarks/run.py and benchmarks/load_test.py
measure the real request, serialisation included. `callback_payload` builds it
for any callback, `view_payload` for the page's view callback (tests use it too).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from timing import medians_in_turn

import timeline
from dashboard import ids
from dashboard.state import control_values, read_query

REALISTIC_QUERY = "topic=*&since=2021"
"""Every topic from 2021 on: most of the data, as an analyst's first broad look."""


def callback_payload(spec: dict[str, Any], values: dict[str, Any], changed: list[str]
                     ) -> dict[str, Any]:
    """The request body the page POSTs for the callback `spec` (an entry of the app's
    `/_dash-dependencies`): its inputs and state bound to `values` ("id.property" to
    value, every one given), `changed` naming the inputs that triggered it."""
    outputs = [dict(zip(("id", "property"), o.rsplit(".", 1), strict=True))
               for o in spec["output"].strip(".").split("...")]

    def bind(items: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [{**item, "value": values[f"{item['id']}.{item['property']}"]} for item in items]

    return {"output": spec["output"], "outputs": outputs, "inputs": bind(spec["inputs"]),
            "changedPropIds": changed, "state": bind(spec["state"])}


def view_payload(dependencies: list[dict[str, Any]], controls: dict[str, Any],
                 changed: list[str], search: str = "",
                 stored: tuple[Any, Any] = (None, None)) -> dict[str, Any]:
    """The request body of the page's view callback (the one that sets the filters
    store): `controls` what each control shows (field to value), `changed` the inputs
    that triggered it, `stored` the filters and selection stores as the page holds them."""
    spec = next(d for d in dependencies if f"{ids.FILTERS_STORE}.data" in d["output"])
    values = {f"{ids.CONTROLS[field]}.value": controls[field] for field in ids.CONTROLS} | {
        f"{ids.URL}.search": search, f"{ids.URL}.pathname": "/",
        f"{ids.TIMELINE}.clickData": None,
        f"{ids.CLICKED_CELL}.data": None, f"{ids.FILTERS_STORE}.data": stored[0],
        f"{ids.SELECTION_STORE}.data": stored[1]}
    return callback_payload(spec, values, changed)


def main_callback_payload(dependencies: list[dict[str, Any]], dataset: Any,
                          query: str = REALISTIC_QUERY) -> dict[str, Any]:
    """The request body the page POSTs when the reader sets the controls to the view in
    `query`, on a page opened on the default view: its answer redraws the chart."""
    view, opening = (read_query(search, dataset)[0] for search in (query, ""))
    shown, before = control_values(view), control_values(opening)
    changed = [f"{ids.CONTROLS[field]}.value" for field in ids.CONTROLS
               if shown[field] != before[field]]
    return view_payload(dependencies, shown, changed,
                        stored=(opening.filters(), opening.selection()))


def callback_figures(path: Path, dataset: Any, repeat: int) -> dict[str, float]:
    """Median seconds for the main callback over HTTP (in-process), for the bare figure, and
    for the callback's own figures built and serialised without Dash."""
    import plotly.graph_objects as go
    from plotly.io.json import to_json_plotly

    from dashboard.app import create_app
    from dashboard.panels import view_timeline

    app = create_app(path)
    client = app.server.test_client()
    client.get("/")
    payload = main_callback_payload(client.get("/_dash-dependencies").get_json(), dataset)
    body = json.dumps(payload)

    def callback() -> None:
        response = client.post("/_dash-update-component", data=body,
                               content_type="application/json")
        assert response.status_code == 200, response.status_code

    view = read_query(REALISTIC_QUERY, dataset)[0]
    frame = view.claim_filter().apply(dataset.frame())

    def bare_figure() -> None:  # the floor: one scatter of the same rows, serialised
        go.Figure(go.Scattergl(x=frame["date_mid"], y=frame["stance"], mode="markers",
                               customdata=frame["id"])).to_json()

    def own_figures() -> None:  # what the callback sends, serialised, without Dash
        to_json_plotly(view_timeline(dataset, view))

    timeline.load(path, cache=True)  # warm the cache, as a first start of the dashboard does
    timed = {"callback_s": callback, "figure_s": bare_figure, "own_figures_s": own_figures}
    for action in timed.values():  # a process's first run pays for lazy imports: not timed
        action()
    return {**medians_in_turn(timed, repeat),
            "dashboard_rss_mb": dashboard_rss_mb(path, body)}


def dashboard_rss_mb(path: Path, body: str) -> float:
    """Peak resident memory of a fresh dashboard process (second start: the cache is warm)
    after building the app and answering the broad filter callback `body` once.

    The request body is made here, not in the child, so the child holds only
    what the dashboard itself holds. The peak is the child's VmHWM: Linux's
    `ru_maxrss` would report this process's peak when it was larger (it is
    inherited across fork).
    """
    script = (
        "import sys; from dashboard.app import create_app;"
        "app = create_app(sys.argv[1]); c = app.server.test_client(); c.get('/');"
        "r = c.post('/_dash-update-component', data=sys.stdin.read(),"
        " content_type='application/json'); assert r.status_code == 200, r.status_code;"
        "print(int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024)")
    done = subprocess.run([sys.executable, "-c", script, str(path)], input=body,
                          cwd=Path(__file__).resolve().parent.parent,
                          check=True, capture_output=True, text=True)
    return float(done.stdout.split()[-1])
