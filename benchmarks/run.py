"""Benchmark: how load, the dashboard's callbacks, memory and the browser scale with claims.

    python benchmarks/run.py                 # N = 1k, 10k, 100k (takes a while)
    python benchmarks/run.py --sizes 10000 --repeat 9

Each size runs in a fresh process on a new file from benchmarks/make_claims.py.
Every figure is paired with its baseline, measured in turns in the same run
(this machine's 2 cores are shared, so single figures drift by tens of per
cent between runs; ratios much less). Prints figures; asserts nothing.

- load+validate against PyYAML's C loader parsing the same bytes;
- the main callback, worked out afresh, against one bare plotly figure of the
  same rows (benchmarks/dashboard_bench.py), and answered from the cache;
- every request of one filter change over HTTP to gunicorn -w 2, each to a
  view not seen before (benchmarks/filter_change.py);
- peak RSS of a dashboard's first start on the new file (empty dataset cache),
  of a restart (warm cache), and the RSS of gunicorn -w 2 after answering;
- the chart drawn in headless Chromium against a bare Dash app of the same
  rows, alternated (benchmarks/browser_bench.py).
`timeline validate` as a command is benchmarks/cli_bench.py; the load test
is benchmarks/load_test.py.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def measure(path: Path, repeat: int) -> dict[str, float]:
    """All figures for one file, in this process."""
    import yaml
    from browser_bench import time_to_chart
    from dashboard_bench import (
        callback_figures,
        dashboard_rss_mb,
        gunicorn_rss_mb,
        main_callback_payload,
    )
    from filter_change import filter_change_figures
    from timing import medians_in_turn

    import timeline
    from dashboard.app import create_app

    data = path.read_bytes()
    row: dict[str, float] = {"bytes": len(data)}
    row.update(medians_in_turn({
        "c_parser_s": lambda: yaml.load(data.decode("utf-8"), Loader=yaml.CSafeLoader),
        "load_s": lambda: timeline.parse_claims(data, str(path))}, repeat))
    dataset = timeline.parse_claims(data, str(path))
    client = create_app(path).server.test_client()  # fills the run's dataset cache
    body = json.dumps(main_callback_payload(client.get("/_dash-dependencies").get_json(),
                                            dataset))
    with tempfile.TemporaryDirectory() as empty:
        row["first_start_rss_mb"], row["validating_rss_mb"] = dashboard_rss_mb(
            path, body, Path(empty))
    row["restart_rss_mb"] = dashboard_rss_mb(path, body,
                                             Path(os.environ["TIMELINE_CACHE_DIR"]))[0]
    row["gunicorn_rss_mb"] = gunicorn_rss_mb(path, body)
    row.update(callback_figures(path, dataset, repeat))
    row.update(filter_change_figures(path, repeat))
    row.update(time_to_chart(path, repeat))
    return row


def table(rows: dict[int, dict[str, float]]) -> str:
    lines = ["| claims | C parser s | load+validate s (ratio) | callback s | bare figure s "
             "(ratio) | kept reply s | filter change, all requests s (again) | "
             "first-start peak RSS MB (validating process) | restart RSS MB | "
             "gunicorn -w 2 RSS MB | chart drawn s | bare Dash app s (ratio) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, r in rows.items():
        lines.append(
            f"| {n:,} | {r['c_parser_s']:.2f} | {r['load_s']:.2f} "
            f"({r['load_s'] / r['c_parser_s']:.2f}) | {r['callback_s']:.3f} | "
            f"{r['figure_s']:.3f} ({r['callback_s'] / r['figure_s']:.1f}) | "
            f"{r['cached_callback_s']:.3f} | {r['all_requests_s']:.3f} "
            f"({r['all_requests_s_again']:.3f}) | {r['first_start_rss_mb']:.0f} "
            f"({r['validating_rss_mb']:.0f}) | "
            f"{r['restart_rss_mb']:.0f} | {r['gunicorn_rss_mb']:.0f} | "
            f"{r['browser_chart_s']:.2f} | {r['bare_app_chart_s']:.2f} "
            f"({r['browser_chart_s'] / r['bare_app_chart_s']:.2f}) |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return
    rows = {}
    with tempfile.TemporaryDirectory() as folder:
        os.environ["TIMELINE_CACHE_DIR"] = str(Path(folder) / "cache")  # inherited by each size
        for n in args.sizes:
            path = Path(folder) / f"claims-{n}.yaml"
            subprocess.run([sys.executable, str(HERE / "make_claims.py"), str(n), "-o", str(path)],
                           check=True)
            result = subprocess.run([sys.executable, __file__, "--one", str(path),
                                     "--repeat", str(args.repeat)],
                                    check=True, stdout=subprocess.PIPE, text=True)
            rows[n] = json.loads(result.stdout.splitlines()[-1])
            print(f"{n:,} claims done", file=sys.stderr)
    print(f"{time.strftime('%Y-%m-%d')} · {platform.machine()} · {platform.python_version()} · "
          f"{len(os.sched_getaffinity(0))} cores · medians of {args.repeat}")
    print(table(rows))


if __name__ == "__main__":
    main()
