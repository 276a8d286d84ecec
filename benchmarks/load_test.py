"""Bounded load test: gunicorn with 2 workers on 127.0.0.1, 32 clients for 30 s.

    python benchmarks/load_test.py [--clients 32] [--seconds 30] [--workers 2]

Clients mix page loads (the page, its layout and callback list) with the main
filter callback (the chart and its match count for a random realistic filter).
Traffic goes only to 127.0.0.1, for a fixed time; the server is stopped at
the end. Prints requests/s, p50/p95/p99 latency per kind and the error count.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from dashboard_bench import main_callback_payload  # noqa: E402

import timeline  # noqa: E402

QUERIES = ["", "topic=open-source", "topic=*", "topic=*&since=2025",
           "topic=long-context&speaker=yang-zhilin", "topic=multimodality&until=2025-07",
           "topic=open-source&topic=agents&search=开源"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, workers: int, claims: Path, timeout: int = 30) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:`port`, once it answers; `timeout` is its worker timeout (s)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--timeout", str(timeout), "--no-control-socket", "--log-level", "warning",
         "dashboard.wsgi:server"],
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


def request(method: str, port: int, path: str, body: str | None = None) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{method} {path}: HTTP {response.status}")
        return data
    finally:
        connection.close()


def client(port: int, bodies: list[str], until: float, results: dict[str, list[float]],
           errors: list[str], seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        kind = rng.choice(["page", "callback", "callback"])
        start = time.perf_counter()
        try:
            if kind == "page":
                for path in ("/", "/_dash-layout", "/_dash-dependencies"):
                    request("GET", port, path)
            else:
                request("POST", port, "/_dash-update-component", rng.choice(bodies))
            results[kind].append(time.perf_counter() - start)
        except (OSError, RuntimeError) as error:
            errors.append(str(error))


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--claims", type=Path, default=timeline.bundled_claims_path())
    args = parser.parse_args()
    dataset, port = timeline.load(args.claims), free_port()
    server = start_server(port, args.workers, args.claims)
    try:
        dependencies = json.loads(request("GET", port, "/_dash-dependencies"))
        bodies = [json.dumps(main_callback_payload(dependencies, dataset, q)) for q in QUERIES]
        results: dict[str, list[float]] = {"page": [], "callback": []}
        errors: list[str] = []
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(port, bodies, until, results, errors, i))
                   for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for v in results.values())
    print(f"{args.clients} clients, {args.seconds:.0f} s, gunicorn -w {args.workers}, "
          f"{len(dataset.claims)} claims: {total / args.seconds:.1f} requests/s, "
          f"{len(errors)} errors")
    for kind, values in results.items():
        if values:
            print(f"  {kind:9} n={len(values):5}  p50 {percentile(values, 50) * 1000:6.0f} ms  "
                  f"p95 {percentile(values, 95) * 1000:6.0f} ms  "
                  f"p99 {percentile(values, 99) * 1000:6.0f} ms")
    for error in sorted(set(errors))[:5]:
        print("  error:", error)


if __name__ == "__main__":
    main()
