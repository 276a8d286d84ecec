"""The page skeleton: controls, empty charts and panels that the callbacks fill.

The layout is a function of the dataset (options for the filters, the sources
page) and is built per page load. Which page shows (`/`, `/sources`, `/embed`)
is a class on the root element, so every component always exists and the
callbacks never point at a missing id, but for one: the claims table's grid is
mounted once the chart's answer is in (see `claims_grid`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.reading_guide import reading_guide
from timeline import Dataset
from timeline.languages import language_name, same_language

PAGES = {"/sources": "page-sources", "/embed": "page-embed"}
"""Path → class of the root element; any other path is the main page."""

GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toImage"],
}
"""No camera in the modebar: the PNG and SVG buttons save the chart with its publication
frame (title, filters, sources, credit, link; see dashboard.publish), in the browser."""

BLANK_FIGURE = {"data": [], "layout": {"height": 450, "template": "plotly_white",
                                       "xaxis": {"visible": False}, "yaxis": {"visible": False}}}
"""What a chart holds until the first callback fills it (a figure to patch, never None):
no axes, which for an empty chart show only made-up ticks and cost plotly the measuring
of their labels while the page waits for its first answers."""

GRID_COLUMNS: list[dict[str, Any]] = [
    {"field": "date", "headerName": "Date", "width": 110, "minWidth": 100, "sort": "asc"},
    {"field": "speaker_name", "headerName": "Speaker", "width": 140, "minWidth": 110},
    {"field": "topic_label", "headerName": "Topic", "width": 170, "minWidth": 120},
    {"field": "stance", "headerName": "Stance", "width": 95, "minWidth": 90,
     "filter": "agNumberColumnFilter"},
    {"field": "summary", "headerName": "Summary", "width": 300, "minWidth": 220,
     "cellRenderer": "Marked"},
    {"field": "quote", "headerName": "Quote", "width": 300, "minWidth": 200,
     "cellRenderer": "Marked", "cellRendererParams": {"lang": "row"}},
    {"field": "translation", "headerName": "Translation", "width": 300, "minWidth": 200,
     "cellRenderer": "Marked"},
    {"field": "source_title", "headerName": "Source", "width": 180, "minWidth": 160},
    {"field": "id", "headerName": "Id", "hide": True},
]
"""Each field is one of `dashboard.grid_rows.ROW_FIELDS`, which sorts and filters them. The
searched columns show the search's matches highlighted (`Marked`, in the assets).

