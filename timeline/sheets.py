"""Blind coding sheets: what a second coder sees of a claim, and nothing more.

A second coding is independent only if the coder never sees the first one. A
sheet therefore shows a claim's quote, its translation, its topic's poles and
the passage around the quote in its source (the question and the answer it
sits in), and never the claim's stance, stance note or summary.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from timeline.dataset import Dataset
from timeline.schema import Claim
from timeline.verify import normalise_whitespace

MAX_SPAN = 4
"""Most paragraphs a quote may run across (a quote is one contiguous span)."""
ANSWER_BEFORE = 3
"""Paragraphs of the speaker's own turn shown before the quote's paragraph."""
ANSWER_AFTER = 1
"""Paragraphs of the speaker's turn shown after it: the rest of a hedge or a 'but'."""
QUESTION_PARAGRAPHS = 3
"""Most paragraphs shown before the answer's turn, from the two turns before it: the
question, or the question and another speaker's answer to it (an AMA's second answerer)."""

_LABEL = re.compile(r"^\s*([^\s:：]{1,24})[:：]")
_DIGITS = re.compile(r"\d+")
MIN_LABEL_USES = 2
"""A line prefix such as `杨植麟：` or `(7)网友提问:` counts as a turn label only when at least
this many paragraphs start with it (digits aside): a sentence that happens to hold a colon
near its start is not a speaker."""


@dataclass(frozen=True)
class Context:
    """Paragraphs around a quote; `quote_at` indexes the ones that hold the quote, and
    `gap_at` the paragraph before which some of the source was left out (None: nothing)."""

    paragraphs: list[str]
    quote_at: range
    gap_at: int | None = None


def paragraphs_of(text: str) -> list[str]:
    """The text's non-empty lines: transcripts put one turn or paragraph on a line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def turn_starts(paragraphs: list[str]) -> set[int]:
    """Indexes of paragraphs that open a speaker's turn (a label used repeatedly)."""
    labels = [_label_of(p) for p in paragraphs]
    uses = Counter(label for label in labels if label)
    return {i for i, label in enumerate(labels) if label and uses[label] >= MIN_LABEL_USES}


def _label_of(paragraph: str) -> str | None:
    match = _LABEL.match(paragraph)
    return _DIGITS.sub("#", match[1]) if match else None


def find_quote(paragraphs: list[str], quote: str) -> range | None:
    """The paragraphs the quote lies in (whitespace normalised as `verify` does), or None."""
    wanted = normalise_whitespace(quote)
    for span in range(1, MAX_SPAN + 1):
        for start in range(len(paragraphs) - span + 1):
            if wanted in normalise_whitespace("\n".join(paragraphs[start:start + span])):
                return range(start, start + span)
    return None


def quote_context(paragraphs: list[str], at: range, starts: set[int]) -> Context:
    """The question and the answer around the quote at `at`, bounded to a readable size."""
    turn = max((i for i in starts if i <= at.start), default=None)
    if turn is None:  # no turn labels: a plain article, so show the neighbouring paragraphs
        first = max(0, at.start - QUESTION_PARAGRAPHS)
        last = min(len(paragraphs), at.stop + ANSWER_AFTER)
        return Context(paragraphs[first:last], _shift(at, first), 0 if first > 0 else None)
    answer_first = max(turn, at.start - ANSWER_BEFORE)
    earlier = sorted(i for i in starts if i < turn)[-2:] or [turn]
    question = list(range(max(earlier[0], turn - QUESTION_PARAGRAPHS), turn))
    following = [i for i in range(at.stop, at.stop + ANSWER_AFTER)
                 if i < len(paragraphs) and i not in starts]
    shown = question + list(range(answer_first, at.stop)) + following
    first = shown.index(at.start)
    return Context([paragraphs[i] for i in shown], range(first, first + len(at)),
                   len(question) if answer_first > turn else None)


def _shift(at: range, by: int) -> range:
    return range(at.start - by, at.stop - by)


def claim_sheet(dataset: Dataset, claim: Claim, context: Context | None) -> str:
    """One claim's section of a coding sheet, in Markdown."""
    topic, source = dataset.topic[claim.topic], dataset.source[claim.source]
    speaker = dataset.speaker[claim.speaker]
    name, *other_names = dataset.speaker_names(speaker.id)
    label = " / ".join(dataset.topic_labels(topic.id))
    lines = [
        f"## {claim.id}", "",
        f"- **Speaker:** {name}{f' ({other_names[0]})' if other_names else ''}",
        f"- **Source:** {source.title} — {source.outlet}; said {claim.date}, "
        f"published {source.published or 'undated'}; at: {claim.location or 'not given'}",
        f"- **Topic:** `{topic.id}` — {label}: {topic.description}",
        f"  - **−2:** {topic.negative}",
        f"  - **+2:** {topic.positive}",
        "", "**Quote:**", "", _blockquote(claim.quote), "",
        "**Translation:**", "", _blockquote(claim.translation or "(none: same language)"), "",
        "**Context in the source** (▶ marks the paragraph(s) holding the quote):", "",
    ]
    return "\n".join(lines + _context_lines(context)) + "\n"


def _context_lines(context: Context | None) -> list[str]:
    if context is None:
        return ["> (the quote could not be located in the source text)", ""]
    lines = []
    for i, paragraph in enumerate(context.paragraphs):
        if i == context.gap_at:
            lines += ["> […]", ">"]
        mark = "▶ " if i in context.quote_at else ""
        lines += [f"> {mark}{paragraph}", ">"]
    return lines[:-1] + [""]


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" for line in text.splitlines())


def answer_template(claim_ids: list[str], coder: str) -> str:
    """The blank YAML a coder fills in: one entry per claim, in sheet order."""
    return "".join(f"- claim: {ident}\n  coder: {coder}\n  stance: \n  note: \n"
                   for ident in claim_ids)


def batches(claims: list[Claim], count: int) -> list[list[Claim]]:
    """`claims` in `count` contiguous batches of near-equal size, none empty."""
    count = max(1, min(count, len(claims)))
    size, extra = divmod(len(claims), count)
    cuts = [i * size + min(i, extra) for i in range(count + 1)]
    return [claims[cuts[i]:cuts[i + 1]] for i in range(count)]
