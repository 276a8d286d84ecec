"""Figures as files: PNG/SVG/PDF through kaleido and the system's Chromium, or offline HTML.

kaleido 1.x drives a Chrome it finds by itself (Debian's /usr/bin/chromium
works) or the one named by $BROWSER_PATH. Offline machines cannot fetch one,
so a missing browser is reported as a plain message, not plotly's advice to
download Chrome.
"""

from __future__ import annotations

from typing import Literal

import plotly.graph_objects as go

ImageFormat = Literal["png", "svg", "pdf"]
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "toImageButtonOptions": {"format": "svg", "filename": "stance-timeline"}}


class ImageExportError(Exception):
    """A static image could not be made (usually: no Chromium to render it)."""


def figure_image(fig: go.Figure, fmt: ImageFormat, width: int, height: int | None,
                 scale: float) -> bytes:
    """The figure as image bytes, `width` × `height` CSS pixels times `scale`."""
    try:
        return fig.to_image(format=fmt, width=width, height=height or fig.layout.height,
                            scale=scale)
    except (RuntimeError, OSError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise ImageExportError(
            f"cannot render {fmt.upper()}: {first_line} — install Chromium (Debian: apt-get "
            "install chromium) or point $BROWSER_PATH at a Chrome/Chromium binary") from None


def figure_html(fig: go.Figure, plotlyjs: str | None = None) -> str:
    """A standalone page; plotly.js inlined (works offline) unless a script path is given."""
    return fig.to_html(full_html=True, include_plotlyjs=plotlyjs or True, config=PLOTLY_CONFIG)
