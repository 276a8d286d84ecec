"""Collect filled coding sheets into a `codings:` section for a claims file.

Prints YAML to standard output (the claims file is never written): first each
claim's current stance as the curator's coding (`--curator ID`, left out if
the file already has that coder's codings), then every answer file's codings,
in the claims' order. Paste it at the end of the claims file, or under its
existing `codings:` list.

    python scripts/collect_codings.py claims.yaml answers/*.yaml --curator curator
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

import timeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=Path)
    parser.add_argument("answers", type=Path, nargs="+", help="filled *-answers.yaml files")
    parser.add_argument("--curator", help="coder id for the claims' current stances")
    parser.add_argument("--round", type=int, default=1, help="the coding round (after a "
                        "codebook revision, every claim is coded again in a new round)")
    args = parser.parse_args()
    dataset = timeline.load(args.claims)
    answers = [entry for path in args.answers for entry in yaml.safe_load(path.read_text("utf-8"))]
    unknown = [a["claim"] for a in answers if a["claim"] not in dataset.claim]
    if unknown:
        sys.exit(f"answers name claims the file does not have: {', '.join(unknown)}")
    had = {c.coder for c in dataset.codings}
    entries = []
    for claim in dataset.claims:
        if args.curator and args.curator not in had:
            entries.append({"claim": claim.id, "coder": args.curator, "stance": claim.stance})
        entries += [{k: a[k] for k in ("claim", "coder", "stance", "note") if a.get(k) is not None}
                    for a in answers if a["claim"] == claim.id]
    if args.round > 1:
        entries = [{**entry, "round": args.round} for entry in entries]
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    sys.stdout.write(("codings:\n" if "codings" not in had and not dataset.codings else "")
                     + "".join(f"  {line}\n" for line in text.splitlines()))


if __name__ == "__main__":
    main()