Widths, not `flex`: the grid fits them to its width (`columnSize`). With a flex column,
AG Grid 35 hides every cell and header until it has measured the flex widths, and on
this page it often never showed them again: the table stayed blank, and axe found
header rows without visible column headers."""

GRID_OPTIONS = {
    "pagination": True, "paginationPageSize": 20, "paginationPageSizeSelector": [20, 50, 100],
    "cacheBlockSize": 100, "maxConcurrentDatasourceRequests": 1, "animateRows": False,
}
"""The table asks the server for 100 rows at a time (see callbacks' `table_block`).
One request at a time: dash-ag-grid answers only the latest request it sent."""


def page_class(pathname: str | None) -> str:
    return PAGES.get((pathname or "/").rstrip("/") or "/", "page-main")


def build_layout(dataset: Dataset, root: str, problems: Sequence[str] = ()) -> Component:
    """The whole page; `root` is the app's path (links). The sources table is filled in
    by a callback when its page is shown.

    `problems` are the validator's messages for a claims file saved with errors:
    the page then shows the last good data under a banner that says why.
    """
    return html.Div([
        stale_data_banner(problems),
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.FILTERS_STORE), dcc.Store(id=ids.SELECTION_STORE),
        dcc.Store(id=ids.RING_STORE), dcc.Store(id=ids.CLICKED_CELL),
        dcc.Store(id=ids.FRAME_STORE), dcc.Store(id=ids.CHART_FIT), dcc.Store(id=ids.CARD_SHOWN),
        dcc.Store(id=ids.ZOOM_STORE),
        dcc.Store(id=ids.PAGE_LANGUAGE),
        dcc.Download(id=ids.DOWNLOAD),
        header(dataset, root),
        html.Div(id=ids.NOTICES, role="status", className="notices"),
        html.Main([filters_bar(dataset), timeline_section(dataset), then_now_section(),
                   heatmap_section(), table_section()], id=ids.MAIN_PAGE),
        html.Main([html.H2("Sources"),
                   html.P("Every source the claims cite, with how many claims cite it."),
                   html.Div(id=ids.SOURCES_TABLE)],
                  id=ids.SOURCES_PAGE),
    ], id=ids.ROOT, className="page-main", lang=dataset.language)


def stale_data_banner(problems: Sequence[str]) -> Component:
    if not problems:
        return html.Div(id=ids.STALE_BANNER, hidden=True)
    return html.Div([
        html.Strong("The claims file on disk has errors; showing the last valid version. "
                    "Fix the file and reload."),
        html.Pre("\n".join(problems)),
    ], id=ids.STALE_BANNER, role="alert", className="stale-banner")


def header(dataset: Dataset, root: str) -> Component:
    frame = dataset.frame()
    span = f"{frame['date'].iloc[0]} → {frame['date'].iloc[-1]}" if len(frame) else "no claims"
    return html.Header([
        html.H1(dataset.title),
        html.Nav([dcc.Link("Timeline", href=root), dcc.Link("Sources", href=root + "sources")],
                 className="site-nav"),
        html.P(f"{len(dataset.claims)} claims · {len(dataset.topics)} topics · "
               f"{len(dataset.speakers)} speakers · {len(dataset.sources)} sources · {span} · "
               f"from {PurePath(dataset.path).name}",
               id=ids.DATA_SUMMARY),
    ], className="site-header")


def labelled(label: str, control: Component, control_id: str) -> Component:
    return html.Div([html.Label(label, htmlFor=control_id), control], className="control")


# The choices are native checkboxes and radio buttons, each with its own label, in a named
# group (dash-bootstrap-components renders them so). Dash 4's dcc.Dropdown and
# dcc.RadioItems draw a listbox around focusable inputs and a hidden input that takes the
# focus, which screen readers cannot make sense of (axe: nested-interactive,
# aria-hidden-focus), and no property of theirs changes that.

def pick_many(label: str, options: list[dict[str, str]], control_id: str) -> Component:
    """A filter of many choices, folded like a dropdown: its summary names the group and
    what is chosen (see dashboard.js `countChosen`); none chosen means all."""
    return html.Details([
        html.Summary([html.Span(label, className="pick-label"),
                      html.Span("all", id=ids.chosen(control_id), className="pick-chosen")]),
        html.Fieldset([html.Legend(label, className="visually-hidden"),
                       dbc.Checklist(options, id=control_id, className="choices")]),
    ], className="control pick")


def pick_one(label: str, options: list[dict[str, str]], value: str, control_id: str
             ) -> Component:
    return html.Fieldset([html.Legend(label),
                          dbc.RadioItems(options, value=value, id=control_id, inline=True)],
                         className="control choice")


def quotes_control(dataset: Dataset) -> Component:
    """Original, translation or both, named after the languages present; hidden (but
    kept, for the callbacks) when no quote has a translation."""
    originals = sorted({language_name(lang) for lang in dataset.frame()["language"].unique()
                        if not same_language(lang, dataset.language)})
    choices = [{"label": f"original ({', '.join(originals)})", "value": "original"},
               {"label": f"translation ({language_name(dataset.language)})",
                "value": "translation"}, {"label": "both", "value": "both"}]
    control = pick_one("Quotes in", choices, "both", ids.LANG)
    return control if dataset.translating else html.Div(control, hidden=True)


def filters_bar(dataset: Dataset) -> Component:
    """The filters, behind a button on a narrow screen (the stylesheet hides them there until
    it is pressed, so that the first screen shows the chart)."""
    toggle = html.Button("Filters", id=ids.FILTERS_TOGGLE, className="button filters-toggle",
                         **{"aria-expanded": "false", "aria-controls": ids.FILTERS_PANEL})
    return html.Div([toggle, filters_panel(dataset)], className="filters-bar")


def filters_panel(dataset: Dataset) -> Component:
    topics = [{"label": " · ".join(dataset.topic_labels(t.id)), "value": t.id}
              for t in dataset.topics]
    speakers = [{"label": " ".join(dataset.speaker_names(s.id)), "value": s.id}
                for s in dataset.speakers]
    sources = [{"label": f"{s.title[:60]} ({s.published or s.held or 'undated'})",
                "value": s.id} for s in dataset.sources]
    date_hint = "e.g. 2025 or 2025-07"
    return html.Section([
        pick_many("Topics", topics, ids.TOPICS),
        pick_many("Speakers", speakers, ids.SPEAKERS),
        pick_many("Sources", sources, ids.SOURCES),
        labelled("Since", dcc.Input(id=ids.SINCE, type="text", debounce=True,
                                    placeholder=date_hint), ids.SINCE),
        labelled("Until", dcc.Input(id=ids.UNTIL, type="text", debounce=True,
                                    placeholder=date_hint), ids.UNTIL),
        labelled("Search the topics shown", dcc.Input(
            id=ids.SEARCH, type="search", debounce=True,
            placeholder="words in quotes, translations, summaries"), ids.SEARCH),
        quotes_control(dataset),
        pick_one("Trajectory per", [{"label": "organization", "value": "organization"},
                                    {"label": "speaker", "value": "speaker"}],
                 "organization", ids.GROUP_BY),
        events_control(),
        html.Div([html.Button("Download CSV", id=ids.DOWNLOAD_BUTTON, className="button"),
                  html.Span(id=ids.MATCH_COUNT, className="match-count")],
                 className="control actions"),
    ], id=ids.FILTERS_PANEL, className="filters", **{"aria-label": "filters"})


def events_control() -> Component:
    """A checkbox that draws the events the sources name on the chart, or leaves them out
    (`events=off` in the link): a native checkbox with its own label, as the other
    choices are."""
    return html.Div(dbc.Checklist([{"label": "Events", "value": "on"}], value=["on"],
                                  id=ids.EVENTS), className="control")


def chart(graph: str, **properties: Any) -> Component:
    return dcc.Graph(id=graph, figure=BLANK_FIGURE, config=GRAPH_CONFIG, **properties)


def image_buttons(graph: str, name: str) -> Component:
    return html.Div([html.Button(f"{fmt.upper()}", title=f"Save the {name} as {fmt.upper()}",
                                 id={"type": ids.IMAGE_BUTTON, "graph": graph, "format": fmt},
                                 className="button small")
                     for fmt in ("png", "svg")], className="image-buttons")


def timeline_section(dataset: Dataset) -> Component:
    return html.Section([
        html.Div([
            html.Div([html.H2("Stance over time"),
                      html.Div([embed_box(), image_buttons(ids.TIMELINE, "timeline")],
                               className="chart-tools")], className="section-head"),
            reading_guide(dataset),
            html.Div(id=ids.EMBED_HEAD, className="embed-head"),
            chart(ids.TIMELINE, clear_on_unhover=True),
            html.Div(id=ids.EMBED_FOOT, className="embed-foot"),
            html.Section([html.H3("The chart in words"),
                          html.P("Stances run from −2 to +2 on each topic's scale.",
                                 className="hint"),
                          html.Ul(id=ids.CHART_WORDS)], className="chart-words",
                         **{"aria-label": "the chart in words"}),
            dcc.Tooltip(id=ids.TIMELINE_TOOLTIP, className="claim-preview", direction="bottom"),
            html.Span(id=ids.IMAGE_STATUS, className="visually-hidden", role="status"),
        ], className="chart-column"),
        html.Aside([html.H2("Claim"), html.Div(id=ids.CARD)], className="card-column",
                   **{"aria-live": "polite"}),
    ], className="timeline-section")


def embed_box() -> Component:
    """The chart as an `<iframe>` for other pages (`/embed` may be framed; nothing else may)."""
    return html.Details([
        html.Summary("Embed", className="button small"),
        html.Div([
            html.Label("Paste this into your page:", htmlFor=ids.EMBED_SNIPPET),
            dcc.Textarea(id=ids.EMBED_SNIPPET, readOnly=True, rows=3, className="snippet"),
            dcc.Clipboard(target_id=ids.EMBED_SNIPPET, title="Copy", className="copy"),
        ], className="embed-panel"),
    ], className="embed")


def fit_to_frame(figure: dict[str, Any]) -> dict[str, Any]:
    """On /embed the chart fills its iframe instead of keeping its own height.

    The legend then hangs from the frame's top: its place above the plot is
    reckoned from the chart's own height, which the frame overrides. That height
    stays in the layout's `meta`: a narrow screen's chart (dashboard.js) keeps it
    rather than squeeze its lanes, whose words are placed in pixels."""
    layout = {key: value for key, value in figure["layout"].items() if key != "height"}
    if "legend" in layout:
        layout["legend"] = {**layout["legend"], "yref": "container", "y": 1, "yanchor": "top"}
    if "height" in figure["layout"]:
        layout["meta"] = {**layout.get("meta", {}), "height": figure["layout"]["height"]}
    return {**figure, "layout": {**layout, "autosize": True}}


def then_now_section() -> Component:
    return html.Section([html.H2("Then vs. now"),
                         html.P("Per topic, the first and the latest stance in this view.",
                                className="hint"),
                         html.Div(id=ids.THEN_NOW, className="then-now")],
                        className="then-now-section")


def heatmap_section() -> Component:
    return html.Section([
        html.Div([html.H2("Overview: mean stance per half-year"),
                  image_buttons(ids.HEATMAP, "overview")], className="section-head"),
        html.P("The number in each cell is how many claims it averages.", className="hint"),
        chart(ids.HEATMAP),
    ], className="heatmap-section")


def table_section() -> Component:
    return html.Section([
        html.Div([html.H2("Claims"),
                  html.Label(["Search the table ",
                              dcc.Input(id=ids.GRID_SEARCH, type="search", debounce=0.3,
                                        placeholder="any words", className="grid-search")],
                             className="grid-search-label")],
                 className="section-head"),
        html.Div(id=ids.GRID_HOLDER, style={"minHeight": "700px"}),  # the grid's height
    ], className="table-section")


def claims_grid(dataset: Dataset) -> Component:
    """The claims table, which the page mounts after the chart's answer is in.

    AG Grid's set-up and the stylesheet it adds ran before the chart was drawn,
    and that stylesheet made every style pass over the chart's markers dearer
    (at 10,000 claims the chart is drawn about 0.4 s sooner so, medians of three
    alternated runs). The table sits below the chart, so it is not missed meanwhile.
    """
    columns = [{**c, "hide": True} if c["field"] == "translation" and not dataset.translating
               else c for c in GRID_COLUMNS]
    return dag.AgGrid(id=ids.GRID, columnDefs=columns, rowModelType="infinite",
                      getRowId="params.data.id",
                      defaultColDef={"sortable": True, "filter": True, "resizable": True,
                                     "floatingFilter": True},
                      columnSize="responsiveSizeToFit", dashGridOptions=GRID_OPTIONS,
                      style={"height": "700px"})
