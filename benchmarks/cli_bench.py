"""Benchmark: `timeline validate` on a file against a fresh Python parsing it with libyaml.

    python benchmarks/cli_bench.py                # the bundled claims.yaml, 21 pairs
    python benchmarks/cli_bench.py FILE --repeat 31

Both sides are whole processes, as a curator's editor hook or pre-commit runs
them: interpreter start, imports, reading and (for `validate`) checking every
record. The baseline is `python -c` loading the file with PyYAML's C loader
(`yaml.CSafeLoader`) and nothing else. The two run in turns, so a busy spell
of this shared machine slows both; the figure of merit is the ratio of the
medians (target: at most 2.5). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from timing import medians_in_turn

ROOT = Path(__file__).resolve().parent.parent
C_PARSER = ("import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
            "Loader=yaml.CSafeLoader)")
VALIDATE = "import sys; from timeline.cli import main; sys.exit(main())"
"""What the `timeline` console script runs, started from this interpreter."""


def run(*arguments: str) -> None:
    subprocess.run([sys.executable, *arguments], check=True, stdout=subprocess.DEVNULL)


def validate_figures(path: Path, repeat: int) -> dict[str, float]:
    """Median seconds of `timeline validate PATH` and of the C-loader baseline, and their
    ratio."""
    times = medians_in_turn({
        "validate_s": lambda: run("-c", VALIDATE, "validate", str(path)),
        "c_parser_process_s": lambda: run("-c", C_PARSER, str(path))}, repeat)
    return {**times, "validate_ratio": times["validate_s"] / times["c_parser_process_s"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=ROOT / "claims.yaml")
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    figures = validate_figures(args.path, args.repeat)
    print(f"{args.path.name}, medians of {args.repeat} runs in turns:")
    print(f"  timeline validate        {figures['validate_s']:.3f} s")
    print(f"  python -c (C loader)     {figures['c_parser_process_s']:.3f} s")
    print(f"  ratio                    {figures['validate_ratio']:.2f} (target ≤ 2.5)")


if __name__ == "__main__":
    main()
