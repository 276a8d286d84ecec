"""Bounded load test: simulated readers against gunicorn (2 workers) on 127.0.0.1.

    python benchmarks/load_test.py [--users 32] [--seconds 60] [--claims FILE]
    python benchmarks/load_test.py --sweep 16 32 48 64   # the most users within the target

Each user does what a browser does for one reader, over and over for the
given time: loads the page (the HTML, then every script and stylesheet it
names, kept in the user's own cache as the app's Cache-Control and ETag
headers allow, so a second visit asks only what may have changed), the
layout and the callback list; sends every callback the page fires on load
and the ones their answers fire; then makes 3 filter changes, each the view
callback and its follow-ups in parallel, to views drawn from at least 200
distinct ones. One second of think time between actions. Each user count runs
on a new server, whose workers a few readers first warm up on the opening view
(the 200 views stay new to them). Traffic goes only
to 127.0.0.1 and the server is stopped at the end. Prints requests/s,
p50/p95/p99 per kind of request and the errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from dashboard_bench import (  # noqa: E402
    callback_payload,
    distinct_views,
    follow_ups,
    main_callback_payload,
    view_payload,
)

import timeline  # noqa: E402
from dashboard import ids  # noqa: E402
from dashboard.state import control_values, read_query  # noqa: E402

VIEWS = 200
THINK_S = 1.0
CHANGES_PER_VISIT = 3
TARGET_P99_S = 0.3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


THREADS = 4
"""Threads per gunicorn worker, as docs/deploying.md advises: a worker answers kept replies
on one thread while another works out a view new to it (with one thread, every request
that reached the worker waited behind that work)."""


def start_server(port: int, workers: int, claims: Path, timeout: int = 30,
                 app: str = "dashboard.wsgi:server", threads: int = THREADS
                 ) -> subprocess.Popen:
    """gunicorn serving `app` (a module of the project or of benchmarks/) on
    127.0.0.1:`port`, once it answers; `timeout` is its worker timeout (s)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads),
         "-b", f"127.0.0.1:{port}",
         "--timeout", str(timeout), "--no-control-socket", "--log-level", "warning",
         "--pythonpath", str(HERE), app],
        env={**os.environ, "TIMELINE_CLAIMS": str(claims)})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            request("GET", port, "/")
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not come up")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def fetch(port: int, method: str, path: str, body: str | None = None,
          headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {**(headers or {}), **({"Content-Type": "application/json"} if body else {})}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        if response.status not in (200, 204, 304):
            raise RuntimeError(f"{method} {path}: HTTP {response.status}")
        return response
    finally:
        connection.close()


def request(method: str, port: int, path: str, body: str | None = None) -> bytes:
    return fetch(port, method, path, body).body  # type: ignore[attr-defined]


class BrowserCache:
    """One user's HTTP cache: fresh for Cache-Control's max-age, else revalidated by ETag."""

    def __init__(self) -> None:
        self.fresh_until: dict[str, float] = {}
        self.etags: dict[str, str] = {}

    def get(self, port: int, path: str) -> None:
        if self.fresh_until.get(path, 0) > time.monotonic():
            return
        asked = {"If-None-Match": self.etags[path]} if path in self.etags else {}
        response = fetch(port, "GET", path, headers=asked)
        age = re.search(r"max-age=(\d+)", response.headers.get("Cache-Control") or "")
        if age and "no-cache" not in (response.headers.get("Cache-Control") or ""):
            self.fresh_until[path] = time.monotonic() + int(age[1])
        if response.headers.get("ETag"):
            self.etags[path] = response.headers["ETag"]


