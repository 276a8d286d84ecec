"""The dashboard app without a browser: start-up, the page's ids, headers, rendered panels."""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import LONG_POLES, claim, claims_document, english_document, run_cli
from dash import Dash, html
from dash.development.base_component import Component

import timeline
from dashboard import ids, panels
from dashboard.app import ASSETS, create_app
from dashboard.card import claim_card, claim_preview, neighbours, safe_link
from dashboard.layout import BLANK_FIGURE, claims_grid, fit_to_frame
from dashboard.panels import match_text, sources_table, then_vs_now, view_timeline
from dashboard.state import ViewState, href, read_query
from timeline.figures import default_topics, stance_timeline_data

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from dashboard_bench import view_payload  # noqa: E402  (the request the page makes)


def dashboard_command(*args: str) -> subprocess.CompletedProcess[str]:
    script = shutil.which("timeline-dashboard", path=str(Path(sys.executable).parent))
    assert script, "the `timeline-dashboard` script is not installed: pip install -e '.[test]'"
    return subprocess.run([script, *args], capture_output=True, text=True, timeout=120)


def test_an_invalid_claims_file_stops_the_start_with_the_validators_messages(write_claims):
    path = write_claims(claims_document([claim("x-1", "2024-02", 7, source="talk-2024")]))
    result = dashboard_command("--claims", str(path), "--port", "1")
    assert result.returncode == 1
    named, *problems = result.stderr.splitlines(keepends=True)
    assert named == f"timeline: reading {path}\n"
    assert "".join(problems) == run_cli("validate", str(path)).stderr
    assert "claim x-1: stance 7 is off the scale" in result.stderr


def test_a_missing_claims_file_exits_2(tmp_path):
    result = dashboard_command("--claims", str(tmp_path / "none.yaml"))
    assert result.returncode == 2 and "none.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_names_the_options():
    result = subprocess.run([sys.executable, "-m", "dashboard", "--help"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0
    for option in ("--claims", "--host", "--port", "--debug", "127.0.0.1", "8050"):
        assert option in result.stdout


def test_the_layout_holds_every_id_in_ids(write_claims):
    """All but the claims grid, which is mounted later."""
    app = create_app(write_claims())
    declared = {value for name, value in vars(ids).items()
                if name.isupper() and isinstance(value, str) and name != "IMAGE_BUTTON"}
    assert declared - set(components_by_id(app.layout())) == {ids.GRID}


def test_every_callback_names_a_property_of_a_component_on_the_page(write_claims):
    """What Dash's page would check, were the grid's code in before the page asks."""
    path = write_claims()
    app = create_app(path)
    client = app.server.test_client()
    components = components_by_id(html.Div([app.layout(), claims_grid(timeline.load(path))]))
    named = [part.rsplit(".", 1) for callback in client.get("/_dash-dependencies").get_json()
             for part in [*([] if callback["no_output"] else
                            callback["output"].strip(".").split("...")),
                          *(f"{item['id']}.{item['property']}"
                            for item in callback["inputs"] + callback["state"])]]
    assert len(named) > 40
    for component, prop in named:
        if component.startswith("{"):  # a pattern: the image buttons
            assert json.loads(component)["type"] == ids.IMAGE_BUTTON
            continue
        prop = prop.split("@")[0]  # allow_duplicate's suffix
        known = components[component].available_properties
        wildcards = [w[:-1] for w in known if w.endswith("*")]  # Dash's aria-*, data-*
        assert prop in known or any(prop.startswith(w) for w in wildcards), (component, prop)


def components_by_id(component: object) -> dict[str, Component]:
    found: dict[str, Component] = {}
    if isinstance(component, Component):
        if isinstance(getattr(component, "id", None), str):
            found[component.id] = component
        found |= components_by_id(getattr(component, "children", None))
    elif isinstance(component, list | tuple):
        for child in component:
            found |= components_by_id(child)
    return found


def first_answer(path: Path, search: str) -> dict[str, Any]:
    """What the page's first callback answers, as the page asks it on opening `search`."""
    app = create_app(path)
    client = app.server.test_client()
    page = components_by_id(app.layout())  # the stores start empty
    shown = {field: getattr(page[control], "value", None)
             for field, control in ids.CONTROLS.items()}
    response = client.post("/_dash-update-component", json=view_payload(
        client.get("/_dash-dependencies").get_json(), shown, [f"{ids.URL}.search"], search))
    assert response.status_code == 200
    return response.get_json()["response"]


def test_a_page_opening_on_a_link_sets_only_the_controls_showing_another_value(write_claims):
    """The first callback reads the page's address into the controls; one set to what it
    already shows would be drawn again for nothing, before the chart is drawn."""
    path = write_claims()
    answer = first_answer(path, "?speaker=yang-zhilin&lang=translation")
    set_controls = {component: props["value"] for component, props in answer.items()
                    if component in ids.CONTROLS.values()}
    headline = default_topics(timeline.load(path))  # no topic in the link: the headline ones
    assert set_controls == {ids.TOPICS: headline, ids.SPEAKERS: ["yang-zhilin"],
                            ids.LANG: "translation"}


def test_the_first_answer_brings_the_chart_of_the_links_view(write_claims):
    """No second request waits for the first answer: the chart and its count come with it."""
    path = write_claims()
    answer = first_answer(path, "?speaker=yang-zhilin")
    dataset = timeline.load(path)
    shown = read_query("?speaker=yang-zhilin", dataset)[0].claim_filter().apply(dataset.frame())
    drawn = [claim for trace in answer[ids.TIMELINE]["figure"]["data"]
             if trace["meta"]["role"] == "claims" for claim in trace["ids"]]
    assert drawn and sorted(drawn) == sorted(shown["id"])
    assert answer[ids.MATCH_COUNT]["children"] == match_text(len(shown), len(dataset.claims))


def test_the_page_is_dashs_own_and_loads_plotlys_stock_bundle_before_the_renderer(
        write_claims):
    """No rewriting of Dash's page: its template and page maker are Dash's, and plotly.js
    comes as one of the app's assets, which Dash loads ahead of its renderer, so that
    dcc.Graph finds `window.Plotly` instead of loading its own."""
    app = create_app(write_claims())
    assert app.index_string == Dash(__name__).index_string
    assert "interpolate_index" not in vars(app)
    page = app.server.test_client().get("/").get_data(as_text=True)
    scripts = [src.split("?")[0] for src in re.findall(r'<script src="([^"]+)"', page)]
    plotly = scripts.index("/assets/plotly-cartesian.min.js")
    assert plotly < next(i for i, src in enumerate(scripts) if "dash_renderer" in src)


def test_the_vendored_plotly_is_plotlys_bundle_unchanged():
    """scripts/vendor-plotly copies the file from npm and records its hash."""
    bundle = ASSETS / "plotly-cartesian.min.js"
    recorded = (ASSETS / "plotly-cartesian.sha256").read_text().strip()
    assert hashlib.sha256(bundle.read_bytes()).hexdigest() == recorded
    assert bundle.read_text()[:80].startswith("/**\n* plotly.js (cartesian - minified) v")


def test_security_headers_and_only_embed_may_be_framed(write_claims):
    client = create_app(write_claims()).server.test_client()
    page, embed = client.get("/"), client.get("/embed?topic=open-source")
    assert page.status_code == embed.status_code == 200
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self' 'sha256-" in policy
    assert "unsafe-eval" not in policy and "http" not in policy
    assert policy.endswith("frame-ancestors 'none'") and page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert embed.headers["Content-Security-Policy"].endswith("frame-ancestors *")
    assert "X-Frame-Options" not in embed.headers


def test_wsgi_serves_the_claims_named_in_the_environment(write_claims, monkeypatch):
    monkeypatch.setenv("TIMELINE_CLAIMS", str(write_claims()))
    wsgi = importlib.reload(importlib.import_module("dashboard.wsgi"))
    assert wsgi.server.test_client().get("/").status_code == 200


@pytest.fixture
def data(write_claims) -> timeline.Dataset:
    return timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024", also_in=["talk-2025"]),
        claim("b", "2025-07", 1, source="talk-2025"),
        claim("c", "2025-07-20", 2, topic="long-context", source="talk-2025"),
    ])))


