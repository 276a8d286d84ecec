"""Benchmark: how load, analysis, export and the dashboard scale with the number of claims.

    python benchmarks/run.py                 # N = 1k, 10k, 100k (takes a few minutes)
    python benchmarks/run.py --sizes 1000 10000 --repeat 3

Each size runs in a fresh process (so peak memory is that size's alone) on a
file from benchmarks/make_claims.py. Times are medians of --repeat runs,
measured in one run of this script on the same machine, so ratios compare
like with like; the two sides of a ratio are timed in turns. No timing is
asserted anywhere: this prints figures.

The dataset cache lives in a fresh temporary folder ($TIMELINE_CACHE_DIR), so
no earlier run warms it; each size validates once, then the dashboard figures
(callback, RSS, browser) are a restart's on that warm cache. "browser" is
benchmarks/browser_bench.py: headless Chromium on gunicorn, from navigation
to the timeline drawn, after one unmeasured page load.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
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
    from dashboard_bench import callback_figures
    from timing import median_seconds, medians_in_turn

    import timeline

    data = path.read_bytes()
    row = {"bytes": len(data)}
    row.update(medians_in_turn({
        "c_parser_s": lambda: yaml.load(data.decode("utf-8"), Loader=yaml.CSafeLoader),
        "load_s": lambda: timeline.parse_claims(data, str(path))}, repeat))
    dataset = timeline.parse_claims(data, str(path))
    frame = dataset.frame()
    row["shifts_s"] = median_seconds(lambda: timeline.detect_shifts(frame), repeat)
    row["csv_s"] = median_seconds(lambda: timeline.claims_csv(frame), repeat)
    row["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row.update(callback_figures(path, dataset, repeat))
    row.update(time_to_chart(path, repeat))
    return row


def chart_cell(row: dict[str, float]) -> str:
    """Seconds to the timeline drawn, and how it draws its markers."""
    drawn = row["browser_chart_s"]
    return (f"{'not drawn' if math.isnan(drawn) else f'{drawn:.2f}'} "
            f"({'WebGL' if row['browser_webgl'] else 'SVG'})")


def table(rows: dict[int, dict[str, float]]) -> str:
    lines = ["| claims | file MB | C parser s | load+validate s | ratio | shifts s | CSV s | "
             "callback s | bare figure s | ratio | own figures s | ratio | "
             "load peak RSS MB | dashboard RSS MB | "
             "browser callbacks MB | browser response s | browser chart s |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, r in rows.items():
        lines.append(
            f"| {n:,} | {r['bytes'] / 1e6:.1f} | {r['c_parser_s']:.2f} | {r['load_s']:.2f} | "
            f"{r['load_s'] / r['c_parser_s']:.2f} | {r['shifts_s']:.3f} | {r['csv_s']:.3f} | "
            f"{r['callback_s']:.3f} | {r['figure_s']:.3f} | "
            f"{r['callback_s'] / r['figure_s']:.0f} | {r['own_figures_s']:.3f} | "
            f"{r['callback_s'] / r['own_figures_s']:.2f} | "
            f"{r['peak_rss_mb']:.0f} | {r['dashboard_rss_mb']:.0f} | "
            f"{r['browser_callbacks_mb']:.2f} | {r['browser_response_s']:.2f} | "
            f"{chart_cell(r)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
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
