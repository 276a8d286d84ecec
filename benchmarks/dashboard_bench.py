"""The dashboard's main filter callback, driven the way the browser drives it.

`main_callback_payload` builds the exact JSON the page POSTs to
`/_dash-update-component` when the reader changes the filters (read from the app's own
`/_dash-dependencies`), so benchmarks/run.py and benchmarks/load_test.py
measure the real request, serialisation included. `callback_payload` builds it
for any callback, `view_payload` for the page's view callback (tests use it too).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from timing import medians_in_turn

from dashboard import ids
from dashboard.state import control_values, read_query

REALISTIC_QUERY = "topic=*&since=2021"
"""Every topic from 2021 on: most of the data, as an analyst's first broad look."""


def distinct_views(dataset: Any, count: int, seed: int = 7) -> list[str]:
    """`count` different query strings a reader might open: one to three topics or all,
    perhaps a speaker, perhaps from a year on (the answers' cache meets a realistic mix)."""
    rng = random.Random(seed)
    topics, speakers = [t.id for t in dataset.topics], [s.id for s in dataset.speakers]
    years = sorted({c.date.start.year for c in dataset.claims})
    found: dict[str, None] = {}
    for _ in range(count * 50):
        if len(found) == count:
            break
        pairs = [("topic", t) for t in rng.sample(topics, min(len(topics), rng.randint(1, 3)))
                 ] if rng.random() < 0.8 else [("topic", "*")]
        if rng.random() < 0.4:
            pairs.append(("speaker", rng.choice(speakers)))
        if rng.random() < 0.4:
            pairs.append(("since", str(rng.choice(years))))
        found["&".join(f"{key}={value}" for key, value in pairs)] = None
    return list(found)


