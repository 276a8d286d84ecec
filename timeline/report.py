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
from timeline.chart_text import stance_code
from timeline.chart_words import chart_in_words
from timeline.dataset import LIST_SEPARATOR, Dataset
from timeline.export import events_for
from timeline.figures import stance_timeline_figure
from timeline.filters import ClaimFilter
from timeline.fonts import FONT_STACK, font_face_css
from timeline.images import PLOTLY_CONFIG
from timeline.languages import language_name, translation_note
from timeline.publication import filter_line
from timeline.scale import STANCE_LEVELS
from timeline.schema import Claim
from timeline.shift_rule import CHANGES, ShiftRule, dataset_shift_rule, rule_text

STYLE = f"""
body{{font:15px/1.5 {FONT_STACK};max-width:1100px;margin:2rem auto;padding:0 1rem;color:#222}}
""" + """
h1{margin-bottom:.2rem} h2{border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin-top:2.5rem}
.meta{color:#555} .pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.cover{min-height:60vh} .cover h1{font-size:2rem} .cover dl{display:grid;
grid-template-columns:9rem 1fr;gap:.3rem 1rem} .cover dt{font-weight:bold;color:#555}
.cover dd{margin:0}
.end{border:1px solid #ddd;border-radius:6px;padding:.6rem .9rem}
.evidence{display:grid;grid-template-columns:1fr 1fr;gap:.2rem 1rem;margin:.4rem 0}
blockquote{margin:0;font-size:1.05rem} .original{color:#444}
.kind-reversal{color:#B54200;font-weight:bold} .kind-shift{color:#005A8C;font-weight:bold}
.words{color:#333;font-size:14px}
.table-wrap{overflow-x:auto} table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border:1px solid #ddd;padding:4px;vertical-align:top;text-align:left} th{background:#f4f4f4}
.chart{break-inside:avoid}
@media (max-width:700px){body{margin:1rem auto;font-size:15px} .pair,.evidence{display:block}
.cover h1{font-size:1.5rem} .cover dl{grid-template-columns:1fr} .end{margin-bottom:.6rem}}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0;max-width:none} .cover{break-after:page;min-height:0}
h2{break-after:avoid} a{color:inherit} .chart,.end,li,tr{break-inside:avoid}}
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def link(url: str | None, text: str) -> str:
    """An anchor for http(s) URLs only; anything else is shown as plain text."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'
    return esc(text)


def report_topics(dataset: Dataset, claim_filter: ClaimFilter) -> list[str]:
    """The filter's topics, else every topic, the featured ones first."""
    if claim_filter.topics:
        return list(claim_filter.topics)
    featured = dataset.featured_topics
    return [*featured, *(t.id for t in dataset.topics if t.id not in featured)]


def report_html(dataset: Dataset, frame: pd.DataFrame, topics: Sequence[str],
                today: dt.date | None = None, claim_filter: ClaimFilter | None = None,
                rule: ShiftRule | None = None) -> str:
    """The whole report for the claims in `frame` (already filtered by `claim_filter`) on
    `topics`; shifts by `rule` (default: `dataset_shift_rule(dataset)`)."""
    rule = rule or dataset_shift_rule(dataset)
    summary = topic_summary(frame, rule=rule).set_index("topic") if len(frame) else None
    shifts = detect_shifts(frame, rule=rule)
    sections = [_topic_section(dataset, frame, topic, summary, shifts, rule)
                for topic in topics]
    body = "\n".join([
        cover(dataset, frame, claim_filter or ClaimFilter(), topics, today or dt.date.today()),
        *sections,
        "<h2>All claims</h2>", _claims_table(dataset, frame),
        "<h2>Sources</h2>", _sources_list(dataset, frame),
        *(["<h2>Events the sources name</h2>", _events_list(dataset, topics)]
          if events_for(dataset, set(topics)) else []),
        "<h2>How stances are coded</h2>", _coding_rules(dataset, topics, rule),
    ])
    return "\n".join([
        "<!doctype html>", f'<html lang="{esc(dataset.language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(dataset.title)}</title>",
        f"<style>{font_face_css(body)}{STYLE}</style>",
        f"<script>{get_plotlyjs()}</script></head><body><main>", body, "</main></body></html>",
    ])


