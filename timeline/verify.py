"""Quote verification: every quote must be found verbatim in its source's text.

This is what makes the dataset evidence rather than paraphrase. Whitespace is
normalised (line breaks in a transcript are not part of what was said), but
every other character — punctuation width, quotation marks — must match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from timeline.dataset import Dataset
from timeline.problems import Problem

_WHITESPACE = re.compile(r"\s+")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"  # CJK characters and punctuation, full width
BETWEEN_WIDE = re.compile(rf"(?<=[{_WIDE}])\s+(?=[{_WIDE}])")


def normalise_whitespace(text: str) -> str:
    """Runs of white space as one space, and none between Chinese characters: a line break
    in a hard-wrapped Chinese transcript is not a space in what was said."""
    return _WHITESPACE.sub(" ", BETWEEN_WIDE.sub("", text)).strip()


@dataclass(frozen=True)
class Miss:
    claim: str
    source: str
    reason: str
    line: int | None = None
    kind: str = "claim"
    """What holds the quote: a claim or an event."""

    def problem(self, path: str) -> Problem:
        """As validation reports a problem: `FILE:LINE: claim ID: what is wrong` (or event)."""
        return Problem(path, self.line, f"{self.reason} (source {self.source})", self.kind,
                       self.claim)


def verify_quotes(dataset: Dataset, sources_dir: str | Path) -> list[Miss]:
    """Claims and events whose quote is not in their source's text file, with the reason."""
    raw, unreadable = _source_texts(dataset, Path(sources_dir))
    texts = {ident: normalise_whitespace(text) for ident, text in raw.items()}
    misses = []
    quoted = [("claim", c) for c in dataset.claims] + [("event", e) for e in dataset.events]
    for kind, record in quoted:
        line = dataset.lines.get(record.id)
        if record.source not in texts:
            misses.append(Miss(record.id, record.source, unreadable.get(
                record.source, "source has no `file` to check"), line, kind))
            continue
        quote, text = normalise_whitespace(record.quote), texts[record.source]
        if quote not in text:
            why = quote_mark_slip(quote, text, raw[record.source]) or where_it_differs(quote, text)
            misses.append(Miss(record.id, record.source, f"quote not found verbatim{why}", line,
                               kind))
    return misses


@dataclass(frozen=True)
class Found:
    """Where a quote sits in its source: what a `location` field would say, measured."""

    kind: str
    record: str
    file: str
    line: int
    heading: str

    def problem(self, path: str, line: int | None) -> Problem:
        under = f", under '{self.heading}'" if self.heading else ""
        return Problem(path, line, f"found at {self.file}:{self.line}{under}", self.kind,
                       self.record, note=True)


def quote_locations(dataset: Dataset, sources_dir: str | Path) -> list[Found]:
    """For every claim and event whose quote is in its source: the line it starts on and
    the nearest heading above it."""
    raw, _ = _source_texts(dataset, Path(sources_dir))
    files = {s.id: s.file for s in dataset.sources}
    found = []
    for kind, record in [("claim", c) for c in dataset.claims] + [
            ("event", e) for e in dataset.events]:
        text = raw.get(record.source)
        at = -1 if text is None else normalise_whitespace(text).find(
            normalise_whitespace(record.quote))
        if text is not None and at >= 0:
            line = line_of(text, at)
            found.append(Found(kind, record.id, str(files[record.source]), line,
                               heading_above(text.splitlines(), line)))
    return found


HEADING_MAX_CHARS = 40
_SENTENCE_END = tuple("。！？.!?，,：:；;」”\"')")


def heading_above(lines: list[str], line: int) -> str:
    """The nearest line above `line` (1-based) that reads as a heading: a Markdown
    heading, or a short line that does not end a sentence."""
    for text in reversed(lines[:line - 1]):
        stripped = text.strip().strip("*").strip()
        if text.lstrip().startswith("#"):
            return stripped.lstrip("#").strip()
        if stripped and len(stripped) <= HEADING_MAX_CHARS and not stripped.endswith(
                _SENTENCE_END):
            return stripped
    return ""


REPEAT_SHARE = 0.5
"""A passage of an `also_in` source repeats a quote when, in order, they share at least
this part of the shorter one: show notes shorten and retell a sentence ("对，能不损伤已经很好
了。" as "多模态不损伤“脑子”已经很好了"), but a different sentence shares little."""
REPEAT_MIN_CHARS = 6
"""…and at least this many characters, so that a two-character line never passes."""


