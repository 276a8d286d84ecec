"""How well `timeline suggest` finds what a curator would pick, in English and Chinese.

    python benchmarks/suggest_recall.py [--sources ../shared/sources] [--top 20]

English: the texts in tests/data/english/, hand-labelled in labels.yaml (every direct
quotation of the people tracked, and who said it). For each text, the passages suggest
takes as a speaker's words (before any topic is asked): recall = labelled quotations inside
a passage (or holding one); precision = passages that lie inside a labelled quotation (or
hold one); attribution = of those, how many carry the labelled speaker, none, or another.

Chinese: each bundled conversation with its own claims removed (nothing curated from it),
suggest over all candidates and within the default --top: recall = curated quotes inside a
candidate of all, and of the top N (the default output); key = the same for the curated
quotes on the dataset's featured topics (the passages a curator must not miss); recall, top
k = of the curated quotes the candidates hold, those inside the top k, k being their number
(a perfect order gives 100%, whatever N); P@N = top N candidates holding a curated quote (a
source with more curated quotes than N cannot have them all in the top). A second table
gives the same within the command's default top (20, or a fifth of the candidates when
that is more), beside what a random order of the candidates would give.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import timeline  # noqa: E402
from timeline.suggest import default_top, speaker_passages, suggest_claims  # noqa: E402
from timeline.verify import normalise_whitespace  # noqa: E402

ENGLISH = ROOT / "tests" / "data" / "english"
# The ranking was tuned on the other two conversations (an interview and an AMA digest) and
# only checked on these (an interview and an AMA article); show notes repeat the podcast.
HELD_OUT = {"podcast-2025", "zhidx-ama-2026"}


def holds(a: str, b: str) -> bool:
    """One text lies inside the other, white space aside."""
    a, b = normalise_whitespace(a), normalise_whitespace(b)
    return a in b or b in a


def english_dataset(folder: Path, speakers: dict[str, str]) -> timeline.Dataset:
    """A claims file naming the text's tracked people, and nothing curated."""
    document = {
        "topics": [{"id": "any", "label": "Any", "description": "-",
                    "negative": "-", "positive": "-", "keywords": []}],
        "speakers": [{"id": ident, "name": name, "organization": "-", "role": "-"}
                     for ident, name in speakers.items()],
        "sources": [], "claims": []}
    path = folder / "claims.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return timeline.load(path)


def english_rows(folder: Path) -> list[tuple[str, int, int, int, int, int, int]]:
    """(file, labelled, found, passages, true passages, right speaker, no speaker)."""
    rows = []
    for name, truth in yaml.safe_load((ENGLISH / "labels.yaml").read_text("utf-8")).items():
        data = english_dataset(folder, truth["speakers"])
        speaker = data.speaker.get(truth.get("speaker", ""))
        kept = speaker_passages((ENGLISH / name).read_text("utf-8"), data, speaker,
                                truth.get("label"))
        quotes = truth["quotes"]
        true = [(k, q) for k in kept for q in quotes if holds(k.passage.text, q["quote"])]
        matched = {id(k) for k, _ in true}
        rows.append((name, len(quotes),
                     sum(any(holds(k.passage.text, q["quote"]) for k in kept) for q in quotes),
                     len(kept), len(matched),
                     len({id(k) for k, q in true if k.speaker == q["speaker"]}),
                     len({id(k) for k, q in true if k.speaker is None})))
    return rows


def without_source(data: timeline.Dataset, source: str) -> dict[str, object]:
    """The dataset as a claims document, minus one source's claims (its header kept, for
    its featured topics; the sources folder is given to suggest, not read from it)."""
    sections = {"topics": data.topics, "speakers": data.speakers, "sources": data.sources,
                "claims": [c for c in data.claims if c.source != source]}
    header = data.header.model_dump(mode="json", exclude_none=True, exclude={"sources"}
                                    ) if data.header else {}
    return {"dataset": header} | {
        name: [record.model_dump(mode="json", exclude_none=True) for record in records]
        for name, records in sections.items()}


@dataclass(frozen=True)
class ChineseRow:
    """One source's curated quotes, and where the ranked candidates put them."""

    source: str
    held_out: bool  # not looked at while the ranking was tuned
    curated: int
    candidates: int
    inside: int  # curated quotes inside any candidate
    shown: int  # … inside one of the top N
    slots: int  # N, the top's size (summed in a total)
    useful: int  # top N candidates holding a curated quote
    key: int  # curated quotes on the dataset's featured topics
    key_inside: int
    key_shown: int
    ranked: int  # of `inside`, those inside one of the top `inside` candidates
    default: int  # the command's default top for this text (`default_top`)
    shown_default: int  # curated quotes inside one of the default top
    key_default: int  # key ones inside one of the default top
    key_chance: float  # … expected of a random order of the candidates


