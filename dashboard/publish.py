"""What a view of the dashboard carries when it leaves the page: the publication frame.

The downloads (PNG, SVG) are framed in the browser with the patch made here by
the library (`timeline.publication.frame_patch`), and named after the view;
/embed shows the same lines as text above and below its chart, where they wrap
on a phone. The chart's words (its text alternative) come along, as does the
embed snippet, sized from the chart's aspect.
"""

from __future__ import annotations

import dataclasses
import html as html_text
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard.card import safe_link
from dashboard.state import ViewState, write_query
from timeline import Dataset, Moves
from timeline.chart_words import chart_in_words
from timeline.publication import Publication, file_name, frame_patch, publication

EMBED_WIDTH = 1200
"""CSS pixels the embed's aspect is reckoned at (and downloads are drawn at)."""
EMBED_FRAME_HEIGHT = 150
"""About the pixels /embed's title, filter, source and credit lines take at that width."""
LANE_MIN_HEIGHT = 150
"""The least height an embedded lane gets on a narrow page, so that it stays readable."""
NARROW_FRAME_HEIGHT = 380
"""About the pixels /embed's lines and legend take on a phone, where they wrap."""


def page_origin(page_url: str) -> str:
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def view_link(page_url: str, root: str, view: ViewState, dataset: Dataset) -> str:
    """The main page on this view, as the reader's browser reaches it (no claim open)."""
    shown = dataclasses.replace(view, claim="")
    return page_origin(page_url) + root + write_query(shown, dataset)


def view_frame(dataset: Dataset, view: ViewState, frame: pd.DataFrame, page_url: str,
               root: str) -> Publication:
    """The publication lines of a view whose claims are `frame`."""
    lanes = view.lanes(frame, dataset)
    return publication(dataset, frame[frame["topic"].isin(lanes)], view.claim_filter(),
                       view_link(page_url, root, view, dataset))


def downloads(dataset: Dataset, view: ViewState, frame: pd.DataFrame,
              frame_lines: Publication, charts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per graph id: the frame patch of its figure and the file name, without extension
    (`frame`: the view's claims)."""
    name = file_name(dataset, frame, view.claim_filter(), "x")[:-2]
    return {graph: {**frame_patch(figure["layout"], frame_lines, EMBED_WIDTH),
                    "filename": name if graph.endswith("timeline") else f"{name}_overview"}
            for graph, figure in charts.items()}


def embed_head(frame_lines: Publication) -> list[Component]:
    return [html.P(frame_lines.title, className="embed-title"),
            html.P(frame_lines.filters, className="embed-filters")]


def embed_foot(frame_lines: Publication) -> list[Component]:
    return [html.P(frame_lines.source), html.P(frame_lines.credit) if frame_lines.credit else "",
            html.P(["View online: ", safe_link(frame_lines.link, frame_lines.link)])
            if frame_lines.link else ""]


def chart_words(dataset: Dataset, view: ViewState, frame: pd.DataFrame, moves: Moves
                ) -> list[Component]:
    """The text alternative of the view's chart, a list item per lane (`frame`: the view's
    claims, `moves`: theirs, `view_moves`)."""
    return [html.Li(sentence) for sentence in chart_in_words(
        frame, dataset, view.lanes(frame, dataset), view.by, moves=moves)]  # type: ignore[arg-type]


def embed_snippet(page_url: str, root: str, view: ViewState, dataset: Dataset,
                  chart_height: int, lanes: int) -> str:
    """A copyable `<iframe>` of this view's chart (its filters, not the selection): the page's
    full width, as tall as the chart's aspect makes it, never so short that a lane cannot
    be read."""
    chart = dataclasses.replace(view, claim="", lang="both")
    src = f"{page_origin(page_url)}{root}embed{write_query(chart, dataset)}"
    height = chart_height + EMBED_FRAME_HEIGHT
    least = lanes * LANE_MIN_HEIGHT + NARROW_FRAME_HEIGHT
    return (f'<iframe src="{html_text.escape(src)}" title="{html_text.escape(dataset.title)}" '
            f'style="display:block;width:100%;aspect-ratio:{EMBED_WIDTH}/{height};'
            f'min-height:{min(least, height)}px;border:0" loading="lazy"></iframe>')
