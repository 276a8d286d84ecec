"""The standalone report opened from disk with the network blocked: charts drawn, quotes there."""

from __future__ import annotations

from conftest import CLAIMS, run_cli

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
    assert charts.count() == 3
    assert page.locator(".js-plotly-plot .scatterlayer .point").count() > 0
    dataset = timeline.load(CLAIMS)
    latest = timeline.topic_summary(dataset.frame()).set_index("topic").loc["long-context",
                                                                             "latest_id"]
    quote = dataset.claim[latest.split(";")[0]].quote
    assert quote in page.inner_text("body")
    assert blocked == []
