"""The shipped CJK font: what it covers, its licence, and how each file format carries it."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CLAIMS, ROOT, claims_document, missing, run_cli
from fontTools.ttLib import TTFont

from timeline import fonts

DASHBOARD_COPY = ROOT / "dashboard" / "assets" / "fonts" / "NotoSansSC-subset.woff2"
CHINESE = "开源与闭源的立场"


def table_hanzi(codec: str, leads: range, trails: range) -> set[str]:
    found = set()
    for lead in leads:
        for trail in trails:
            try:
                char = bytes([lead, trail]).decode(codec)
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= char <= "\u9fff":
                found.add(char)
    return found


def embedded_characters(document: str) -> set[str]:
    """The characters the document's embedded font (a base64 data URL) has glyphs for."""
    found = re.findall(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", document)
    assert len(found) == 1, f"{len(found)} embedded fonts"
    with TTFont(io.BytesIO(base64.b64decode(found[0]))) as font:
        return set(map(chr, font.getBestCmap()))


def test_the_font_covers_everyday_simplified_and_traditional_chinese():
    gb2312 = table_hanzi("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    big5_common = table_hanzi("big5", range(0xA4, 0xC7), range(0x40, 0xFF))
    assert len(gb2312) == 6763 and len(big5_common) == 5401
    assert gb2312 | big5_common <= fonts.covered()
    assert set("，。、：；！？“”‘’《》（）【】—…　") <= fonts.covered()


def test_the_font_covers_every_chinese_character_of_the_bundled_claims():
    bundled = {char for char in CLAIMS.read_text(encoding="utf-8") if "\u3000" <= char}
    assert bundled and bundled - fonts.covered() == set()


def test_the_licence_travels_with_each_copy():
    for folder in (fonts.FOLDER, DASHBOARD_COPY.parent):
        assert "SIL OPEN FONT LICENSE Version 1.1" in (folder / "OFL.txt").read_text()
    with TTFont(fonts.FONT_FILE, lazy=True) as font:
        assert "Open Font License" in font["name"].getDebugName(13)
        assert font["name"].getDebugName(1) == fonts.FAMILY


def test_the_dashboard_copy_holds_the_same_glyphs():
    with TTFont(DASHBOARD_COPY, lazy=True) as web:
        assert set(map(chr, web.getBestCmap())) == fonts.covered()


def test_an_embedded_font_holds_only_the_characters_the_text_uses():
    css = fonts.font_face_css(f"Open {CHINESE} \ue000 model")
    assert css.startswith(f'@font-face{{font-family:"{fonts.FAMILY}";')
    assert embedded_characters(css) == set(CHINESE)  # no ASCII, nothing the font lacks
    assert fonts.font_face_css("Open vs. closed \ue000") == ""


def test_fontconfig_sees_the_font_beside_the_systems_fonts():
    if not shutil.which("fc-match"):
        missing("fontconfig's fc-match is not installed (apt-get install fontconfig)")
    env = {"FONTCONFIG_FILE": str(fonts.FONTCONFIG_FILE)}

    def fc(*args: str, extra: dict[str, str] | None = None) -> str:
        return subprocess.run(list(args), capture_output=True, text=True, check=True,
                              env=extra).stdout

    matched = fc("fc-match", "--format", "%{file}", ":lang=zh-cn", extra=env)
    assert Path(matched) == fonts.FONT_FILE
    system = set(fc("fc-list", "--format", "%{file}\n", extra={}).split())
    assert set(fc("fc-list", "--format", "%{file}\n", extra=env).split()) == \
        system | {str(fonts.FONT_FILE)}


def test_a_browser_started_inside_sees_the_font_and_the_variable_is_put_back(monkeypatch):
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    with fonts.chromium_sees_font():
        assert Path(fonts.os.environ["FONTCONFIG_FILE"]) == fonts.FONTCONFIG_FILE
    assert "FONTCONFIG_FILE" not in fonts.os.environ
    monkeypatch.setenv("FONTCONFIG_FILE", "/home/me/fonts.conf")
    with fonts.chromium_sees_font():
        assert fonts.os.environ["FONTCONFIG_FILE"] == "/home/me/fonts.conf"


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_chart_files_carry_the_glyphs_of_their_chinese_text(tmp_path, write_claims, fmt):
    if fmt == "svg" and not (shutil.which("chromium") or shutil.which("google-chrome")):
        missing("static image export needs Chromium (apt-get install chromium)")
    document = claims_document()
    document["speakers"][0]["name"] = CHINESE  # the legend shows it
    out = tmp_path / f"chart.{fmt}"
    result = run_cli("chart", "--claims", str(write_claims(document)), "-o", str(out))
    assert result.returncode == 0, result.stderr
    chart = out.read_text(encoding="utf-8")
    if fmt == "svg":
        root = ET.fromstring(chart)
        assert root[0].tag.endswith("style")  # ahead of the text it styles
        text = "".join(root.itertext()).replace(root[0].text or "", "")
    else:
        text = chart.split("<body>", 1)[1]
    assert set(CHINESE) <= set(text)
    assert embedded_characters(chart) == {char for char in text if char > "\x7f"} & fonts.covered()


def test_report_carries_the_glyphs_of_its_chinese_text(tmp_path):
    out = tmp_path / "report.html"
    assert run_cli("report", "--claims", str(CLAIMS), "-o", str(out)).returncode == 0
    document = out.read_text(encoding="utf-8")
    body = document.split("<body>", 1)[1]
    assert embedded_characters(document) == {c for c in body if c > "\x7f"} & fonts.covered()
