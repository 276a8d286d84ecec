"""The publication frame: what a chart carries wherever it goes, as OWID's Grapher does.

A chart cut out of its page (a PNG in a story, an SVG in a slide, an embed, a
screenshot) must still say what it is, what it shows, where the data came from,
who made it and where to see it whole. All of it comes from the dataset header
and the view, never from constants. `framed` decorates any plotly figure given as
plain data with those lines; `file_name` names the file after the view.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import pandas as pd

from timeline.chart_text import plain
from timeline.dataset import Dataset
from timeline.filters import ClaimFilter
from timeline.shift_rule import ShiftRule

ALL_TOPICS = "*"
"""`topic=*` in a view's link: every topic (no `topic` means the featured topics)."""
EVENTS = "events"
"""`events=off` in a view's link: the chart without its events (on by default)."""
SOURCES_NAMED = 4
"""Sources the source line names before it says how many more there are."""
FRAME_WIDTH = 1200
"""CSS pixels a framed figure's lines are wrapped for when the caller gives no width."""
TITLE_SIZE, LINE_SIZE, LINE_HEIGHT = 18, 12, 16
"""Pixels: the title's font, the other lines' font (no text under 12 px) and their spacing."""
GREY_TEXT = "#4d4d4d"
"""The frame's small print: 8.5:1 on white, well over WCAG AA's 4.5:1."""


@dataclass(frozen=True)
class Publication:
    """The lines of the frame, as plain text (escaped when drawn)."""

    title: str
    filters: str
    source: str
    credit: str
    link: str


def view_pairs(claim_filter: ClaimFilter, dataset: Dataset, events: bool = True
               ) -> list[tuple[str, str]]:
    """The query parameters of the dashboard view that shows the claims `claim_filter`
    keeps, with its events drawn or not: defaults left out, so links stay short and stable
    (`dashboard.state` adds the reader's own settings after these)."""
    topics = list(claim_filter.topics)
    pairs = ([("topic", ALL_TOPICS)] if not topics else []
             if topics == dataset.featured_topics else [("topic", t) for t in topics])
    pairs += [("speaker", s) for s in claim_filter.speakers]
    pairs += [("source", s) for s in claim_filter.sources]
    for name, value in (("since", claim_filter.since), ("until", claim_filter.until),
                        ("q", claim_filter.search.strip())):
        if value:
            pairs.append((name, str(value)))
    return pairs if events else [*pairs, (EVENTS, "off")]


def query_string(pairs: Sequence[tuple[str, str]]) -> str:
    return "?" + urlencode(list(pairs), quote_via=quote, safe=ALL_TOPICS) if pairs else ""


def view_link(base: str, claim_filter: ClaimFilter, dataset: Dataset, events: bool = True
              ) -> str:
    """The dashboard at `base` opened on this view ('' without a base)."""
    if not base:
        return ""
    return base.split("?")[0].rstrip("/") + "/" + query_string(
        view_pairs(claim_filter, dataset, events))


def chart_filter(claim_filter: ClaimFilter, lanes: Sequence[str]) -> ClaimFilter:
    """The filter of what a chart of `lanes` shows: a chart draws only its lanes' claims."""
    return replace(claim_filter, topics=tuple(lanes))


def publication(dataset: Dataset, frame: pd.DataFrame, claim_filter: ClaimFilter,
                link: str = "") -> Publication:
    """The frame of a chart of the claims in `frame`, which `claim_filter` keeps."""
    credit = " · ".join(part for part in (
        dataset.header.credit if dataset.header else None,
        f"Licence: {dataset.header.license}" if dataset.header and dataset.header.license
        else None) if part)
    return Publication(title=dataset.title, filters=filter_line(dataset, frame, claim_filter),
                       source=source_line(dataset, frame), credit=credit, link=link)


def filter_line(dataset: Dataset, frame: pd.DataFrame, claim_filter: ClaimFilter) -> str:
    """What the chart is limited to, in words, and what it holds."""
    topics = claim_filter.topics
    parts = [f"All {len(dataset.topics)} topics" if not topics or set(topics) >= set(
        dataset.topic) else "Topics: " + ", ".join(dataset.topic[t].label for t in topics)]
    if claim_filter.speakers:
        parts.append("speakers: " + ", ".join(dataset.speaker[s].name
                                              for s in claim_filter.speakers))
    if claim_filter.sources:
        parts.append("sources: " + ", ".join(dataset.source[s].title
                                             for s in claim_filter.sources))
    if claim_filter.since or claim_filter.until:
        parts.append(f"said {claim_filter.since or '…'} → {claim_filter.until or '…'}")
    if claim_filter.search.strip():
        parts.append(f"search “{claim_filter.search.strip()}”")
    return " · ".join(parts) + f" — {claim_count(frame)}"


