"""The CJK font every rendering can fall back to: a subset of Noto Sans SC (SIL OFL 1.1).

A machine without CJK fonts (a fresh Debian has none) draws every Chinese
character as the same empty box, in Chromium and so in kaleido's exports.
This folder ships the font (NotoSansSC-subset.ttf, its licence in OFL.txt;
scripts/build_cjk_font.py rebuilds it and docs/fonts.md says what it holds)
and gives it to each renderer in the way that renderer reads fonts:

- a Chromium started by kaleido: fontconfig, through `chromium_sees_font`;
- a standalone HTML or SVG file: an embedded @font-face holding only the
  glyphs that file uses (`font_face_css`), so it renders on any machine.
"""

from __future__ import annotations

import base64
import functools
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FOLDER = Path(__file__).parent
FONT_FILE = FOLDER / "NotoSansSC-subset.ttf"
LICENCE_FILE = FOLDER / "OFL.txt"
FONTCONFIG_FILE = FOLDER / "timeline-fonts.conf"
"""The system's fontconfig setup (its `fonts.conf`) plus this folder."""
FAMILY = "Noto Sans SC"
FONT_STACK = (f'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "{FAMILY}", '
              "sans-serif")
"""The families charts and pages ask for: the system's own font for Latin text, a CJK font
the system has, else the shipped one (a browser fetches or decodes it only then)."""


@contextmanager
def chromium_sees_font() -> Iterator[None]:
    """Within: a browser started now finds the shipped font through fontconfig.

    Chromium reads only the fonts fontconfig lists (and only TrueType/CFF ones:
    hence a TTF, not WOFF2). The variable is put back on leaving; a user's own
    $FONTCONFIG_FILE is left alone, as the user's choice of fonts.
    """
    if "FONTCONFIG_FILE" in os.environ:
        yield
        return
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    try:
        yield
    finally:
        os.environ.pop("FONTCONFIG_FILE", None)


@functools.cache
def covered() -> frozenset[str]:
    """The characters the shipped font has a glyph for."""
    with TTFont(FONT_FILE, lazy=True) as font:
        return frozenset(map(chr, font.getBestCmap()))


def font_face_css(text: str) -> str:
    """An @font-face rule for `FAMILY` holding the glyphs of the CJK (non-ASCII) characters
    of `text` as base64 WOFF, or "" when `text` needs none. About 3 kB, plus 0.2 kB per
    distinct character: a file's own characters, never the whole font (3 MB)."""
    wanted = "".join(sorted({char for char in text if char > "\x7f"} & covered()))
    if not wanted:
        return ""
    options = subset.Options(flavor="woff", name_IDs=["*"], notdef_outline=True)
    font = subset.load_font(str(FONT_FILE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=wanted)
    subsetter.subset(font)
    data = io.BytesIO()
    subset.save_font(font, data, options)
    encoded = base64.b64encode(data.getvalue()).decode("ascii")
    return (f'@font-face{{font-family:"{FAMILY}";'
            f'src:url(data:font/woff;base64,{encoded}) format("woff")}}')
