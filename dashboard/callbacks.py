"""Thin callbacks: keep the URL and the controls in step, then let the library draw.

The URL is the single source of the view. One callback reads it (or the
controls, or a click) into a `ViewState` and writes it to two stores: the
filters (which claims) and the selection (which claim, which language), so a
click on a point does not redraw the chart or reset the table's page. When the
filters change, the same answer brings the chart and its match count; the
other callbacks render from the stores with `timeline`'s public API, the panels
below the chart once that answer is in.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from typing import Any

import pandas as pd
from dash import ALL, ClientsideFunction, Dash, Input, Output, Patch, State, ctx, dcc, no_update

from dashboard import ids
from dashboard.answers import Answers
from dashboard.card import HrefFor, claim_card, claim_preview
from dashboard.grid_rows import table_rows, with_marks
from dashboard.layout import claims_grid, fit_to_frame, page_class
from dashboard.live import LiveDataset
from dashboard.panels import (
    aggregates,
    notices_view,
    selection_shapes,
    sources_table,
    then_vs_now,
    view_moves,
    view_overview,
    view_timeline,
    zoom_window,
)
from dashboard.publish import (
    chart_words,
    downloads,
    embed_foot,
    embed_head,
    embed_snippet,
    view_frame,
)
from dashboard.reading_guide import view_poles
from dashboard.state import (
    ViewState,
    control_values,
    first_point,
    href,
    pointed_claim,
    read_fields,
    read_query,
    with_claim,
    write_query,
)
from timeline import Dataset, Moves, claims_csv

CONTROL_IDS = list(ids.CONTROLS.values())
GRID_MOUNTED = "grid-mounted"
STORES = {"filters": Output(ids.FILTERS_STORE, "data"),
          "selection": Output(ids.SELECTION_STORE, "data"),
          "ring": Output(ids.RING_STORE, "data")}


def register_callbacks(app: Dash, live: LiveDataset, answers: Answers) -> None:
    """Wire the page, keeping worked-out answers in `answers`; called by `create_app`,
    once per app. Each callback reads the current dataset once, so a file saved
    mid-session is used from then on."""
    root = app.get_relative_path("/")

    def chart_of(dataset: Dataset, view: ViewState, window: Any = None) -> tuple[Any, str]:
        return answers.get((dataset.digest, "timeline", view, window),
                           lambda: view_timeline(dataset, view, window))

    def links(dataset: Dataset) -> HrefFor:
        """Hrefs to views of `dataset` under this app's path, for panels that link views."""
        return functools.partial(href, dataset=dataset, root=root)

    def page_of(pathname: str | None) -> str:
        return page_class("/" + (app.strip_relative_path(pathname or "/") or ""))

    def view_of(filters: dict[str, Any] | None, selection: dict[str, Any] | None,
                dataset: Dataset) -> ViewState:
        return read_fields({**(filters or {}), **(selection or {})}, dataset)[0]

    def timeline_of(dataset: Dataset, view: ViewState, pathname: str | None
                    ) -> tuple[Any, str]:
        chart, count = chart_of(dataset, view)
        return fit_to_frame(chart) if page_of(pathname) == "page-embed" else chart, count

    def outputs(view: ViewState, stored: dict[str, Any], chart: Callable[[], tuple[Any, str]],
                search: Any = no_update, notices: list[str] | None = None,
                shown: list[Any] | None = None) -> dict[str, Any]:
        """Callback outputs for a new view; unchanged stores stay put so nothing redraws.

        New filters bring the view's `chart` and match count in the same answer:
        asked for in a second request once the stores had changed, the chart
        waited for a round trip and for the page to take in the first answer
        (at 10,000 claims, 80-110 ms of the page's work). With `shown`, the
        values the controls show, each control that shows another value is set to
        the view's: a control set to what it already shows would be drawn again
        for nothing (on every page load). The ring store changes only when the
        selection changes alone: when the filters change too, the redrawn chart
        brings its own ring (and the card follows the chart's answer).
        """
        view_values = control_values(view)
        values = [view_values[f] for f in ids.CONTROLS]
        controls = [no_update] * len(values) if shown is None else [
            no_update if (value or None) == (now or None) else value  # [], "" and None: empty
            for value, now in zip(values, shown, strict=True)]
        filters = view.filters() if view.filters() != stored["filters"] else no_update
        selection = view.selection() if view.selection() != stored["selection"] else no_update
        timeline, count = (no_update, no_update) if filters is no_update else chart()
        return {
            "controls": controls,
            "search": search, "notices": no_update if notices is None else notices_view(notices),
            "filters": filters, "selection": selection,
            "ring": selection if filters is no_update else no_update,
            "timeline": timeline, "count": count,
        }

    @app.callback(
        output={"controls": [Output(c, "value") for c in CONTROL_IDS],
                "search": Output(ids.URL, "search"),
                "notices": Output(ids.NOTICES, "children"), **STORES,
                "timeline": Output(ids.TIMELINE, "figure"),
                "count": Output(ids.MATCH_COUNT, "children")},
        inputs={"search": Input(ids.URL, "search"),
                "controls": [Input(c, "value") for c in CONTROL_IDS],
                "point": Input(ids.TIMELINE, "clickData"),
                "cell": Input(ids.CLICKED_CELL, "data")},
        state={"filters": State(ids.FILTERS_STORE, "data"),
               "selection": State(ids.SELECTION_STORE, "data"),
               "pathname": State(ids.URL, "pathname")})
    def sync_view(search: str | None, controls: list[Any], point: dict[str, Any] | None,
                  cell: dict[str, Any] | None, filters: dict[str, Any] | None,
                  selection: dict[str, Any] | None, pathname: str | None) -> dict[str, Any]:
        stored = {"filters": filters, "selection": selection}
        trigger, dataset = ctx.triggered_id, live.current()

        def settle(view: ViewState, **more: Any) -> dict[str, Any]:
            return outputs(view, stored,
                           lambda: timeline_of(dataset, view, pathname), **more)

        if trigger in CONTROL_IDS:
            fields = {**dict(zip(ids.CONTROLS, controls, strict=True)),
                      "claim": (selection or {}).get("claim", "")}
            view, notices = read_fields(fields, dataset)
            return settle(view, search=changed(write_query(view, dataset), search),
                          notices=notices)
        view, notices = read_query(search or "", dataset)
        if trigger in (ids.TIMELINE, ids.CLICKED_CELL):
            claim = pointed_claim(point) if trigger == ids.TIMELINE else str(
                (cell or {}).get("rowId") or "")
            if claim not in dataset.claim:
                return settle(view_of(filters, selection, dataset))
            view = with_claim(view, claim)
            return settle(view, search=changed(write_query(view, dataset), search))
        return settle(view, notices=notices, shown=controls)

    @app.callback(Output(ids.ROOT, "className"), Output(ids.SOURCES_TABLE, "children"),
                  Input(ids.URL, "pathname"))
    def show_page(pathname: str | None) -> tuple[str, Any]:
        """Show the page the path names; the sources table exists only while it is shown
        (at 10,000 claims from 200 sources its cells were most of the main page's layout,
        and Dash slows down with every component a page holds)."""
        page = page_of(pathname)
        if page != "page-sources":
            return page, []
        dataset = live.current()
        return page, sources_table(dataset, links(dataset))

    @app.callback(Output(ids.HEATMAP, "figure"), Input(ids.MATCH_COUNT, "children"),
                  State(ids.FILTERS_STORE, "data"), prevent_initial_call=True)
    def show_overview(_count: str, filters: dict[str, Any]) -> dict[str, Any]:
        """The heatmap is its own request, not part of the timeline's, and is asked for
        once the timeline's answer is in (the match count comes with it), as are the card,
        then vs. now and the embed snippet: the timeline's request has both workers to
        itself, and the browser no longer handles four other answers and draws a heatmap
        before it draws the timeline (10,000 claims: the timeline's answer in 1.11 s
        instead of 1.48 s, drawn in 2.66 s instead of 3.10 s; medians of 5 alternated
        runs)."""
        dataset = live.current()
        view = view_of(filters, None, dataset)
        return answers.get((dataset.digest, "overview", view),
                           lambda: view_overview(dataset, view))

    app.clientside_callback(  # only date moves reach the server (see dashboard.js)
        ClientsideFunction(namespace="timeline", function_name="passZoom"),
        Output(ids.ZOOM_STORE, "data"), Input(ids.TIMELINE, "relayoutData"),
        prevent_initial_call=True)

    @app.callback(Output(ids.TIMELINE, "figure", allow_duplicate=True),
                  Input(ids.ZOOM_STORE, "data"), State(ids.FILTERS_STORE, "data"),
                  State(ids.SELECTION_STORE, "data"), State(ids.URL, "pathname"),
                  prevent_initial_call=True)
    def zoom_detail(relayout: dict[str, Any] | None, filters: dict[str, Any] | None,
                    selection: dict[str, Any] | None, pathname: str | None) -> Any:
        """Zoomed or panned, a chart that aggregates some lane is drawn again for the dates
        in view, where those lanes may have few enough claims to show each; reset, whole."""
        window = zoom_window(relayout)
        dataset = live.current()
        view = view_of(filters, selection, dataset)
        if window is False or not aggregates(chart_of(dataset, view)[0]):
            return no_update
        chart = chart_of(dataset, view, window)[0]
        return fit_to_frame(chart) if page_of(pathname) == "page-embed" else chart

    @app.callback(Output(ids.TIMELINE_TOOLTIP, "show"), Output(ids.TIMELINE_TOOLTIP, "bbox"),
                  Output(ids.TIMELINE_TOOLTIP, "children"), Input(ids.TIMELINE, "hoverData"),
                  State(ids.SELECTION_STORE, "data"), prevent_initial_call=True)
    def preview_claim(hover: dict[str, Any] | None, selection: dict[str, Any] | None
                      ) -> tuple[Any, ...]:
        """The hovered claim's preview, fetched for that one claim: the chart carries no
        hover text (at 10,000 claims it was 90% of the chart's bytes)."""
        dataset, claim = live.current(), pointed_claim(hover)
        bbox = first_point(hover).get("bbox")
        if claim not in dataset.claim or bbox is None:
            return False, no_update, no_update
        lang = view_of(None, selection, dataset).lang
        return True, bbox, claim_preview(dataset, claim, lang)

    @app.callback(Output(ids.TIMELINE, "figure", allow_duplicate=True),
                  Input(ids.RING_STORE, "data"), State(ids.FILTERS_STORE, "data"),
                  prevent_initial_call=True)
    def ring_claim(selection: dict[str, Any], filters: dict[str, Any]) -> Patch:
        """Move the ring to the opened claim without redrawing the chart."""
        dataset = live.current()
        view = view_of(filters, selection, dataset)
        frame = view.claim_filter().apply(dataset.frame())
        chart = Patch()
        chart["layout"]["shapes"] = selection_shapes(frame, view.lanes(frame, dataset), view)
        return chart

    @app.callback(Output(ids.FRAME_STORE, "data"), Output(ids.EMBED_HEAD, "children"),
                  Output(ids.EMBED_FOOT, "children"), Output(ids.CHART_WORDS, "children"),
                  Output(ids.EMBED_SNIPPET, "value"), Output(ids.READING_POLES, "children"),
                  Input(ids.MATCH_COUNT, "children"),
                  State(ids.FILTERS_STORE, "data"), State(ids.URL, "href"),
                  prevent_initial_call=True)
    def show_publication(_count: str, filters: dict[str, Any], page_url: str | None
                         ) -> tuple[Any, ...]:
        """What the view carries when it leaves the page (see dashboard.publish), and the
        poles of its lanes for the "how to read" panel."""
        dataset = live.current()
        view = view_of(filters, None, dataset)
        return answers.get((dataset.digest, "publication", view, page_url),
                           lambda: publication_of(dataset, view, page_url or ""))

    def publication_of(dataset: Dataset, view: ViewState, page_url: str) -> tuple[Any, ...]:
        frame = frame_in(dataset, view)
        lines = view_frame(dataset, view, frame, page_url, root)
        chart = chart_of(dataset, view)[0]
        overview = answers.get((dataset.digest, "overview", view),
                               lambda: view_overview(dataset, view))
        lanes = sum(key.startswith("yaxis") for key in chart["layout"])
        return (downloads(dataset, view, frame, lines,
                          {ids.TIMELINE: chart, ids.HEATMAP: overview}),
                embed_head(lines), embed_foot(lines),
                chart_words(dataset, view, frame, moves_in(dataset, view)),
                embed_snippet(page_url, root, view, dataset,
                              chart["layout"].get("height", 450), max(lanes, 1)),
                view_poles(dataset, view, frame))

    @app.callback(Output(ids.CARD, "children"), Output(ids.THEN_NOW, "children"),
                  Input(ids.MATCH_COUNT, "children"), Input(ids.RING_STORE, "data"),
                  State(ids.SELECTION_STORE, "data"), State(ids.FILTERS_STORE, "data"),
                  prevent_initial_call=True)
    def show_claim_and_summary(_count: str, _ring: Any, selection: dict[str, Any],
                               filters: dict[str, Any]) -> tuple[Any, Any]:
        """After the chart (new filters) or with its ring (a new claim or language alone)."""
        dataset = live.current()
        view = view_of(filters, selection, dataset)
        card = answers.get((dataset.digest, "card", view),
                           lambda: claim_card(dataset, view, dataset.frame(), links(dataset)))
        unopened = dataclasses.replace(view, claim="")  # then vs. now: the same for any claim
        return card, answers.get((dataset.digest, "then-now", unopened),
                                 lambda: then_vs_now_of(dataset, unopened))

    def then_vs_now_of(dataset: Dataset, view: ViewState) -> Any:
        return then_vs_now(frame_in(dataset, view), dataset, view, links(dataset),
                           moves_in(dataset, view))

    def frame_in(dataset: Dataset, view: ViewState) -> pd.DataFrame:
        """The view's claims, filtered once for its publication, moves and then vs. now."""
        return answers.get((dataset.digest, "frame", filters_key(view)),
                           lambda: view.claim_filter().apply(dataset.frame()))

    def moves_in(dataset: Dataset, view: ViewState) -> Moves:
        """The view's moves, made once for its chart's words and its then vs. now."""
        return answers.get((dataset.digest, "moves", filters_key(view)),
                           lambda: view_moves(frame_in(dataset, view), dataset, view))

    @app.callback(Output(ids.DOWNLOAD, "data"), Input(ids.DOWNLOAD_BUTTON, "n_clicks"),
                  State(ids.FILTERS_STORE, "data"), prevent_initial_call=True)
    def download_csv(_clicks: int, filters: dict[str, Any]) -> dict[str, Any]:
        dataset = live.current()
        frame = view_of(filters, None, dataset).claim_filter().apply(dataset.frame())
        return dcc.send_string(claims_csv(frame), "claims.csv", type="text/csv")

    @app.callback(Output(ids.GRID_HOLDER, "children"), Output(ids.GRID_HOLDER, "className"),
                  Input(ids.MATCH_COUNT, "children"), State(ids.GRID_HOLDER, "className"),
                  State(ids.URL, "pathname"), prevent_initial_call=True)
    def mount_table(_count: str, mounted: str | None, pathname: str | None
                    ) -> tuple[Any, Any]:
        """The claims table, once the chart's first answer is in (see `claims_grid`),
        but never in an embed, which shows the chart alone. The
        class says it is in, so later answers send no more than that, not the grid's rows."""
        if mounted or page_of(pathname) == "page-embed":
            return no_update, no_update
        return claims_grid(live.current()), GRID_MOUNTED

    app.clientside_callback(  # sync_view reads clicks from a store the page always has
        ClientsideFunction(namespace="timeline", function_name="passOn"),
        Output(ids.CLICKED_CELL, "data"), Input(ids.GRID, "cellClicked"),
        prevent_initial_call=True)

    @app.callback(Output(ids.GRID, "getRowsResponse"), Input(ids.GRID, "getRowsRequest"),
                  State(ids.FILTERS_STORE, "data"), State(ids.GRID_SEARCH, "value"),
                  State(ids.URL, "search"), prevent_initial_call=True)
    def table_block(request: dict[str, Any] | None, filters: dict[str, Any] | None,
                    text: str | None, query: str | None) -> dict[str, Any]:
        """The block of table rows the grid asks for, under the filters as they are now.

        Every request is answered, never skipped: the grid loads one block at a
        time and would wait forever. Before the filters store is first filled
        (the grid asks as soon as it mounts) the link's view stands in.
        """
        dataset = live.current()
        view = view_of(filters, None, dataset) if filters is not None else read_query(
            query or "", dataset)[0]
        asked = json.dumps(request, sort_keys=True)
        return answers.get((dataset.digest, "rows", view, asked, text or ""),
                           lambda: rows_of(dataset, view, request, text or ""))

    def rows_of(dataset: Dataset, view: ViewState, request: dict[str, Any] | None, text: str
                ) -> dict[str, Any]:
        frame = view.claim_filter().apply(dataset.frame())
        rows, count = table_rows(frame, request, text)
        return {"rowData": with_marks(rows, view.search, text), "rowCount": count}

    app.clientside_callback(  # new filters or search: the grid's cached blocks are stale
        ClientsideFunction(namespace="timeline", function_name="reloadTable"),
        Input(ids.FILTERS_STORE, "data"), Input(ids.GRID_SEARCH, "value"),
        State(ids.GRID_HOLDER, "id"), prevent_initial_call=True)

    app.clientside_callback(
        ClientsideFunction(namespace="timeline", function_name="saveImage"),
        Output(ids.IMAGE_STATUS, "children"),
        Input({"type": ids.IMAGE_BUTTON, "graph": ALL, "format": ALL}, "n_clicks"),
        State(ids.FRAME_STORE, "data"), prevent_initial_call=True)
    register_page_helpers(app)