def text_of(component: object) -> str:
    if isinstance(component, Component):
        return text_of(getattr(component, "children", None))
    if isinstance(component, list | tuple):
        return " ".join(text_of(child) for child in component)
    return "" if component is None else str(component)


def test_links_are_made_only_for_http_urls():
    assert safe_link("https://example.com/x", "t").rel == "noopener noreferrer"
    assert type(safe_link("javascript:alert(1)", "t")).__name__ == "Span"
    assert type(safe_link(None, "t")).__name__ == "Span"


def test_card_shows_the_claim_with_its_neighbours_on_the_topic(data):
    link = lambda state: href(state, data)  # noqa: E731
    card = claim_card(data, ViewState(claim="a", lang="original"), data.frame(), link)
    text = text_of(card)
    assert "引文a" in text and "Quote a" not in text  # the language toggle says 中文 only
    assert "2024-02  (month only)" in text and "-2 on −2…+2, toward: Keep models closed." in text
    assert "Talk 2024" in text and "Talk 2025" in text  # source and also_in
    assert neighbours(data.frame(), data.claim["a"]) == (None, "b")
    assert "next →: 2025-07" in text and "previous (none on this topic)" in text


def test_the_hover_preview_says_when_who_and_where_the_stance_leans_in_the_chosen_language(data):
    text = text_of(claim_preview(data, "a", "translation"))
    assert "2024-02  (month only) ·  Yang Zhilin" in text
    assert "Stance -2 on −2…+2, toward: Keep models closed." in text
    assert "Quote a" in text and "引文a" not in text
    assert "引文a" in text_of(claim_preview(data, "a", "original"))