def verify_also_in(dataset: Dataset, sources_dir: str | Path) -> list[Miss]:
    """Claims with an `also_in` source that holds neither the quote nor a passage
    repeating it (see REPEAT_SHARE), naming the closest passage there."""
    raw, unreadable = _source_texts(dataset, Path(sources_dir))
    texts = {ident: normalise_whitespace(text) for ident, text in raw.items()}
    passages = {ident: [line for line in map(normalise_whitespace, text.splitlines()) if line]
                for ident, text in raw.items()}
    misses = []
    for claim in dataset.claims:
        quote = normalise_whitespace(claim.quote)
        for source in claim.also_in:
            reason = (f"also_in: {unreadable.get(source, 'source has no `file` to check')}"
                      if source not in texts else
                      _not_repeated(quote, texts[source], passages[source]))
            if reason:
                misses.append(Miss(claim.id, source, reason, dataset.lines.get(claim.id)))
    return misses


def _not_repeated(quote: str, text: str, passages: list[str]) -> str | None:
    if quote in text:
        return None
    shared, closest = max(((_shared_chars(quote, p), p) for p in passages), default=(0, ""))
    if shared >= max(REPEAT_MIN_CHARS, REPEAT_SHARE * min(len(quote), len(closest))):
        return None
    return (f"also_in: no passage there repeats the quote; the closest, '{closest[:40]}…', "
            f"shares {shared} of its characters — list only sources that repeat this sentence")


def _shared_chars(quote: str, passage: str) -> int:
    blocks = SequenceMatcher(None, quote, passage, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks)


SHOWN_CHARS = 12
"""Characters of context on each side of where a quote leaves its source."""


def where_it_differs(quote: str, text: str) -> str:
    """Where the quote's longest start found in `text` ends, and what each goes on with:
    what a curator needs to see a `,` typed for `，` or a word that slipped in."""
    found, missing = 0, len(quote)  # quote[:found] is in the text, quote[:missing] is not
    while missing - found > 1:  # a start that is found has every shorter start found too
        middle = (found + missing) // 2
        found, missing = (middle, missing) if quote[:middle] in text else (found, middle)
    if found < 2:
        return ": not even its first characters are in the source"
    at = text.find(quote[:found]) + found
    return (f": the source has '…{quote[max(0, found - SHOWN_CHARS):found]}' but goes on "
            f"'{text[at:at + SHOWN_CHARS]}…' where the quote goes on "
            f"'{quote[found:found + SHOWN_CHARS]}…'")


_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‛": "'", "ʼ": "'",
                              "“": '"', "”": '"', "„": '"', "‟": '"'})


def quote_mark_slip(quote: str, text: str, raw: str) -> str | None:
    """The usual copy slip — a straight ' or " typed for ’ or “ ” (or the reverse) — when it
    is the only difference, named with where it is: the source's line and the words around.
    `text` is `raw` through `normalise_whitespace`. A slip stays a miss: quotes are verbatim."""
    at = text.translate(_QUOTE_MARKS).find(quote.translate(_QUOTE_MARKS))
    if at < 0:
        return None
    i = next(i for i, (a, b) in enumerate(zip(quote, text[at:], strict=False)) if a != b)
    around = text[at + max(0, i - SHOWN_CHARS):at + i + SHOWN_CHARS]
    return (f": only a quotation mark differs — the quote has {quote[i]} (U+{ord(quote[i]):04X})"
            f" at its character {i + 1} where the source, line {line_of(raw, at + i)}, has "
            f"{text[at + i]} (U+{ord(text[at + i]):04X}) in '…{around}…' — copy the source's mark")


def line_of(raw: str, position: int) -> int:
    """The line of `raw` that holds character `position` of its normalised text."""
    low, high = 0, len(raw)  # the normalised length of raw[:k] never shrinks as k grows
    while low < high:
        middle = (low + high) // 2
        if len(normalise_whitespace(raw[:middle])) <= position:
            low = middle + 1
        else:
            high = middle
    return raw.count("\n", 0, low - 1) + 1


def _source_texts(dataset: Dataset, folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Text per source id, and a message per source whose file cannot be read."""
    texts, unreadable = {}, {}
    for source in (s for s in dataset.sources if s.file is not None):
        try:
            texts[source.id] = (folder / source.file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            unreadable[source.id] = f"cannot read {folder / source.file}: {error}"
    return texts, unreadable