def chinese_rows(folder: Path, sources: Path, top: int) -> list[ChineseRow]:
    """Per conversation: suggest with its own claims removed, and count what ranks where."""
    data, rows = timeline.load(ROOT / "claims.yaml"), []
    featured = set(data.featured_topics)
    for source in (s for s in data.sources if s.kind != "show-notes" and s.file):
        removed = [c for c in data.claims if c.source == source.id]
        path = folder / f"without-{source.id}.yaml"
        path.write_text(yaml.safe_dump(without_source(data, source.id), allow_unicode=True),
                        encoding="utf-8")
        rest = timeline.load(path)
        speakers = {c.speaker for c in removed}
        speaker = rest.speaker[next(iter(speakers))] if len(speakers) == 1 else None
        found = [f.quote for f in suggest_claims((sources / source.file).read_text("utf-8"),
                                                 rest, rest.source[source.id], speaker)]
        inside = [c for c in removed if within(c.quote, found)]
        key = [c for c in removed if c.topic in featured]
        default = default_top(len(found))
        rows.append(ChineseRow(
            source.id, source.id in HELD_OUT, len(removed), len(found), len(inside),
            sum(within(c.quote, found[:top]) for c in removed), top,
            sum(any(holds(c.quote, f) for c in removed) for f in found[:top]),
            len(key), sum(within(c.quote, found) for c in key),
            sum(within(c.quote, found[:top]) for c in key),
            sum(within(c.quote, found[:len(inside)]) for c in inside), default,
            sum(within(c.quote, found[:default]) for c in removed),
            sum(within(c.quote, found[:default]) for c in key),
            min(1, default / max(len(found), 1)) * sum(within(c.quote, found) for c in key)))
    return rows


def within(quote: str, passages: list[str]) -> bool:
    return any(holds(quote, p) for p in passages)


def share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def print_english(rows: list[tuple[str, int, int, int, int, int, int]]) -> None:
    print("| text | labelled | found | recall | passages | precision | right speaker "
          "| no speaker | wrong speaker |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    total = [0] * 6
    for name, *numbers in rows:
        total = [a + b for a, b in zip(total, numbers, strict=True)]
        print_english_row(name, *numbers)
    print_english_row("**all**", *total)


def print_english_row(name: str, labelled: int, found: int, passages: int, true: int,
                      right: int, none: int) -> None:
    print(f"| {name} | {labelled} | {found} | {share(found, labelled)} | {passages} | "
          f"{share(true, passages)} | {share(right, true)} | {share(none, true)} | "
          f"{share(true - right - none, true)} |")


def print_chinese(rows: list[ChineseRow], top: int) -> None:
    print(f"| source | set | curated | candidates | recall, all | recall, top {top} "
          f"| key, all | key, top {top} | recall, top k | P@{top} |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    by_set(rows, print_chinese_row)
    print("\nWithin the command's default top (20, or one candidate in five when that is more); "
          "key by chance: expected of a random order:\n")
    print("| source | set | candidates | default top | recall, default top "
          "| key, default top | key by chance |")
    print("|---|---|---:|---:|---:|---:|---:|")
    by_set(rows, print_default_row)


def by_set(rows: list[ChineseRow], print_row: Callable[[ChineseRow, str], None]) -> None:
    """The sources tuned on, their total, the held-out ones, theirs, and the total of all."""
    for held_out in (False, True):
        part = [r for r in rows if r.held_out == held_out]
        for row in part:
            print_row(row, "held out" if held_out else "tuned on")
        print_row(total("**held out**" if held_out else "**tuned on**", part), "")
    print_row(total("**all**", rows), "")


def total(name: str, rows: list[ChineseRow]) -> ChineseRow:
    """The rows summed (P@N of a total counts N slots per source)."""
    sums = [sum(getattr(r, f) for r in rows) for f in ChineseRow.__dataclass_fields__
            if f not in ("source", "held_out")]  # the default top too: a total's slots
    return ChineseRow(name, False, *sums)


def print_chinese_row(r: ChineseRow, kind: str) -> None:
    print(f"| {r.source} | {kind} | {r.curated} | {r.candidates} "
          f"| {share(r.inside, r.curated)} | {share(r.shown, r.curated)} "
          f"| {share(r.key_inside, r.key)} | {share(r.key_shown, r.key)} "
          f"| {share(r.ranked, r.inside)} | {share(r.useful, r.slots)} |")


def print_default_row(r: ChineseRow, kind: str) -> None:
    print(f"| {r.source} | {kind} | {r.candidates} | {r.default} "
          f"| {share(r.shown_default, r.curated)} | {share(r.key_default, r.key)} "
          f"| {r.key_chance / r.key if r.key else 0:.0%} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "sources")
    parser.add_argument("--top", type=int, default=20, help="the first table's top N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("English (tests/data/english):\n")
        print_english(english_rows(Path(folder)))
        print("\nChinese (bundled sources, each with its own claims removed):\n")
        print_chinese(chinese_rows(Path(folder), args.sources, args.top), args.top)


if __name__ == "__main__":
    main()
