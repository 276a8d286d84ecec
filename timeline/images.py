"""Figures as files: PNG/SVG/PDF through kaleido and the system's Chromium, or offline HTML.

kaleido 1.x drives a Chrome it finds by itself (Debian's /usr/bin/chromium
works) or the one named by $BROWSER_PATH. Offline machines cannot fetch one,
so a missing browser is reported as a plain message, not plotly's advice to
download Chrome. Chinese text is drawn with the shipped CJK font (`timeline.fonts`),
which SVG and HTML files also carry, so they render on machines without one.
"""

from __future__ import annotations

import html
from typing import Literal
from xml.dom import minidom

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from timeline.fonts import chromium_sees_font, font_face_css

ImageFormat = Literal["png", "svg", "pdf"]
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "toImageButtonOptions": {"format": "svg", "filename": "stance-timeline"}}


class ImageExportError(Exception):
    """A static image could not be made (usually: no Chromium to render it)."""


def figure_image(fig: go.Figure, fmt: ImageFormat, width: int, height: int | None,
                 scale: float) -> bytes:
    """The figure as image bytes, `width` × `height` CSS pixels times `scale`."""
    try:
        with chromium_sees_font():
            image = fig.to_image(format=fmt, width=width, height=height or fig.layout.height,
                                 scale=scale)
    except (RuntimeError, OSError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise ImageExportError(
            f"cannot render {fmt.upper()}: {first_line} — install Chromium (Debian: apt-get "
            "install chromium) or point $BROWSER_PATH at a Chrome/Chromium binary") from None
    return svg_with_font(image) if fmt == "svg" else image


def svg_with_font(svg: bytes) -> bytes:
    """The SVG with a <style> holding the glyphs its text needs (`font_face_css`), as its
    first child, for viewers on machines without a CJK font."""
    css = font_face_css(svg.decode("utf-8"))
    if not css:
        return svg
    document = minidom.parseString(svg)
    root = document.documentElement
    style = document.createElementNS(root.namespaceURI, "style")
    style.appendChild(document.createTextNode(css))
    root.insertBefore(style, root.firstChild)
    return root.toxml(encoding="utf-8")


def figure_html(fig: go.Figure, plotlyjs: str | None = None) -> str:
    """A standalone page; plotly.js inlined (works offline) unless a script URL is given,
    the glyphs its text needs embedded (`font_face_css`)."""
    chart = fig.to_html(full_html=False, include_plotlyjs=False, config=PLOTLY_CONFIG)
    script = (f'<script src="{html.escape(plotlyjs)}"></script>' if plotlyjs
              else f"<script>{get_plotlyjs()}</script>")
    return ('<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8">\n'
            f"<style>{font_face_css(chart)}</style>\n{script}\n</head>\n<body>\n{chart}\n"
            "</body>\n</html>")