def register_page_helpers(app: Dash) -> None:
    """Browser-only behaviour of a narrow screen and the keyboard, and the page's language
    (see dashboard.js)."""
    app.clientside_callback(
        ClientsideFunction(namespace="timeline", function_name="declareLanguage"),
        Output(ids.PAGE_LANGUAGE, "data"), Input(ids.ROOT, "lang"))
    app.clientside_callback(
        ClientsideFunction(namespace="timeline", function_name="toggleFilters"),
        Output(ids.FILTERS_PANEL, "className"), Output(ids.FILTERS_TOGGLE, "aria-expanded"),
        Input(ids.FILTERS_TOGGLE, "n_clicks"), State(ids.FILTERS_PANEL, "className"),
        prevent_initial_call=True)
    app.clientside_callback(
        ClientsideFunction(namespace="timeline", function_name="fitChart"),
        Output(ids.CHART_FIT, "data"), Input(ids.TIMELINE, "figure"), State(ids.TIMELINE, "id"))
    for control in ids.PICK_MANY:
        app.clientside_callback(
            ClientsideFunction(namespace="timeline", function_name="countChosen"),
            Output(ids.chosen(control), "children"), Input(control, "value"),
            State(control, "options"))
    app.clientside_callback(
        ClientsideFunction(namespace="timeline", function_name="showCard"),
        Output(ids.CARD_SHOWN, "data"), Input(ids.CARD, "children"), State(ids.CARD, "id"),
        prevent_initial_call=True)


def filters_key(view: ViewState) -> str:
    """What decides a view's claims and their moves, as a key for kept answers."""
    return json.dumps(view.filters(), sort_keys=True)


def changed(new: str, current: str | None) -> Any:
    """Only a different query string is pushed, so history holds no duplicate entries."""
    return new if new != (current or "") else no_update