def claim_count(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "no claims"
    span = f"{frame['date'].iloc[0]} → {frame['date'].iloc[-1]}"
    return f"{len(frame)} claim{'s' * (len(frame) != 1)}, {span}"


def source_line(dataset: Dataset, frame: pd.DataFrame) -> str:
    """The sources the claims in `frame` cite, in the dataset's order, the first few by name."""
    cited = set(frame["source"])
    named = [s for s in dataset.sources if s.id in cited]
    shown = [f"{s.outlet}, “{s.title}”" + (f" ({s.published})" if s.published else "")
             for s in named[:SOURCES_NAMED]]
    more = len(named) - len(shown)
    if not shown:
        return "Source: none (no claims in view)"
    return (f"Source{'s' * (len(named) > 1)}: " + "; ".join(shown)
            + (f"; and {more} more" if more else ""))


def file_name(dataset: Dataset, frame: pd.DataFrame, claim_filter: ClaimFilter,
              extension: str) -> str:
    """A name that says what the file shows: `open-source_2024-02_2026-01.png`."""
    topics = list(claim_filter.topics)
    what = ("all-topics" if not topics or set(topics) >= set(dataset.topic)
            else "+".join(topics) if len(topics) <= 3 else f"{len(topics)}-topics")
    parts = [what, *list(claim_filter.speakers)[:2]]
    if claim_filter.search.strip():
        parts.append("search-" + claim_filter.search.strip())
    if len(frame):
        parts += [str(frame["date"].iloc[0])[:7], str(frame["date"].iloc[-1])[:7]]
    safe = re.sub(r"[^\w.+-]+", "-", unicodedata.normalize("NFKC", "_".join(parts)))
    return f"{safe.strip('-')[:120]}.{extension}"


def text_width(text: str) -> int:
    """Width in half-em units: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_line(text: str, pixels: float, size: int = LINE_SIZE) -> list[str]:
    """`text` broken at spaces into lines about `pixels` wide at `size` px; a run without
    spaces (Chinese) is broken where it must be."""
    room = max(10, int(pixels / (size * 0.55)))
    lines: list[str] = []
    line = ""
    for word in text.split():
        while text_width(word) > room:  # a long run without spaces: cut it
            cut = next(i for i in range(len(word), 0, -1) if text_width(word[:i]) <= room)
            lines += [line] if line else []
            lines.append(word[:cut])
            line, word = "", word[cut:]
        if line and text_width(line) + 1 + text_width(word) > room:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def link_markup(url: str) -> str:
    """A link plotly draws as one (http(s) only); anything else as text."""
    if urlsplit(url).scheme not in ("http", "https"):
        return plain(url)
    return f'<a href="{html.escape(url, quote=True)}">{plain(url)}</a>'


def framed(figure: dict[str, Any], frame: Publication, width: int | None = None
           ) -> dict[str, Any]:
    """`figure` (plain data) with the frame drawn on it: title and filters above, source,
    credit and link below, in margins added to its own so the chart keeps its size."""
    layout = figure["layout"]
    patch = frame_patch(layout, frame, width)
    return {**figure, "layout": {
        **layout, "title": patch["title"], "height": patch["height"], "margin": patch["margin"],
        "annotations": [*layout.get("annotations", []), patch["note"]]}}


def frame_patch(layout: dict[str, Any], frame: Publication, width: int | None = None
                ) -> dict[str, Any]:
    """What `framed` changes in a figure's `layout`: its title, height and margin, and the
    note it adds to its annotations (a browser frames a chart it already has with these)."""
    width = width or layout.get("width") or FRAME_WIDTH
    margin = {"l": 80, "r": 80, "t": 100, "b": 80, **layout.get("margin", {})}
    filters = wrap_line(frame.filters, width - 40)
    top = TITLE_SIZE + 18 + LINE_HEIGHT * len(filters)
    below = [*wrap_line(frame.source, width - margin["l"]),
             *wrap_line(frame.credit, width - margin["l"])]
    footer = [plain(line) for line in below] + (
        [f"View online: {link_markup(frame.link)}"] if frame.link else [])
    bottom = LINE_HEIGHT * len(footer) + 24
    small = f"<span style='font-size:{LINE_SIZE}px;color:{GREY_TEXT}'>"
    title = {"text": f"<b>{plain(frame.title)}</b><br>" + "<br>".join(
                 small + plain(line) + "</span>" for line in filters),
             "x": 16 / width, "xanchor": "left", "xref": "container", "y": 1, "yanchor": "top",
             "yref": "container", "pad": {"t": 10 + TITLE_SIZE},  # plotly puts a title of
             # several lines by its first line's baseline
             "font": {"size": TITLE_SIZE, "color": "#1f2933"}}
    note = {"text": "<br>".join(footer), "xref": "paper", "x": 0, "xanchor": "left",
            "yref": "paper", "y": 0, "yanchor": "top", "yshift": -margin["b"] - 4,
            "align": "left", "showarrow": False,
            "font": {"size": LINE_SIZE, "color": GREY_TEXT}, "name": "publication"}
    return {"title": title, "note": note, "width": width,
            "height": (layout.get("height") or 450) + top + bottom,
            "margin": {**margin, "t": margin["t"] + top, "b": margin["b"] + bottom}}


def published_chart(dataset: Dataset, frame: pd.DataFrame, lanes: Sequence[str],
                    claim_filter: ClaimFilter, link_base: str = "", width: int | None = None,
                    webgl: bool = True, height: int | None = None, events: bool = True,
                    rule: ShiftRule | None = None) -> Any:
    """The stance timeline of `lanes` for the claims in `frame` (kept by `claim_filter`),
    framed, as a `go.Figure`: what `timeline chart` saves. `height` is the whole image's,
    frame included (default: the lanes' own height and the frame's); shifts are ringed by
    `rule` (default: the dataset's, see `stance_timeline_data`)."""
    import plotly.graph_objects as go

    from timeline.figures import stance_timeline_data

    shown = chart_filter(claim_filter, lanes)
    in_chart = shown.apply(frame)
    figure = stance_timeline_data(in_chart, dataset, list(lanes), webgl=webgl, events=events,
                                  rule=rule)
    frame_lines = publication(dataset, in_chart, shown,
                              view_link(link_base, shown, dataset, events))
    result = framed(figure, frame_lines, width)
    if height:  # the frame keeps its room, the lanes take the rest
        room = result["layout"]["height"] - figure["layout"]["height"]
        sized = {**figure, "layout": {**figure["layout"], "height": max(height - room, 100)}}
        result = framed(sized, frame_lines, width)
    return go.Figure(result)
