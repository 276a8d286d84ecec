"""Benchmark: `timeline validate` on a file against a fresh Python parsing it with libyaml.

    python benchmarks/cli_bench.py                # the bundled claims.yaml, 21 runs of each
    python benchmarks/cli_bench.py FILE --repeat 31

Both sides are whole processes, as a curator's editor hook or pre-commit runs
them: interpreter start, imports, reading and (for `validate`) checking every
record. The baseline is `python -c` loading the file with PyYAML's C loader
(`yaml.CSafeLoader`) and nothing else. The two run in turns, so a busy spell
of this shared machine slows both; the figure of merit is the ratio of the
medians (target: at most 2.5). Both read compiled bytecode, as an installed
package does: the processes get a bytecode folder of their own (a temporary
one, so nothing is written into the checkout), filled by one untimed run of
each, even where the shell sets PYTHONDONTWRITEBYTECODE; otherwise `validate`
would compile its own modules on every run while PyYAML reads its compiled
files from site-packages. A third process, importing pydantic and validating
one single-field model, shows the part of the time that any pydantic-based
validation takes. Beside wall time, the CPU time of each process (user and
system) is shown: on a busy machine a process waits for a core, which wall
time counts and CPU time does not. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from timing import medians_in_turn

ROOT = Path(__file__).resolve().parent.parent
C_PARSER = ("import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
            "Loader=yaml.CSafeLoader)")
VALIDATE = "from timeline.cli import run; run()"
"""What the `timeline` console script runs, started from this interpreter."""
PYDANTIC = ("import pydantic\n"
            "class Record(pydantic.BaseModel):\n"
            "    id: str\n"
            "Record.model_validate({'id': 'a'})")


def run(env: dict[str, str], *arguments: str) -> float:
    """Run a Python process to its end; the CPU seconds it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *arguments], check=True, stdout=subprocess.DEVNULL,
                   env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def with_bytecode(folder: str) -> dict[str, str]:
    """This environment, with compiled bytecode read and written in `folder`."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": folder}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def validate_figures(path: Path, repeat: int) -> dict[str, float]:
    """Median seconds of `timeline validate PATH`, of the C-loader baseline and of pydantic
    alone, and their ratios to the baseline; the same of their CPU time."""
    commands = {"validate_s": ["-c", VALIDATE, "validate", str(path)],
                "c_parser_process_s": ["-c", C_PARSER, str(path)],
                "pydantic_process_s": ["-c", PYDANTIC]}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="cli-bench-bytecode-") as folder:
        env = with_bytecode(folder)
        for command in commands.values():
            run(env, *command)  # compiles the bytecode

        def action(name: str) -> Callable[[], None]:
            return lambda: cpu[name].append(run(env, *commands[name]))

        times = medians_in_turn({name: action(name) for name in commands}, repeat)
    cpu_times = {f"{name}_cpu": statistics.median(runs) for name, runs in cpu.items()}
    figures = {**times, **cpu_times}
    for kind in ("", "_cpu"):
        baseline = figures[f"c_parser_process_s{kind}"]
        figures[f"validate_ratio{kind}"] = figures[f"validate_s{kind}"] / baseline
        figures[f"pydantic_ratio{kind}"] = figures[f"pydantic_process_s{kind}"] / baseline
    return figures


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
    print(f"  pydantic alone           {figures['pydantic_process_s']:.3f} s "
          f"({figures['pydantic_ratio']:.2f}: import and one single-field model)")
    print(f"  CPU time: validate {figures['validate_s_cpu']:.3f} s, C loader "
          f"{figures['c_parser_process_s_cpu']:.3f} s, ratio {figures['validate_ratio_cpu']:.2f}; "
          f"pydantic alone {figures['pydantic_ratio_cpu']:.2f}")


if __name__ == "__main__":
    main()
