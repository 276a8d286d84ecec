"""The standalone report opened from disk with the network blocked: charts drawn, quotes there."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
from conftest import CLAIMS, claim, claims_document, run_cli

import timeline
from tests.browser.conftest import require_chromium


def test_report_works_from_disk_without_network(page, tmp_path):
    require_chromium()
    out = tmp_path / "report.html"
    assert run_cli("report", "--claims", str(CLAIMS), "-o", str(out)).returncode == 0
    blocked: list[str] = []

    def only_local_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_local_files)
    page.goto(out.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg")
    charts = page.locator(".js-plotly-plot")
    assert charts.count() == len(timeline.load(CLAIMS).topics)
    assert page.locator(".js-plotly-plot .scatterlayer .point").count() > 0
    dataset = timeline.load(CLAIMS)
    latest = timeline.topic_summary(dataset.frame()).set_index("topic").loc["long-context",
                                                                             "latest_id"]
    quote = dataset.claim[latest.split(";")[0]].quote
    assert quote in page.inner_text("body")
    assert blocked == []


README = Path(__file__).parents[2] / "README.md"


def test_the_bundled_report_prints_to_the_pages_the_readme_names(page, tmp_path):
    """Chromium's print of the report: the cover is page 1 and shows no local path, and the
    page count is the one README.md states (measured here, so the README stays true)."""
    require_chromium()
    out = tmp_path / "report.html"
    assert run_cli("report", "--claims", str(CLAIMS), "-o", str(out)).returncode == 0
    dataset = timeline.load(CLAIMS)
    page.goto(out.as_uri())
    page.wait_for_function("n => document.querySelectorAll('.js-plotly-plot .main-svg').length"
                           " >= n", arg=len(dataset.topics))
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    stated = re.search(r"prints to (\d+) A4\s+pages", README.read_text(encoding="utf-8"))
    assert stated, "README.md no longer says how many pages the report prints to"
    assert len(pdf.pages) == int(stated.group(1))
    cover = " ".join(pdf.pages[0].extract_text().split())
    assert " ".join(dataset.title.split()) in cover
    for local in (str(tmp_path), str(CLAIMS.resolve().parent), "file:"):
        assert local not in cover
    assert dataset.title not in " ".join(pdf.pages[1].extract_text().split())


HOSTILE = ["<script>window.pwned=1</script>", "<img src=x onerror=\"window.pwned=1\">",
           "</script><script>window.pwned=1</script>", "<b>bold?</b> & \"quotes\""]


def test_hostile_text_in_the_report_and_chart_html_stays_text(page, tmp_path, write_claims):
    require_chromium()
    claims = [claim(f"h{i}", "2024-02", -1 + i % 3, source="talk-2024", quote=text,
                    summary=text, translation=text, stance_note=text)
              for i, text in enumerate(HOSTILE)]
    document = claims_document(claims)
    document["sources"][0]["title"] = HOSTILE[1]
    path = write_claims(document)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for command in ("report", "chart"):
        out = tmp_path / f"{command}.html"
        extra = ["--format", "html"] if command == "chart" else []
        assert run_cli(command, "--claims", str(path), *extra, "-o", str(out)).returncode == 0
        page.goto(out.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        assert page.evaluate("() => window.pwned") is None
        if command == "report":
            body = page.inner_text("body")
            assert all(text in body for text in HOSTILE)
        page.hover(".js-plotly-plot .scatterlayer .point >> nth=0", force=True)
    assert dialogs == []
