#!/usr/bin/env python3
"""Rebuild the shipped CJK font: a subset of Noto Sans SC Regular (SIL OFL 1.1).

    .venv/bin/pip install 'fonttools[woff]'   # brotli, for the dashboard's WOFF2
    .venv/bin/python scripts/build_cjk_font.py

It fetches the npm package @expo-google-fonts/noto-sans-sc (Google Fonts' static
TTFs) with `npm pack`, keeps its Regular weight, and subsets it to the
characters below, then writes:

- timeline/fonts/NotoSansSC-subset.ttf: an sfnt, because Chromium reads only
  TrueType/CFF files from fontconfig (a WOFF or WOFF2 there is ignored): the
  exports' Chromium (kaleido) and the report's embedded subsets use it.
- dashboard/assets/fonts/NotoSansSC-subset.woff2: the same glyphs for browsers.
- OFL.txt beside each: the font's licence, which travels with every copy.

See docs/fonts.md for why these characters.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "@expo-google-fonts/noto-sans-sc@0.4.3"
MEMBER = "package/400Regular/NotoSansSC_400Regular.ttf"
LICENCE = "package/LICENSE_FONT"
TTF = ROOT / "timeline" / "fonts" / "NotoSansSC-subset.ttf"
WOFF2 = ROOT / "dashboard" / "assets" / "fonts" / "NotoSansSC-subset.woff2"
RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1 and Latin Extended A/B: names and loan words in CJK text
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, ellipsis
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana and katakana
    (0xFF00, 0xFFEF),  # full-width and half-width forms
)


def double_byte_table(codec: str, leads: range, trails: range) -> set[str]:
    """Every character a two-byte national code table holds."""
    found = set()
    for lead in leads:
        for trail in trails:
            try:
                found.add(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                pass
    return found


def characters() -> str:
    """GB2312 (all 7,445: the 6,763 hanzi of everyday Simplified Chinese and its symbols),
    Big5's 5,401 common hanzi (everyday Traditional Chinese), the ranges above, and
    every character of the bundled claims (a name like 珺 is in neither table)."""
    gb2312 = double_byte_table("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    big5_common = {char for char in double_byte_table("big5", range(0xA4, 0xC7), range(0x40, 0xFF))
                   if "\u4e00" <= char <= "\u9fff"}
    ranges = {chr(code) for start, end in RANGES for code in range(start, end + 1)}
    bundled = set((ROOT / "claims.yaml").read_text(encoding="utf-8"))
    return "".join(sorted(gb2312 | big5_common | ranges | bundled))


def fetch(workdir: Path) -> Path:
    """The package's tarball, through npm (which checks its integrity)."""
    subprocess.run(["npm", "pack", "--silent", PACKAGE], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    return next(workdir.glob("*.tgz"))


def write_subset(source: Path, text: str, target: Path, flavor: str | None) -> None:
    options = subset.Options(flavor=flavor)
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        with tarfile.open(fetch(workdir)) as tarball:
            tarball.extractall(workdir, members=[tarball.getmember(MEMBER),
                                                 tarball.getmember(LICENCE)], filter="data")
        text = characters()
        for target, flavor in ((TTF, None), (WOFF2, "woff2")):
            write_subset(workdir / MEMBER, text, target, flavor)
            shutil.copyfile(workdir / LICENCE, target.parent / "OFL.txt")
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes, "
                  f"{len(text):,} characters asked for", file=sys.stderr)


if __name__ == "__main__":
    main()
