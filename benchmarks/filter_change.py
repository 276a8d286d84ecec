"""Benchmark: every request one filter change sends, over HTTP to gunicorn, as the page sends them.

    python benchmarks/filter_change.py CLAIMS.yaml [--changes 15]

A reader changes the controls: the page POSTs the view callback (chart and
match count) and, once its answer is in, the callbacks that answer fires, in
parallel as the browser sends them: heatmap, embed snippet, claim card with
then vs. now, the table's holder, and the table's first block of rows. Each
change goes to a view not asked for before in this run (`distinct_views`),
so the answer cache does not flatter the figure; a second pass over the same
views shows what it saves. gunicorn runs as deployed (2 workers, 127.0.0.1).
Prints medians, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from dashboard_bench import distinct_views, follow_ups, main_callback_payload  # noqa: E402
from load_test import free_port, request, start_server, stop_server  # noqa: E402

import timeline  # noqa: E402
from dashboard import ids  # noqa: E402


def post(port: int, body: str) -> tuple[float, dict[str, Any]]:
    start = time.perf_counter()
    answer = json.loads(request("POST", port, "/_dash-update-component", body))
    return time.perf_counter() - start, answer.get("response", {})


def one_change(port: int, dependencies: list[dict[str, Any]], dataset: Any, query: str,
               pool: ThreadPoolExecutor) -> dict[str, float]:
    """Seconds of one filter change: the view callback, then its follow-ups in parallel."""
    start = time.perf_counter()
    first, answer = post(port, json.dumps(main_callback_payload(dependencies, dataset, query)))
    search = answer.get(ids.URL, {}).get("search", "?" + query)
    bodies = [json.dumps(b) for b in follow_ups(dependencies, answer, search)]
    list(pool.map(lambda body: post(port, body), bodies))
    return {"view_callback_s": first, "all_requests_s": time.perf_counter() - start,
            "requests": 1 + len(bodies)}


def filter_change_figures(path: Path, changes: int) -> dict[str, float]:
    """Medians over `changes` distinct views, then over the same views again (answers a
    worker has kept come from its cache; either of the two workers may answer)."""
    dataset, port = timeline.load(path), free_port()
    server = start_server(port, 2, path, timeout=600)
    try:
        dependencies = json.loads(request("GET", port, "/_dash-dependencies"))
        views = distinct_views(dataset, changes + 1)
        figures: dict[str, float] = {}
        with ThreadPoolExecutor(max_workers=6) as pool:  # a browser's connections per host
            one_change(port, dependencies, dataset, views[-1], pool)  # workers' first run
            for label in ("", "_again"):
                runs = [one_change(port, dependencies, dataset, q, pool) for q in views[:-1]]
                figures.update({f"{key}{label}": statistics.median(r[key] for r in runs)
                                for key in runs[0]})
        return figures
    finally:
        stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=Path)
    parser.add_argument("--changes", type=int, default=15)
    args = parser.parse_args()
    figures = filter_change_figures(args.claims, args.changes)
    print(f"{args.claims.name}: medians of {args.changes} filter changes to distinct views")
    for key, value in figures.items():
        print(f"  {key:28} {value * 1000:8.0f} ms" if key.endswith("_s") or "_s_" in key
              else f"  {key:28} {value:8.0f}")


if __name__ == "__main__":
    main()
