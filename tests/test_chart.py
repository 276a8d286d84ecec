"""`timeline chart` and `timeline report` through the real entry point, checked as files."""

from __future__ import annotations

import hashlib
import re
import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CLAIMS, claim, claims_document, missing, run_cli

import timeline
from timeline.figures import stance_timeline_figure
from timeline.images import figure_image

OPEN_SOURCE = timeline.load(CLAIMS).topic["open-source"]
CHINESE_NAMES = ("杨植麟", "周昕宇")
"""As many characters each: where CJK glyphs are missing, both draw the same empty boxes."""


def needs_chromium() -> None:
    if not (shutil.which("chromium") or shutil.which("google-chrome")):
        missing("static image export needs Chromium (apt-get install chromium)")


def chart(tmp_path: Path, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"chart.{fmt}"
    result = run_cli("chart", "--claims", str(CLAIMS), "--topic", "open-source", "--format",
                     fmt, "-o", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return out


def test_png_has_the_requested_pixel_size(tmp_path):
    needs_chromium()
    data = chart(tmp_path, "png", "--width", "800", "--height", "500", "--scale", "2").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1600, 1000)


def test_svg_parses_and_carries_the_topic_axis_labels(tmp_path):
    needs_chromium()
    root = ET.parse(chart(tmp_path, "svg")).getroot()
    text = " ".join(t for t in root.itertext())
    assert root.tag.endswith("svg")
    assert OPEN_SOURCE.label in text and OPEN_SOURCE.labels["zh"] in text
    assert OPEN_SOURCE.negative.split()[0] in text and OPEN_SOURCE.positive.split()[0] in text


def test_pdf_is_a_pdf(tmp_path):
    needs_chromium()
    assert chart(tmp_path, "pdf").read_bytes().startswith(b"%PDF")


def external_sources(html: str) -> list[str]:
    return re.findall(r"""<(?:script|link|img)[^>]+(?:src|href)=["']?(https?:[^"' >]+)""", html)


def test_html_is_self_contained(tmp_path):
    html = chart(tmp_path, "html").read_text(encoding="utf-8")
    assert external_sources(html) == []
    assert "Plotly.newPlot" in html and OPEN_SOURCE.label in html


def test_html_can_reference_a_hosted_plotlyjs(tmp_path):
    html = chart(tmp_path, "html", "--plotlyjs", "/static/plotly.min.js").read_text()
    assert re.search(r'<script[^>]* src="/static/plotly.min.js"', html) and len(html) < 500_000


@pytest.mark.parametrize(("name", "magic"), [
    ("chart.svg", b"<svg"), ("chart.PDF", b"%PDF"), ("chart.html", b"<html"),
    ("chart.htm", b"<html"), ("chart.png", b"\x89PNG"), ("chart", b"\x89PNG")])
def test_the_format_follows_the_file_name_unless_given(tmp_path, name, magic):
    if magic != b"<html":
        needs_chromium()
    out = tmp_path / name
    result = run_cli("chart", "--claims", str(CLAIMS), "--topic", "open-source", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert magic in out.read_bytes()[:300]


def test_an_explicit_format_wins_over_the_file_name(tmp_path):
    out = chart(tmp_path, "html").rename(tmp_path / "chart.svg")
    result = run_cli("chart", "--claims", str(CLAIMS), "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert b"<html" in out.read_bytes()[:300]


@pytest.mark.parametrize("command", [["chart", "--format", "html"], ["report"],
                                     ["export", "--format", "json"], ["shifts"]])
def test_dash_writes_to_standard_output(tmp_path, command):
    result = run_cli(*command, "--claims", str(CLAIMS), "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > 100
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_missing_browser_is_a_clear_error(tmp_path):
    no_browsers = tmp_path / "empty-bin"
    no_browsers.mkdir()
    result = run_cli("chart", "--claims", str(CLAIMS), "--format", "png", "-o",
                     str(tmp_path / "x.png"),
                     env={"BROWSER_PATH": "/nonexistent", "PATH": str(no_browsers)})
    assert result.returncode == 1
    assert "cannot render PNG" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_report_is_one_offline_file_with_quotes_and_rules(tmp_path):
    out = tmp_path / "report.html"
    result = run_cli("report", "--claims", str(CLAIMS), "-o", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert external_sources(html) == []
    dataset = timeline.load(CLAIMS)
    assert html.count("function(") > 1000
    assert html.count("Plotly.newPlot") == len(dataset.topics)  # every topic, featured first
    titles = re.findall(r"<h2>([^<]+)", html)
    featured = [dataset.topic[t].label for t in dataset.featured_topics]
    assert [t.strip() for t in titles[:len(featured)]] == featured
    summary = timeline.topic_summary(dataset.frame()).set_index("topic")
    first = dataset.claim[summary.loc["open-source", "first_id"].split(";")[0]]
    assert first.quote in html and first.translation in html
    assert "How stances are coded" in html and OPEN_SOURCE.negative in html
    assert len(out.read_bytes()) < 8_000_000


def test_report_filters_narrow_it(tmp_path):
    out = tmp_path / "report.html"
    run_cli("report", "--claims", str(CLAIMS), "--topic", "long-context", "--since", "2025",
            "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.count("Plotly.newPlot") == 1 and "Long context" in html
    assert "2024-02" not in html.split("<h2>All claims</h2>")[1].split("<h2>Sources")[0]


def claims_naming_the_speaker(write_claims, name: str) -> Path:
    """The fixture's claims, their speaker named `name` (the legend shows it)."""
    document = claims_document()
    document["speakers"][0]["name"] = name
    return write_claims(document, name=f"{name}.yaml")


def digests(images: list[bytes]) -> int:
    """How many different images (counted by digest: a failure prints no PNG bytes)."""
    return len({hashlib.sha256(image).hexdigest() for image in images})


def test_png_export_draws_chinese_glyphs_not_boxes(write_claims):
    needs_chromium()
    images = []
    for name in CHINESE_NAMES:
        dataset = timeline.load(claims_naming_the_speaker(write_claims, name))
        images.append(figure_image(stance_timeline_figure(dataset.frame(), dataset), "png",
                                   600, None, 1))
    assert digests(images) == 2, "two names drew the same pixels: CJK glyphs are boxes"


def test_chart_command_draws_chinese_glyphs_not_boxes(tmp_path, write_claims):
    needs_chromium()
    images = []
    for name in CHINESE_NAMES:
        out = tmp_path / f"{name}.png"
        result = run_cli("chart", "--claims", str(claims_naming_the_speaker(write_claims, name)),
                         "-o", str(out))
        assert result.returncode == 0, result.stderr
        images.append(out.read_bytes())
    assert digests(images) == 2, "two names drew the same pixels: CJK glyphs are boxes"


def test_chart_rings_shifts_by_the_rule_its_options_set(tmp_path, write_claims):
    """−2 → +1 is a reversal (3 steps), +1 → +2 a shift (1 step): a least step of 2 keeps
    the reversal's ring and drops the shift's."""
    path = str(write_claims(claims_document([
        claim("yang-2024-closed", "2024-02", -2, source="talk-2024"),
        claim("yang-2025-open", "2025-07", 1, source="talk-2025"),
        claim("yang-2025-wide-open", "2025-08", 2, source="talk-2025")])))

    def rings(*options: str) -> list[str]:
        out = tmp_path / "chart.html"
        result = run_cli("chart", "--claims", path, "--plotlyjs", "plotly.js", "-o", str(out),
                         *options)
        assert result.returncode == 0, result.stderr
        roles = re.findall(r'"meta":\{"role":"(\w+)"', out.read_text(encoding="utf-8"))
        return sorted(role for role in roles if role in ("shift", "reversal"))

    assert rings() == ["reversal", "shift"]
    assert rings("--min-step", "2") == ["reversal"]
    assert rings("--min-step", "4") == []
