"""A standalone, offline HTML report: for handing to someone who will never install anything.

One file: plotly.js inlined once, every chart a div that uses it, the glyphs of
the shipped CJK font that its text needs embedded (`timeline.fonts`), every text
from the data HTML-escaped (quotes come from the open web), links only when
they are http(s). It prints to PDF cleanly (Chromium `--print-to-pdf`).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from urllib.parse import urlsplit

import pandas as pd
from plotly.offline import get_plotlyjs

from timeline.analysis import detect_shifts, topic_summary
from timeline.dataset import LIST_SEPARATOR, Dataset
from timeline.figures import stance_timeline_figure
from timeline.fonts import FONT_STACK, font_face_css
from timeline.images import PLOTLY_CONFIG
from timeline.languages import translation_note
from timeline.schema import Claim

SCALE_MEANING = (
    (-2, "explicitly and unreservedly at the negative pole"),
    (-1, "leans negative: a limit, a cost, a deprioritisation"),
    (0, "balanced, both, undecided, or a caveat without a verdict"),
    (1, "leans positive, with hedges or conditions, or ranked below other goals"),
    (2, "explicitly and unreservedly at the positive pole"),
)
"""The stance levels, as DATA.md defines them for every topic."""

STYLE = f"""
body{{font:15px/1.5 {FONT_STACK};max-width:1100px;margin:2rem auto;padding:0 1rem;color:#222}}
""" + """
h1{margin-bottom:.2rem} h2{border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin-top:2.5rem}
.meta{color:#555} .pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.end{border:1px solid #ddd;border-radius:6px;padding:.6rem .9rem}
blockquote{margin:.4rem 0;font-size:1.05rem} .translation{color:#444;font-style:italic}
.kind-reversal{color:#D55E00;font-weight:bold} .kind-shift{color:#0072B2;font-weight:bold}
table{border-collapse:collapse;width:100%;font-size:13px} td,th{border:1px solid #ddd;padding:4px;
vertical-align:top;text-align:left} th{background:#f4f4f4} .chart{break-inside:avoid}
@media print{body{margin:0;max-width:none} h2{break-before:page} a{color:inherit}
.chart{page-break-inside:avoid}}
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def link(url: str | None, text: str) -> str:
    """An anchor for http(s) URLs only; anything else is shown as plain text."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'
    return esc(text)


def report_html(dataset: Dataset, frame: pd.DataFrame, topics: Sequence[str],
                today: dt.date | None = None) -> str:
    """The whole report for the claims in `frame` (already filtered) on `topics`."""
    span = (f"{frame['date'].iloc[0]} → {frame['date'].iloc[-1]}" if len(frame)
            else "no claims match")
    summary = topic_summary(frame).set_index("topic") if len(frame) else None
    shifts = detect_shifts(frame)
    sections = [_topic_section(dataset, frame, topic, summary, shifts) for topic in topics]
    body = "\n".join([
        f"<h1>{esc(dataset.title)}</h1>",
        f'<p class="meta">{len(frame)} claims · {esc(span)} · generated '
        f"{(today or dt.date.today()).isoformat()}</p>",
        *sections,
        "<h2>All claims</h2>", _claims_table(frame),
        "<h2>Sources</h2>", _sources_list(dataset, frame),
        "<h2>How stances are coded</h2>", _coding_rules(dataset, topics),
    ])
    return "\n".join([
        "<!doctype html>", f'<html lang="{esc(dataset.language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(dataset.title)}</title>",
        f"<style>{font_face_css(body)}{STYLE}</style>",
        f"<script>{get_plotlyjs()}</script></head><body>", body, "</body></html>",
    ])


def _topic_section(dataset: Dataset, frame: pd.DataFrame, topic: str,
                   summary: pd.DataFrame | None, shifts: pd.DataFrame) -> str:
    record = dataset.topic[topic]
    lane = frame[frame["topic"] == topic]
    label, *translated = dataset.topic_labels(topic)
    parts = [f"<h2>{esc(label)} {''.join(f'<small>{esc(t)}</small>' for t in translated)}</h2>",
             f"<p>{esc(record.description)}</p>"]
    if summary is None or topic not in summary.index:
        return "\n".join(parts + ["<p>No claims on this topic match.</p>"])
    row = summary.loc[topic]
    parts.append(
        f"<p>Then vs. now: <b>{row.first_stance:+.1f}</b> ({esc(row.first_date)}) → "
        f"<b>{row.latest_stance:+.1f}</b> ({esc(row.latest_date)}), net "
        f'{row.net_change:+.1f}, <span class="kind-{esc(row.kind)}">{esc(row.kind)}</span> — '
        f"{int(row.claims)} claims.</p>")
    parts.append('<div class="pair">' + _end("First", dataset, row.first_id)
                 + _end("Latest", dataset, row.latest_id) + "</div>")
    fig = stance_timeline_figure(lane, dataset, topics=[topic])
    parts.append('<div class="chart">' + fig.to_html(full_html=False, include_plotlyjs=False,
                                                      config=PLOTLY_CONFIG) + "</div>")
    parts.append(_shift_list(dataset, shifts[shifts["topic"] == topic]))
    return "\n".join(parts)


def _end(title: str, dataset: Dataset, ids: str) -> str:
    claims = [dataset.claim[ident] for ident in ids.split(LIST_SEPARATOR)]
    quotes = "".join(
        f"<blockquote>{quote_html(dataset, c)}"
        f"<small>{esc(dataset.speaker[c.speaker].name)}, {esc(c.date)}, stance {c.stance:+d} · "
        f"{link(dataset.source[c.source].url, dataset.source[c.source].title)} · "
        f"{esc(c.location or '')}</small></blockquote>" for c in claims)
    return f'<div class="end"><b>{esc(title)}</b>{quotes}</div>'


def quote_html(dataset: Dataset, claim: Claim) -> str:
    """The original quote marked with its language, and its translation when it has one."""
    original = (f'<span lang="{esc(dataset.claim_language(claim))}">“{esc(claim.quote)}”'
                "</span>")
    if not claim.translation:
        return original
    note = translation_note(dataset.source[claim.source].translated_from,
                            dataset.claim_language(claim), dataset.language)
    return (f"{original}<div class='translation'>{esc(claim.translation)}"
            f"{f' <small>({esc(note)})</small>' if note else ''}</div>")


def _shift_list(dataset: Dataset, shifts: pd.DataFrame) -> str:
    changes = shifts[shifts["kind"] != "steady"]
    if changes.empty:
        return "<p>No shifts detected: the stance held.</p>"
    items = []
    for row in changes.itertuples():
        evidence = "; ".join(quote_html(dataset, dataset.claim[i])
                             for i in row.to_id.split(LIST_SEPARATOR))
        items.append(f'<li><span class="kind-{esc(row.kind)}">{esc(row.kind)}</span> '
                     f"{esc(row.from_date)} → {esc(row.to_date)}: {row.from_stance:+.1f} → "
                     f"{row.to_stance:+.1f} ({row.delta:+.1f}). Evidence: {evidence}</li>")
    return "<h3>Detected shifts</h3><ul>" + "".join(items) + "</ul>"


def _claims_table(frame: pd.DataFrame) -> str:
    header = ("<tr><th>date</th><th>speaker</th><th>topic</th><th>stance</th><th>quote</th>"
              "<th>translation</th><th>source</th><th>id</th></tr>")
    rows = "".join(
        f"<tr><td>{esc(r.date)}</td><td>{esc(r.speaker_name)}</td><td>{esc(r.topic_label)}</td>"
        f'<td>{r.stance:+d}</td><td lang="{esc(r.language)}">{esc(r.quote)}</td>'
        f"<td>{esc(r.translation)}</td>"
        f"<td>{link(r.source_url, r.source_title)}<br>{esc(r.location)}</td>"
        f"<td>{esc(r.id)}</td></tr>" for r in frame.itertuples())
    return f"<table>{header}{rows}</table>"


def _sources_list(dataset: Dataset, frame: pd.DataFrame) -> str:
    counts = frame["source"].value_counts()
    items = "".join(
        f"<li>{link(s.url, s.title)} — {esc(s.outlet)}, {esc(s.kind)}"
        f"{f', published {esc(s.published)}' if s.published else ''}"
        f"{f', held {esc(s.held)}' if s.held else ''}: "
        f"{int(counts.get(s.id, 0))} claims</li>" for s in dataset.sources)
    return f"<ul>{items}</ul>"


def _coding_rules(dataset: Dataset, topics: Sequence[str]) -> str:
    levels = "".join(f"<tr><td>{level:+d}</td><td>{esc(text)}</td></tr>"
                     for level, text in SCALE_MEANING)
    poles = "".join(f"<tr><td>{esc(dataset.topic[t].label)}</td>"
                    f"<td>{esc(dataset.topic[t].negative)}</td>"
                    f"<td>{esc(dataset.topic[t].positive)}</td></tr>" for t in topics)
    return (f"<table><tr><th>stance</th><th>meaning on every topic</th></tr>{levels}</table>"
            "<p>Several claims by one group on one date form one point (their mean); a "
            "<b>reversal</b> crosses zero, a <b>shift</b> is any other change.</p>"
            f"<table><tr><th>topic</th><th>−2 means</th><th>+2 means</th></tr>{poles}</table>")
