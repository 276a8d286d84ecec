"""Panels rendered from data: the charts of a view, notices, then vs. now, the sources page.

Like the card, these hand data text to components as children (rendered as
text, never HTML) and link only to http(s) URLs.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.card import HrefFor, quotes, safe_link
from dashboard.state import ViewState, with_claim
from timeline import Dataset, Moves, dataset_shift_rule, moves_of
from timeline.dataset import LIST_SEPARATOR
from timeline.figures import selection_ring, stance_timeline_data
from timeline.heatmap import stance_heatmap_data

Window = tuple[str, str]
"""First and last day (ISO) of the dates a reader zoomed the timeline to."""


def notices_view(notices: list[str]) -> list[Component]:
    """What was ignored in the link or the filters, said plainly; nothing when all is well."""
    if not notices:
        return []
    return [html.P("Some settings were ignored:", className="notice-title"),
            html.Ul([html.Li(message) for message in notices])]


def match_text(shown: int, total: int) -> str:
    return f"{shown} of {total} claims match"


def search_scope(dataset: Dataset, view: ViewState) -> str:
    """What a search is limited to, said plainly when the view shows some topics only: the
    same search over all topics (what `timeline export --search` finds) may count more."""
    limited = view.claim_filter()
    if not limited.search.strip() or not limited.topics or set(limited.topics) >= set(
            dataset.topic):
        return ""
    everywhere = len(dataclasses.replace(limited, topics=()).apply(dataset.frame()))
    return (f" — the search looks in the {len(limited.topics)} topic"
            f"{'s' * (len(limited.topics) != 1)} shown; in all topics "
            f"{everywhere} claim{'s' * (everywhere != 1)} match it")


def view_timeline(dataset: Dataset, view: ViewState, window: Window | None = None
                  ) -> tuple[dict[str, Any], str]:
    """The timeline of a view (ringing its open claim) and its match count: what the main
    filter callback sends, built without Dash (benchmarks time it too). SVG markers only:
    the page's plotly.js has no WebGL (see dashboard.app). With a `window` (first and
    last day the reader zoomed to), the chart of the claims said in it, over those dates:
    lanes aggregated for the whole view may show their claims there (see timeline.lod)."""
    frame = view.claim_filter().apply(dataset.frame())
    lanes = view.lanes(frame, dataset)
    count = match_text(len(frame), len(dataset.claims)) + search_scope(dataset, view)
    if window is not None:
        start, end = pd.Timestamp(window[0]), pd.Timestamp(window[1])
        frame = frame[(frame["date_end"] >= start) & (frame["date_start"] <= end)]
    chart = stance_timeline_data(frame, dataset, lanes, view.by, hover=False, webgl=False,
                                 events=view.events)
    if window is not None and "xaxis" in chart["layout"]:
        for axis in (key for key in chart["layout"] if key.startswith("xaxis")):
            chart["layout"][axis]["range"] = list(window)
    chart["layout"]["shapes"] = selection_shapes(frame, lanes, view)
    return chart, count


def zoom_window(relayout: dict[str, Any] | None) -> Window | None | bool:
    """The dates the reader zoomed or panned the timeline to, from plotly's relayout event:
    a window, None once they reset the zoom, False for an event that moved no date axis."""
    for key, value in (relayout or {}).items():
        if re.fullmatch(r"xaxis\d*\.autorange", key) and value:
            return None
        if re.fullmatch(r"xaxis\d*\.range", key) and len(value) == 2:
            return str(value[0])[:10], str(value[1])[:10]
        if re.fullmatch(r"xaxis\d*\.range\[0\]", key):
            end = relayout.get(key.replace("[0]", "[1]"))
            return (str(value)[:10], str(end)[:10]) if end else False
    return False


def aggregates(chart: dict[str, Any]) -> bool:
    """Whether a timeline draws any lane aggregated."""
    return any(trace.get("meta", {}).get("role") == "aggregate" for trace in chart["data"])


def view_overview(dataset: Dataset, view: ViewState) -> dict[str, Any]:
    """The heatmap of a view."""
    return stance_heatmap_data(view.claim_filter().apply(dataset.frame()), dataset)


def selection_shapes(frame: pd.DataFrame, lanes: list[str], view: ViewState
                     ) -> list[dict[str, Any]]:
    """The timeline's layout shapes in a view: a ring around its open claim, when shown."""
    ring = selection_ring(frame, lanes, view.claim)
    return [ring] if ring else []


def first_claim(ids: str) -> str:
    """The first of a point's `;`-joined claim ids (one point can hold several claims)."""
    return ids.split(LIST_SEPARATOR)[0]


def stance_text(value: float) -> str:
    return f"{value:+.2g}" if value else "0"