def cover(dataset: Dataset, frame: pd.DataFrame, claim_filter: ClaimFilter,
          topics: Sequence[str], today: dt.date) -> str:
    """The first page: what the report is, of which data, when, and under which filters.
    The data is named by its header (title, credit, licence, address), never by a path."""
    header = dataset.header
    scope = (f"{len(frame)} claims on {frame['topic'].nunique()} of {len(topics)} topics by "
             f"{frame['speaker'].nunique()} speakers, from {frame['source'].nunique()} sources"
             if len(frame) else "no claims match")
    facts = [("Scope", scope), ("Filters", filter_line(dataset, frame, claim_filter)),
             ("Dataset", " · ".join(part for part in (
                 dataset.title, header.credit if header else None,
                 f"Licence: {header.license}" if header and header.license else None) if part)),
             ("Generated", today.isoformat())]
    rows = "".join(f"<dt>{esc(term)}</dt><dd>{esc(value)}</dd>" for term, value in facts)
    if header and header.url:
        rows += f"<dt>Online</dt><dd>{link(str(header.url), str(header.url))}</dd>"
    about = f"<p>{esc(header.description)}</p>" if header and header.description else ""
    return (f'<section class="cover"><h1>{esc(dataset.title)}</h1>{about}<dl>{rows}</dl>'
            "<p>Each topic shows where its stance started and where it stands now, with "
            "the claims that carry both, a chart of every claim, and the evidence of each "
            "detected shift: in the reader's language, with the original beside it.</p>"
            "</section>")


def _topic_section(dataset: Dataset, frame: pd.DataFrame, topic: str,
                   summary: pd.DataFrame | None, shifts: pd.DataFrame, rule: ShiftRule) -> str:
    record = dataset.topic[topic]
    lane = frame[frame["topic"] == topic]
    label, *translated = dataset.topic_labels(topic)
    parts = [f"<h2>{esc(label)} {''.join(f'<small>{esc(t)}</small>' for t in translated)}</h2>",
             f"<p>{esc(record.description)}</p>", _agreement_line(dataset, topic)]
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
    fig = stance_timeline_figure(lane, dataset, topics=[topic], rule=rule)
    parts.append('<div class="chart">' + fig.to_html(full_html=False, include_plotlyjs=False,
                                                      config=PLOTLY_CONFIG) + "</div>")
    words = chart_in_words(lane, dataset, [topic], rule=rule)[0]
    parts.append(f'<p class="words">In words: {esc(words)}</p>')
    parts.append(_shift_list(dataset, shifts[shifts["topic"] == topic]))
    return "\n".join(parts)


def _agreement_line(dataset: Dataset, topic: str) -> str:
    """How far independent coders agree on this topic's stances, before the reader
    weighs its shifts."""
    agreement = dataset.agreement.get(topic)
    if agreement is None:
        return "<p class='agreement'>Stances coded once: no second coding to measure.</p>"
    return (f"<p class='agreement'>Coder agreement: Krippendorff's {esc(agreement)}, over "
            f"{agreement.claims} claims coded twice independently (ordinal; 1 is perfect "
            "agreement).</p>")


def _end(title: str, dataset: Dataset, ids: str) -> str:
    claims = [dataset.claim[ident] for ident in ids.split(LIST_SEPARATOR)]
    quotes = "".join(
        f"<blockquote>{quote_html(dataset, c)}"
        f"<small>{esc(dataset.speaker[c.speaker].name)}, {esc(c.date)}, stance {c.stance:+d} · "
        f"{link(dataset.source[c.source].url, dataset.source[c.source].title)} · "
        f"{esc(c.location or '')}</small></blockquote>" for c in claims)
    return f'<div class="end"><b>{esc(title)}</b>{quotes}</div>'


def quote_html(dataset: Dataset, claim: Claim) -> str:
    """The quote as a reader of the report's language reads it: the translation, when it
    has one, with the original beside it (each marked with its language)."""
    said_in = dataset.claim_language(claim)
    original = f'<blockquote lang="{esc(said_in)}">“{esc(claim.quote)}”</blockquote>'
    if not claim.translation:
        return f'<div class="evidence">{original}</div>'
    note = translation_note(dataset.source[claim.source].translated_from, said_in,
                            dataset.language)
    return (f'<div class="evidence"><blockquote lang="{esc(dataset.language)}">'
            f"“{esc(claim.translation)}”"
            f"{f' <small>({esc(note)})</small>' if note else ''}</blockquote>"
            f'<div class="original"><small>Original ({esc(language_name(said_in))}):</small>'
            f"{original}</div></div>")


