#!/usr/bin/env python3
"""Write blind coding sheets for a second, independent coding of every claim.

    python scripts/coding_sheet.py claims.yaml --sources ../shared/sources \\
        --out sheets/ --batches 6 --coder blind-1 --codebook DATA.md \\
        --codebook docs/codebook-moonshot.md

For each batch it writes `batch-NN.md` (per claim: id, speaker, source, topic
and poles, quote, translation and the passage around the quote) and
`batch-NN-answers.yaml` (a blank answer per claim), plus `codebook.md`, the
given codebook files joined. A sheet never shows a claim's stance, stance note
or summary. Existing files in the output folder are replaced, nothing else.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import timeline
from timeline.dataset import Dataset
from timeline.schema import Claim
from timeline.sheets import (
    answer_template,
    batches,
    claim_sheet,
    find_quote,
    paragraphs_of,
    quote_context,
    turn_starts,
)

INSTRUCTIONS = """\
Code each claim below on its topic's scale, −2 … +2, by the rules in `codebook.md`.
Judge from what is on this sheet only: the quote, read in its context, and the codebook.
Write your answers in `{answers}`: one `stance:` (an integer from -2 to 2) and a short
`note:` (why; start it with "Close call:" and name the alternative where it is one).
"""


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        dataset = timeline.load(args.claims)
    except timeline.ClaimsError as error:
        print("\n".join(str(p) for p in error.problems), file=sys.stderr)
        return 1
    sections = claim_sections(dataset, args.sources)
    args.out.mkdir(parents=True, exist_ok=True)
    width = len(str(args.batches))
    for number, batch in enumerate(batches(dataset.claims, args.batches), start=1):
        stem = f"batch-{number:0{max(2, width)}d}"
        answers = f"{stem}-answers.yaml"
        header = f"# Coding sheet {stem} ({len(batch)} claims)\n\n" + INSTRUCTIONS.format(
            answers=answers)
        body = "\n".join(sections[c.id] for c in batch)
        timeline.write_atomic(args.out / f"{stem}.md", header + "\n" + body)
        timeline.write_atomic(args.out / answers,
                              answer_template([c.id for c in batch], args.coder))
    codebook = "\n\n".join(p.read_text(encoding="utf-8") for p in args.codebook)
    timeline.write_atomic(args.out / "codebook.md", codebook)
    print(f"{len(dataset.claims)} claims in {min(args.batches, len(dataset.claims))} batches "
          f"written to {args.out}")
    return 0


def claim_sections(dataset: Dataset, sources: Path) -> dict[str, str]:
    """Each claim's sheet section, reading every source text once."""
    texts: dict[str, tuple[list[str], set[int]] | None] = {}
    sections = {}
    for claim in dataset.claims:
        if claim.source not in texts:
            texts[claim.source] = _read_source(dataset, claim, sources)
        read = texts[claim.source]
        at = find_quote(read[0], claim.quote) if read else None
        context = quote_context(read[0], at, read[1]) if read and at else None
        sections[claim.id] = claim_sheet(dataset, claim, context)
    return sections


def _read_source(dataset: Dataset, claim: Claim, folder: Path
                 ) -> tuple[list[str], set[int]] | None:
    name = dataset.source[claim.source].file
    if name is None or not (folder / name).is_file():
        return None
    paragraphs = paragraphs_of((folder / name).read_text(encoding="utf-8-sig"))
    return paragraphs, turn_starts(paragraphs)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("claims", type=Path, help="the claims file")
    parser.add_argument("--sources", type=Path, required=True, help="folder of source texts")
    parser.add_argument("--out", type=Path, required=True, help="folder for the sheets")
    parser.add_argument("--batches", type=int, default=1, help="number of batch files")
    parser.add_argument("--coder", default="<coder-id>", help="coder id in the answer files")
    parser.add_argument("--codebook", type=Path, action="append", required=True,
                        help="a codebook file given to the coder (repeat for several)")
    args = parser.parse_args(argv)
    if args.batches < 1:
        parser.error("--batches must be at least 1")
    return args


if __name__ == "__main__":
    sys.exit(main())