def callback_payload(spec: dict[str, Any], values: dict[str, Any], changed: list[str]
                     ) -> dict[str, Any]:
    """The request body the page POSTs for the callback `spec` (an entry of the app's
    `/_dash-dependencies`): its inputs and state bound to `values` ("id.property" to
    value, every one given), `changed` naming the inputs that triggered it."""
    outputs = [dict(zip(("id", "property"), o.rsplit(".", 1), strict=True))
               for o in spec["output"].strip(".").split("...")]

    def bind(items: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [{**item, "value": values[f"{item['id']}.{item['property']}"]} for item in items]

    single = not spec["output"].startswith("..")  # Dash sends one output as an object
    return {"output": spec["output"], "outputs": outputs[0] if single else outputs,
            "inputs": bind(spec["inputs"]),
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


FIRST_BLOCK = {"startRow": 0, "endRow": 100, "sortModel": [], "filterModel": {}}
"""The table's first request for rows after the filters change."""


def follow_ups(dependencies: list[dict[str, Any]], answer: dict[str, Any], search: str
               ) -> list[dict[str, Any]]:
    """The requests the page sends once the view callback's `answer` is in: every server
    callback with an input that answer changed (as Dash's renderer decides), and the
    table's block of rows, which its clientside reload makes the grid ask for."""
    changed = {f"{component}.{prop}" for component, props in answer.items() for prop in props}
    values: defaultdict[str, Any] = defaultdict(lambda: None)
    values.update({key: answer[key.split(".")[0]][key.split(".")[1]] for key in changed})
    values.update({f"{ids.URL}.pathname": "/", f"{ids.URL}.search": search,
                   f"{ids.URL}.href": f"http://127.0.0.1/{search}",
                   f"{ids.GRID_HOLDER}.className": "grid-mounted", f"{ids.GRID_SEARCH}.value": "",
                   f"{ids.GRID}.getRowsRequest": FIRST_BLOCK})
    fired = [spec for spec in dependencies if not spec.get("clientside_function")
             and f"{ids.FILTERS_STORE}.data" not in spec["output"]  # the view callback itself
             and any(f"{i['id']}.{i['property']}" in changed for i in spec["inputs"])]
    table = next(spec for spec in dependencies if f"{ids.GRID}.getRowsResponse" in spec["output"])
    return [callback_payload(spec, values, [f"{i['id']}.{i['property']}" for i in spec["inputs"]
                                           if f"{i['id']}.{i['property']}" in changed])
            for spec in fired] + [callback_payload(table, values, [f"{ids.GRID}.getRowsRequest"])]


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
    """Median seconds of the main callback (over HTTP, in-process) for the broad
    REALISTIC_QUERY view, worked out afresh each time (an app that keeps no answers), of
    its baseline, one bare plotly figure of the same rows (a plain SVG scatter of every
    claim in view, built and serialised as Dash would), timed in turns, and of the same
    callback answered from the answer cache."""
    import plotly.graph_objects as go

    from dashboard.app import create_app

    def client_of(keep_answers: bool) -> Any:
        client = create_app(path, keep_answers=keep_answers).server.test_client()
        client.get("/")
        return client

    fresh, keeping = client_of(False), client_of(True)
    body = json.dumps(main_callback_payload(fresh.get("/_dash-dependencies").get_json(),
                                            dataset))
    frame = read_query(REALISTIC_QUERY, dataset)[0].claim_filter().apply(dataset.frame())

    def callback(client: Any) -> None:
        response = client.post("/_dash-update-component", data=body,
                               content_type="application/json")
        assert response.status_code == 200, response.status_code

    def bare_figure() -> None:
        go.Figure(go.Scatter(x=frame["date_mid"], y=frame["stance"], mode="markers",
                             ids=frame["id"])).to_json()

    timed = {"callback_s": lambda: callback(fresh), "figure_s": bare_figure,
             "cached_callback_s": lambda: callback(keeping)}
    for action in timed.values():  # a process's first run pays for lazy imports: not timed
        action()
    return medians_in_turn(timed, repeat)


PEAK_RSS = (
    "import resource, sys; from dashboard.app import create_app;"
    "app = create_app(sys.argv[1]); c = app.server.test_client(); c.get('/');"
    "r = c.post('/_dash-update-component', data=sys.stdin.read(),"
    " content_type='application/json'); assert r.status_code == 200, r.status_code;"
    "print(int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024,"
    " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
"""A dashboard process that starts, answers the broad filter callback once and prints its
peak resident memory (VmHWM: Linux's `ru_maxrss` would report a parent's larger peak,
inherited across fork), then the largest peak of the processes it started (the one that
validates a large new file for the cache, see `timeline.cache.build_apart`; 0 if none).
That one is `ru_maxrss`, which counts the dashboard's own resident memory when it
started the child, so it never understates the child's."""


def dashboard_rss_mb(path: Path, body: str, cache: Path) -> tuple[float, float]:
    """Peak resident memory (MB) of a fresh dashboard process with the dataset cache in
    `cache`, and of the process it started to validate the file: an empty folder is a first
    start (the file is validated and its entry written), a warm one a restart. The request
    body is made here, so the child holds only what the dashboard holds."""
    done = subprocess.run([sys.executable, "-c", PEAK_RSS, str(path)], input=body,
                          cwd=Path(__file__).resolve().parent.parent, check=True,
                          capture_output=True, text=True,
                          env={**os.environ, "TIMELINE_CACHE_DIR": str(cache)})
    own, child = done.stdout.split()[-2:]
    return float(own), float(child)


def gunicorn_rss_mb(path: Path, body: str) -> float:
    """Resident memory (MB) of `gunicorn -w 2` (master and both workers, summed) once each
    worker has answered the broad filter callback."""
    from load_test import free_port, request, start_server, stop_server

    port = free_port()
    server = start_server(port, 2, path, timeout=600)
    try:
        for _ in range(6):  # the master hands requests to either worker
            request("POST", port, "/_dash-update-component", body)
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        return sum(int(Path(f"/proc/{pid}/status").read_text().split("VmRSS:")[1].split()[0])
                   for pid in [str(server.pid), *children]) / 1024
    finally:
        stop_server(server)