def _shift_list(dataset: Dataset, shifts: pd.DataFrame) -> str:
    changes = shifts[shifts["kind"].isin(CHANGES)]
    if changes.empty:
        return "<p>No shifts detected: the stance held, or moved less than the rule asks.</p>"
    items = []
    for row in changes.itertuples():
        first, *more = row.to_id.split(LIST_SEPARATOR)
        evidence = quote_html(dataset, dataset.claim[first]) + (
            f"<small>and {len(more)} more claim{'s' * (len(more) != 1)} of that date: "
            f"{esc(', '.join(more))} (All claims)</small>" if more else "")
        items.append(f'<li><span class="kind-{esc(row.kind)}">{esc(row.kind)}</span> '
                     f"{esc(row.from_date)} → {esc(row.to_date)}: {row.from_stance:+.1f} → "
                     f"{row.to_stance:+.1f} ({row.delta:+.1f}). Evidence: {evidence}</li>")
    return "<h3>Detected shifts</h3><ul>" + "".join(items) + "</ul>"


def _claims_table(dataset: Dataset, frame: pd.DataFrame) -> str:
    header = ("<tr><th>date</th><th>speaker</th><th>topic</th><th>stance</th><th>quote</th>"
              "<th>source</th><th>id</th></tr>")
    rows = "".join(
        f"<tr><td>{esc(r.date)}</td><td>{esc(r.speaker_name)}</td><td>{esc(r.topic_label)}</td>"
        f"<td>{r.stance:+d}</td><td>"
        + (f'<span lang="{esc(dataset.language)}">{esc(r.translation)}</span><br>'
           if r.translation else "")
        + f'<span lang="{esc(r.language)}">{esc(r.quote)}</span></td>'
        f"<td>{link(r.source_url, r.source_title)}<br>{esc(r.location)}</td>"
        f"<td>{esc(r.id)}</td></tr>" for r in frame.itertuples())
    return f'<div class="table-wrap"><table>{header}{rows}</table></div>'


def _events_list(dataset: Dataset, topics: Sequence[str]) -> str:
    """Each event on the report's topics: when, what, the lanes it concerns, and the
    source's own words naming it (as the charts draw them)."""
    items = "".join(
        f"<li><b>{esc(event.date)}</b> {esc(event.label)}"
        f" <small>({esc(', '.join(event.topics) or 'all topics')})</small>: "
        f'<span lang="{esc(dataset.source_language[event.source])}">“{esc(event.quote)}”</span>'
        f"{f' <i>{esc(event.translation)}</i>' if event.translation else ''} — "
        f"{link(dataset.source[event.source].url, dataset.source[event.source].title)}</li>"
        for event in sorted(events_for(dataset, set(topics)), key=lambda e: e.date.start))
    return f"<ul class=\"events\">{items}</ul>"


def _sources_list(dataset: Dataset, frame: pd.DataFrame) -> str:
    counts = frame["source"].value_counts()
    items = "".join(
        f"<li>{link(s.url, s.title)} — {esc(s.outlet)}, {esc(s.kind)}"
        f"{f', published {esc(s.published)}' if s.published else ''}"
        f"{f', held {esc(s.held)}' if s.held else ''}: "
        f"{int(counts.get(s.id, 0))} claims</li>" for s in dataset.sources)
    return f"<ul>{items}</ul>"


def _coding_rules(dataset: Dataset, topics: Sequence[str], rule: ShiftRule) -> str:
    levels = "".join(f"<tr><td>{stance_code(level)}</td><td>{esc(text)}</td></tr>"
                     for level, text in STANCE_LEVELS)
    poles = "".join(f"<tr><td>{esc(dataset.topic[t].label)}</td>"
                    f"<td>{esc(dataset.topic[t].negative)}</td>"
                    f"<td>{esc(dataset.topic[t].positive)}</td></tr>" for t in topics)
    return (f"<table><tr><th>stance</th><th>meaning on every topic</th></tr>{levels}</table>"
            "<p>Several claims by one group on one topic at one moment form one point (their "
            f"mean). {esc(rule_text(rule)).capitalize()}.</p>"
            f"<table><tr><th>topic</th><th>−2 means</th><th>+2 means</th></tr>{poles}</table>")