def end_view(dataset: Dataset, label: str, date: str, stance: float, ids: str,
             state: ViewState, href_for: HrefFor) -> Component:
    """One side of then-vs-now: date, stance and the quote that carries it."""
    claim = dataset.claim[first_claim(ids)]
    more = len(ids.split(LIST_SEPARATOR)) - 1
    return html.Div([
        html.P([html.Strong(label), f" {date} · stance {stance_text(stance)}",
                f" (mean of {more + 1} claims)" if more else ""], className="end-head"),
        *quotes(dataset, claim, state.lang),
        dcc.Link("read the claim", href=href_for(with_claim(state, claim.id)),
                 className="end-link"),
    ], className=f"end end-{label.lower()}")


THEN_NOW_LIMIT = 24
"""Most topic–group pairs then-vs-now shows. Each is a dozen components, and a
page with thousands of them kept the browser busy for seconds at 10,000 claims;
a wall of 120 pairs is no summary anyway."""


def then_vs_now(frame: pd.DataFrame, dataset: Dataset, state: ViewState,
                href_for: HrefFor, moves: Moves | None = None) -> list[Component]:
    """Per topic (and group) the first and latest stance side by side, with the net change
    (from `moves` of `frame`, when already made: `view_moves`).

    Past THEN_NOW_LIMIT pairs, the biggest net changes are shown (then the
    best-evidenced), still in lane order, and a note says how many are left out.
    """
    if frame.empty:
        return [html.P("No claims match these filters.")]
    order = {topic: i for i, topic in enumerate(state.lanes(frame, dataset))}
    summary = (moves or view_moves(frame, dataset, state)).summary
    summary = summary[summary["topic"].isin(order)]
    shown = summary.assign(change=summary["net_change"].abs()).sort_values(
        ["change", "claims"], ascending=False, kind="stable").head(THEN_NOW_LIMIT)
    shown = shown.sort_index().sort_values("topic", key=lambda s: s.map(order).astype(int),
                                           kind="stable")
    rows = [then_now_row(row, dataset, state, href_for) for row in shown.to_dict("records")]
    if len(summary) > len(shown):
        rows.append(html.P(f"Showing the {len(shown)} biggest changes of {len(summary)} "
                           "topic–group pairs; narrow the topics or speakers to see the others.",
                           className="hint then-now-more"))
    return rows


def view_moves(frame: pd.DataFrame, dataset: Dataset, state: ViewState) -> Moves:
    """The moves of a view's claims (`frame`), by the dataset's shift rule."""
    return moves_of(frame, state.by, dataset_shift_rule(dataset))  # type: ignore[arg-type]


def then_now_row(row: dict[str, Any], dataset: Dataset, state: ViewState,
                 href_for: HrefFor) -> Component:
    title = f"{dataset.topic[row['topic']].label} — {row['group']}"
    if row["points"] == 1:
        change = html.P(f"one dated point only ({row['claims']} claim"
                        f"{'s' * (row['claims'] != 1)}) — no change to show",
                        className="change change-none")
        return html.Section([html.H3(title), change,
                             end_view(dataset, "Only", row["first_date"], row["first_stance"],
                                      row["first_id"], state, href_for)],
                            className="then-now-row")
    change = html.P([html.Span(stance_text(row["net_change"]), className="net"),
                     html.Span(row["kind"], className=f"kind kind-{row['kind']}"),
                     f" over {row['points']} dated points, {row['claims']} claims"],
                    className="change")
    return html.Section([
        html.H3(title),
        html.Div([end_view(dataset, "Then", row["first_date"], row["first_stance"],
                           row["first_id"], state, href_for),
                  change,
                  end_view(dataset, "Now", row["latest_date"], row["latest_stance"],
                           row["latest_id"], state, href_for)], className="then-now-pair"),
    ], className="then-now-row")


def source_counts(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Claims citing each source, and claims listing it under `also_in`."""
    cited = frame.groupby("source").size()
    also = frame["also_in"].str.split(LIST_SEPARATOR).explode()
    return cited, also[also != ""].value_counts()


def sources_table(dataset: Dataset, href_for: HrefFor) -> Component:
    """Every source with its claim count and a link to those claims."""
    cited, also = source_counts(dataset.frame())
    head = html.Thead(html.Tr([html.Th(h) for h in (
        "Source", "Outlet", "Kind", "Published", "Held", "Language", "Claims", "Also in",
        "")]))
    rows = [html.Tr([
        html.Td(safe_link(s.url, s.title)), html.Td(s.outlet), html.Td(s.kind),
        html.Td(str(s.published or "—")), html.Td(str(s.held) if s.held else "—"),
        html.Td(s.language), html.Td(int(cited.get(s.id, 0)), className="count"),
        html.Td(int(also.get(s.id, 0)), className="count"),
        html.Td(dcc.Link("show its claims", href=href_for(ViewState(sources=(s.id,))))),
    ], **{"data-source-id": s.id}) for s in dataset.sources]
    return html.Div(html.Table([head, html.Tbody(rows)], className="sources-table"),
                    className="sources-table-wrap")  # scrolls by itself on a phone
