"""What the charts say in words: data text made safe for plotly, wrapped and shortened.

Plotly renders a subset of HTML (`<b>`, `<a href>`) in hovers, titles, ticks
and annotations, so every text that comes from the data passes through
`plain()`: a quote containing `<b>` or `<script>` shows as typed.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd

from timeline.dataset import Dataset

CLAIM_HOVER = ("%{customdata[1]}<br><b>%{customdata[2]}</b> · stance %{customdata[3]}"
               "<br>%{customdata[4]}<br><i>%{customdata[5]}</i><extra></extra>")
"""Hover of a claim marker; `customdata[0]` is the claim id, for clicks."""


def plain(text: object) -> str:
    """Text as plotly must receive it to show it literally (it reads `<b>` as markup)."""
    return html.escape(str(text), quote=False)


def wrapped(text: str, width: int, max_lines: int | None = None) -> str:
    """Escaped text broken into `<br>`-joined lines (Chinese has no spaces: long runs break)."""
    lines = textwrap.wrap(str(text), width) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "<br>".join(plain(line) for line in lines)


def pole_label(text: str) -> str:
    """A stance pole short enough for an axis: its first clause, two short lines at most."""
    clause = text.replace(";", ".").split(".")[0].split(" — ")[0].strip()
    return wrapped(clause or text, 18, max_lines=2)


def claim_hover_data(frame: pd.DataFrame) -> list[list[str]]:
    """customdata per marker: the claim id first (clicks resolve through it), then hover text."""
    return [[row.id, f"{row.date} ({'' if row.date_precision == 'day' else 'whole '}"
             f"{row.date_precision})", plain(row.speaker_name),
             f"{row.stance:+d}" if row.stance else "0", wrapped(row.summary, 60),
             wrapped(row.quote, 40, max_lines=2)]
            for row in frame.itertuples()]


def lane_note(lane: pd.DataFrame) -> str:
    """Evidence beside a lane, so one statement never looks like a trend."""
    count = len(lane)
    if not count:
        return "no claims<br>in this view"
    first, last = lane["date"].iloc[0], lane["date"].iloc[-1]
    span = first if first == last else f"{first} →<br>{last}"
    return f"<b>{count} claim{'s' * (count != 1)}</b><br>{span}"


def lane_title(dataset: Dataset, topic: str) -> str:
    return f"<b>{plain(dataset.topic[topic].label)}</b>  {plain(dataset.topic[topic].label_zh)}"
