"""What the charts say in words: data text made safe for plotly, wrapped and shortened.

Plotly renders a subset of HTML (`<b>`, `<a href>`) in hovers, titles, ticks
and annotations, so every text that comes from the data passes through
`plain()`: a quote containing `<b>` or `<script>` shows as typed.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping, Sequence

import pandas as pd

from timeline.dataset import Dataset


def plain(text: object) -> str:
    """Text as plotly must receive it to show it literally (it reads `<b>` as markup)."""
    return html.escape(str(text), quote=False)


def wrapped(text: str, width: int, max_lines: int | None = None) -> str:
    """Escaped text broken into `<br>`-joined lines (Chinese has no spaces: long runs break).

    One regular expression instead of `textwrap`: a hover is built for every
    claim, and at 100,000 claims `textwrap` alone took seconds.
    """
    lines = _line_pattern(width).findall(" ".join(str(text).split())) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "<br>".join(plain(line) for line in lines)


@functools.cache
def _line_pattern(width: int) -> re.Pattern[str]:
    """Greedy lines of at most `width` characters, broken at a space where there is one
    (the text's whitespace is already single spaces)."""
    return re.compile(rf"\S.{{0,{width - 1}}}(?= |$)|\S.{{0,{width - 1}}}")


def pole_label(text: str) -> str:
    """A stance pole short enough for an axis: its first clause, two short lines at most."""
    clause = text.replace(";", ".").split(".")[0].split(" — ")[0].strip()
    return wrapped(clause or text, 18, max_lines=2)


def claim_hover_text(frame: pd.DataFrame, brief: bool = False) -> list[str]:
    """The hover of each claim's marker: when (and how precisely), who, stance, then
    (unless `brief`) the summary and the start of the quote."""
    return [f"{date} ({'' if precision == 'day' else 'whole '}{precision})<br>"
            f"<b>{plain(speaker)}</b> · stance {f'{stance:+d}' if stance else '0'}"
            + ("" if brief else
               f"<br>{wrapped(summary, 60)}<br><i>{wrapped(quote, 40, max_lines=2)}</i>")
            for date, precision, speaker, stance, summary, quote in zip(
                frame["date"], frame["date_precision"], frame["speaker_name"], frame["stance"],
                frame["summary"], frame["quote"], strict=True)]


def lane_note(dates: Sequence[str], unringed: Mapping[str, int]) -> str:
    """Evidence beside a lane (the dates of its claims, in order), so one statement never
    looks like a trend, and how many shifts of each kind it shows without a ring."""
    count = len(dates)
    if not count:
        return "no claims<br>in this view"
    first, last = dates[0], dates[-1]
    span = first if first == last else f"{first} →<br>{last}"
    left_out = [f"{n} {kind}{'s' * (n != 1)}" for kind, n in unringed.items() if n]
    return "<br>".join([f"<b>{count} claim{'s' * (count != 1)}</b>", span,
                        *(["not ringed:", *left_out] if left_out else [])])


def lane_title(dataset: Dataset, topic: str) -> str:
    label, *translated = (plain(text) for text in dataset.topic_labels(topic))
    return "  ".join([f"<b>{label}</b>", *translated])
