"""Quote verification: every quote must be found verbatim in its source's text.

This is what makes the dataset evidence rather than paraphrase. Whitespace is
normalised (line breaks in a transcript are not part of what was said), but
every other character — punctuation width, quotation marks — must match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from timeline.dataset import Dataset

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

    def __str__(self) -> str:
        return f"{self.line or '?'}: claim {self.claim}: {self.reason} (source {self.source})"


def verify_quotes(dataset: Dataset, sources_dir: str | Path) -> list[Miss]:
    """Claims whose quote is not in their source's text file, with the reason."""
    texts = _source_texts(dataset, Path(sources_dir))
    misses = []
    for claim in dataset.claims:
        text = texts.get(claim.source)
        if isinstance(text, str):
            quote = normalise_whitespace(claim.quote)
            if quote not in text:
                misses.append(Miss(claim.id, claim.source,
                                   f"quote not found verbatim{where_it_differs(quote, text)}",
                                   dataset.lines.get(claim.id)))
        else:
            misses.append(Miss(claim.id, claim.source, text or "source has no `file` to check",
                               dataset.lines.get(claim.id)))
    return misses


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


def _source_texts(dataset: Dataset, folder: Path) -> dict[str, str | None]:
    """Normalised text per source id; a message instead of text when it cannot be read."""
    texts: dict[str, str | None] = {}
    for source in dataset.sources:
        if source.file is None:
            texts[source.id] = None
            continue
        try:
            texts[source.id] = normalise_whitespace(
                (folder / source.file).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as error:
            texts[source.id] = f"cannot read {folder / source.file}: {error}"
    return texts
