"""What the charts say in words: data text made safe for plotly, wrapped and shortened.

Plotly renders a subset of HTML (`<b>`, `<a href>`) in hovers, titles, ticks
and annotations, so every text that comes from the data passes through
`plain()`: a quote containing `<b>` or `<script>` shows as typed.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from timeline.dataset import Dataset
from timeline.schema import Event


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


POLE_PIXELS = 168
"""A pole's label beside the stance axis: lines at most this wide (see `text_pixels`); the
lane grows to hold as many lines as the pole needs (`timeline.lane_room.pole_room`)."""


def pole_lines(text: str) -> list[str]:
    """A stance pole whole, wrapped for the axis: never cut, so every word of it shows."""
    return display_lines(text, POLE_PIXELS, text_pixels)


def pole_label(text: str) -> str:
    """`pole_lines` as plotly text."""
    return "<br>".join(plain(line) for line in pole_lines(text))


def display_lines(text: str, columns: float,
                  measure: Callable[[str], float] | None = None) -> list[str]:
    """`text` in lines at most `columns` wide as `measure` measures (by default display
    columns: wide characters count two), broken at spaces, and between wide characters
    where there are none (punctuation stays with the character before it); a word longer
    than a line is broken too."""
    measure = measure or display_width
    longest = max(1, int(columns // measure("W")))  # Latin letters that always fit a line
    lines, line, width = [], "", 0.0
    for word in text.split():
        pieces = [part for piece in re.findall(
            r"[\u2e80-\u9fff\uf900-\ufaff][\u3000-\u303f\uff00-\uffef]*|"
            r"[^\u2e80-\u9fff\uf900-\ufaff]+", word)
            for part in re.findall(rf".{{1,{longest}}}", piece)]
        for i, piece in enumerate(pieces):
            size, space = measure(piece), " " if line and i == 0 else ""
            if line and width + measure(space) + size > columns:
                lines.append(line)
                line, width, space = "", 0.0, ""
            line, width = line + space + piece, width + measure(space) + size
    return [*lines, line] if line else lines or [""]


def display_width(text: str) -> int:
    """Display columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


GLYPH_PIXELS = {3.5: "'ijlIJ", 4.0: ",. /:;\\|", 5.0: "f-()[]t!r", 6.5: '"*_`szc?',
                7.6: "LFkvxyPTYoaeEhnubdgpqS0123456789${}", 8.5: "KAVXZBRCU",
                9.5: "NHDG&OQw", 12.0: "#+<=>^~M%mW@"}
"""Pixels of ASCII characters at the charts' 12-px size, in DejaVu Sans (rounded up): the
widest face a chart falls back to on a machine with no fonts of its own (a server's
export, a bare browser), so text measured by it fits in any other."""
_GLYPHS = {char: width for width, chars in GLYPH_PIXELS.items() for char in chars}
OTHER_PIXELS, WIDE_PIXELS = 8.5, 12.0
"""Pixels of a character the table leaves out (accented Latin, Cyrillic…), and of a CJK
or full-width one (an em)."""


def text_pixels(text: str) -> float:
    """About how wide `text` is drawn at 12 px, never much narrower (see GLYPH_PIXELS)."""
    return sum(_GLYPHS.get(char) or (WIDE_PIXELS if unicodedata.east_asian_width(char) in "WF"
                                     else OTHER_PIXELS) for char in text)


def codes_text(counts: Mapping[int, int]) -> str:
    """A point's codes, highest first: `+2 ×8, +1 ×1`."""
    return ", ".join(f"{stance_code(code)} ×{count}"
                     for code, count in sorted(counts.items(), reverse=True) if count)


def stance_code(code: float) -> str:
    """`+2`, `0`, `−1.5`: a stance as the axis writes it."""
    return "0" if code == 0 else f"{code:+g}".replace("-", "−")


def half_step(mean: float) -> str:
    """A mean of whole-step codes to the nearest half step (DATA.md, "Shifts"): what such
    a mean can carry, "between +1 and +2" at most."""
    return stance_code(round(float(mean) * 2) / 2)


def event_hover(dataset: Dataset, events: Sequence[Event]) -> list[str]:
    """An event's hover: its label and date, the source and the source's words."""
    return [f"<b>{plain(event.label)}</b> · {event.date}<br>"
            f"{wrapped(dataset.source[event.source].title, 50, max_lines=1)}<br>"
            f"<i>{wrapped(event.quote, 40, max_lines=3)}</i>"
            + (f"<br>{wrapped(event.translation, 60, max_lines=3)}" if event.translation else "")
            for event in events]


UNSURE = {"close_call": "close call", "coders_disagree": "coders disagree"}
"""Frame columns that make a claim's stance uncertain, and what its hover says for each."""


def claim_hover_text(frame: pd.DataFrame, brief: bool = False) -> list[str]:
    """The hover of each claim's marker: when (and how precisely), who, stance, then
    (unless `brief`) the summary and the start of the quote."""
    unsure = uncertainty(frame)
    return [f"{date} ({'' if precision == 'day' else 'whole '}{precision})<br>"
            f"<b>{plain(speaker)}</b> · stance {f'{stance:+d}' if stance else '0'}{doubt}"
            + ("" if brief else
               f"<br>{wrapped(summary, 60)}<br><i>{wrapped(quote, 40, max_lines=2)}</i>")
            for date, precision, speaker, stance, doubt, summary, quote in zip(
                frame["date"], frame["date_precision"], frame["speaker_name"], frame["stance"],
                unsure, frame["summary"], frame["quote"], strict=True)]


def uncertainty(frame: pd.DataFrame) -> list[str]:
    """Per claim, ` (close call, coders disagree)` or nothing (see UNSURE)."""
    flags = [frame[column].to_numpy(dtype=bool) if column in frame else
             [False] * len(frame) for column in UNSURE]
    return [f" ({', '.join(word for word, on in zip(UNSURE.values(), row, strict=True) if on)})"
            if any(row) else "" for row in zip(*flags, strict=True)]


def lane_note(dates: Sequence[str], unringed: Mapping[str, int], agreement: str = "") -> str:
    """Evidence beside a lane (the dates of its claims, in order), so one statement never
    looks like a trend; how many shifts of each kind it shows without a ring; and how far
    its coders agree."""
    count = len(dates)
    if not count:
        return "no claims<br>in this view"
    first, last = dates[0], dates[-1]
    span = first if first == last else f"{first} →<br>{last}"
    left_out = [f"{n} {kind}{'s' * (n != 1)}" for kind, n in unringed.items() if n]
    return "<br>".join([f"<b>{count} claim{'s' * (count != 1)}</b>", span,
                        *(["not ringed:", *left_out] if left_out else []),
                        *([plain(agreement)] if agreement else [])])


def lane_title(dataset: Dataset, topic: str) -> str:
    label, *translated = (plain(text) for text in dataset.topic_labels(topic))
    return "  ".join([f"<b>{label}</b>", *translated])