def test_the_hover_preview_shows_a_long_pole_whole(write_claims):
    document = claims_document([claim("up", "2025-07", 2), claim("down", "2024-02", -1)])
    document["topics"][0].update(LONG_POLES)
    data = timeline.load(write_claims(document))
    for ident, pole in (("up", LONG_POLES["positive"]), ("down", LONG_POLES["negative"])):
        assert f"toward: {pole}" in text_of(claim_preview(data, ident, "translation"))


def test_then_vs_now_past_its_limit_keeps_the_biggest_changes_and_says_so(data, monkeypatch):
    monkeypatch.setattr(panels, "THEN_NOW_LIMIT", 1)
    rows = then_vs_now(data.frame(), data, ViewState(lang="translation"), lambda state: "")
    assert text_of(rows[0]).startswith("Open vs. closed")  # +3, against 0 for long context
    assert text_of(rows[1]) == ("Showing the 1 biggest changes of 2 topic–group pairs; "
                                "narrow the topics or speakers to see the others.")
    assert len(rows) == 2


def test_then_vs_now_and_the_sources_page(data):
    link = lambda state: href(state, data)  # noqa: E731
    rows = then_vs_now(data.frame(), data, ViewState(lang="translation"), link)
    assert [text_of(row).split(" — ")[0] for row in rows] == ["Open vs. closed", "Long context"]
    assert "+3" in text_of(rows[0]) and "reversal" in text_of(rows[0])
    assert "one dated point only" in text_of(rows[1])
    table = text_of(sources_table(data, link))
    assert "Talk 2024 Outlet interview 2024-03-01 2024-02 zh 1 0" in table
    assert "Talk 2025 Outlet podcast 2025-08-27 — zh 2 1" in table


def test_the_vendored_plotly_draws_every_trace_type_the_dashboard_sends():
    """The page's plotly.js holds only the cartesian traces: a chart of any other type
    (WebGL's scattergl among them) would draw nothing."""
    from timeline import figures
    from timeline.heatmap import stance_heatmap_data

    code = (ASSETS / "plotly-cartesian.min.js").read_text()
    registered = set(re.findall(r'moduleType:"trace",name:"(\w+)"', code))
    data = timeline.load()
    every_topic = ViewState(topics=tuple(t.id for t in data.topics))
    sent = {trace.get("type", "scatter")
            for fig in (view_timeline(data, every_topic)[0],
                        stance_heatmap_data(data.frame(), data), BLANK_FIGURE,
                        figures.empty_figure().to_plotly_json())
            for trace in fig["data"]}
    assert sent == {"scatter", "heatmap"}  # every kind of chart was seen
    assert sent <= registered and "scattergl" not in registered


def test_card_shows_every_coding_and_the_adjudication(write_claims):
    document = claims_document([
        claim("a", "2024-02", 1, source="talk-2024", adjudication="Rule S3: hedged.",
              close_call=True),
        claim("b", "2025-07", 1, source="talk-2025")],
        codings=[{"claim": "a", "coder": "curator", "stance": 2},
                 {"claim": "a", "coder": "blind", "stance": 1, "note": "hedged by 可能"},
                 {"claim": "b", "coder": "curator", "stance": 1},
                 {"claim": "b", "coder": "blind", "stance": 1}])
    data = timeline.load(write_claims(document))
    card = " ".join(text_of(claim_card(data, ViewState(claim="a"), data.frame(),
                                       lambda state: "")).split())
    assert "+2 by curator" in card and "+1 by blind : hedged by 可能" in card
    assert "the stance shown is adjudicated: Rule S3: hedged. A close call." in card
    other = text_of(claim_card(data, ViewState(claim="b"), data.frame(), lambda state: ""))
    assert "Coders agree." in other


def test_an_english_dataset_has_no_language_control_and_no_repeated_label(write_claims):
    from dashboard.layout import quotes_control
    from timeline.chart_text import lane_title

    data = timeline.load(write_claims(english_document()))
    assert quotes_control(data).hidden is True
    assert lane_title(data, "open-source") == "<b>Open weights</b>"
    card = claim_card(data, ViewState(claim="openai-open"), data.frame(), lambda state: "")
    assert text_of(card).count("We are releasing open weights.") == 1
    grid = claims_grid(data)
    assert [c.get("hide") for c in grid.columnDefs if c["field"] == "translation"] == [True]
    bundled = timeline.load(timeline.bundled_claims_path())
    assert not getattr(quotes_control(bundled), "hidden", False)
    assert [c.get("hide") for c in claims_grid(bundled).columnDefs
            if c["field"] == "translation"] == [None]


def test_an_embedded_chart_fills_its_frame_and_remembers_its_own_height(data):
    chart = stance_timeline_data(data.frame(), data)
    fitted = fit_to_frame(chart)["layout"]
    assert "height" not in fitted and fitted["autosize"] is True
    assert fitted["meta"]["height"] == chart["layout"]["height"]  # a narrow screen keeps it
    assert fitted["legend"]["yref"] == "container"