class Reader:
    """One simulated reader; `record` gets (kind, seconds) per request, `errors` messages."""

    def __init__(self, port: int, dataset: Any, views: list[str], seed: int,
                 results: dict[str, list[float]], errors: list[str]) -> None:
        self.port, self.dataset, self.views = port, dataset, views
        self.rng, self.cache = random.Random(seed), BrowserCache()
        self.results, self.errors = results, errors
        self.pool = ThreadPoolExecutor(max_workers=6)  # a browser's connections per host

    def timed(self, kind: str, action: Any) -> Any:
        start = time.perf_counter()
        try:
            return action()
        except (OSError, RuntimeError) as error:
            self.errors.append(str(error))
            return None
        finally:
            self.results.setdefault(kind, []).append(time.perf_counter() - start)

    def callback(self, payload: dict[str, Any]) -> bytes | None:
        body = json.dumps(payload)
        return self.timed("callback", lambda: request("POST", self.port,
                                                      "/_dash-update-component", body))

    def view(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The view callback's answer, read (only it decides what is sent next: reading
        every answer would spend the cores the server is measured on)."""
        answer = self.callback(payload)
        return json.loads(answer).get("response", {}) if answer else {}

    def after(self, answer: dict[str, Any], dependencies: list[dict[str, Any]]) -> None:
        if answer:
            search = answer.get(ids.URL, {}).get("search", "")
            list(self.pool.map(self.callback, follow_ups(dependencies, answer, search)))

    def visit(self) -> None:
        page = self.timed("page", lambda: request("GET", self.port, "/").decode())
        if page is None:
            return
        files = re.findall(r'<script src="([^"]+)"', page) + re.findall(
            r'<link rel="stylesheet" href="([^"]+)"', page)
        list(self.pool.map(lambda f: self.timed("file", lambda: self.cache.get(self.port, f)),
                           files))
        self.timed("page", lambda: request("GET", self.port, "/_dash-layout"))
        dependencies = json.loads(self.timed(
            "page", lambda: request("GET", self.port, "/_dash-dependencies")) or "[]")
        shown = control_values(read_query("", self.dataset)[0])
        opening = [view_payload(dependencies, shown, []),
                   pathname_payload(dependencies)]
        pathname = self.pool.submit(self.callback, opening[1])
        self.after(self.view(opening[0]), dependencies)
        pathname.result()
        for _ in range(CHANGES_PER_VISIT):
            time.sleep(THINK_S)
            query = self.rng.choice(self.views)
            self.after(self.view(main_callback_payload(dependencies, self.dataset, query)),
                       dependencies)
        time.sleep(THINK_S)


def pathname_payload(dependencies: list[dict[str, Any]]) -> dict[str, Any]:
    """The page's other opening callback: which page the path names."""
    spec = next(d for d in dependencies if f"{ids.ROOT}.className" in d["output"])
    return callback_payload(spec, {f"{ids.URL}.pathname": "/"}, [])


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share) - 1] if len(values) > 1 else values[0]


def warm_up(port: int, dataset: Any, workers: int) -> None:
    """Readers on the opening view alone, not counted: a worker's first requests pay for
    imports done on first use, which a deployed server's health check pays instead. The
    views the readers then draw from are still new to every worker."""
    readers = [Reader(port, dataset, [""], seed, {}, []) for seed in range(2 * workers)]
    with ThreadPoolExecutor(len(readers)) as pool:
        list(pool.map(Reader.visit, readers))


def load(port: int, dataset: Any, users: int, seconds: float
         ) -> tuple[dict[str, list[float]], list[str]]:
    views = distinct_views(dataset, VIEWS)
    results: dict[str, list[float]] = {}
    errors: list[str] = []
    until = time.monotonic() + seconds

    def run(seed: int) -> None:
        reader = Reader(port, dataset, views, seed, results, errors)
        time.sleep(seed % 10 / 10 * THINK_S)  # readers arrive spread over a second
        while time.monotonic() < until:
            reader.visit()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def report(users: int, seconds: float, workers: int, threads: int, claims: int,
           results: dict[str, list[float]], errors: list[str]) -> float:
    """Prints one run's figures; returns its callback p99 in seconds."""
    total = sum(len(v) for v in results.values())
    print(f"{users} users, {seconds:.0f} s, gunicorn -w {workers} --threads {threads}, "
          f"{claims} claims: "
          f"{total / seconds:.1f} requests/s, {len(errors)} errors")
    for kind, values in sorted(results.items()):
        print(f"  {kind:9} n={len(values):5}  p50 {percentile(values, 50) * 1000:6.0f} ms  "
              f"p95 {percentile(values, 95) * 1000:6.0f} ms  "
              f"p99 {percentile(values, 99) * 1000:6.0f} ms")
    for error in sorted(set(errors))[:5]:
        print("  error:", error)
    return percentile(results.get("callback", [0.0]), 99)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--sweep", type=int, nargs="+", help="user counts to try in turn")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=THREADS, help="per worker")
    parser.add_argument("--claims", type=Path, default=timeline.bundled_claims_path())
    args = parser.parse_args()
    dataset = timeline.load(args.claims)
    held = []
    for users in args.sweep or [args.users]:  # each count on a new server: every view new
        port = free_port()
        server = start_server(port, args.workers, args.claims, threads=args.threads)
        try:
            warm_up(port, dataset, args.workers)
            results, errors = load(port, dataset, users, args.seconds)
        finally:
            stop_server(server)
        p99 = report(users, args.seconds, args.workers, args.threads, len(dataset.claims),
                     results, errors)
        if p99 < TARGET_P99_S and not errors:
            held.append(users)
    if args.sweep:
        print(f"callback p99 < {TARGET_P99_S * 1000:.0f} ms with 0 errors at: "
              f"{held or 'none of'} users")


if __name__ == "__main__":
    main()
