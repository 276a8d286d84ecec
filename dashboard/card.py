"""The claim detail card: everything a reader needs to check one claim.

All data text goes in as component children, which React renders as text;
links are made only for http(s) URLs and open with rel="noopener noreferrer".
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.state import ViewState, with_claim
from timeline import Dataset
from timeline.filters import search_spans
from timeline.languages import translation_note
from timeline.schema import Claim

HrefFor = Callable[[ViewState], str]
"""Turns a view into the link that opens it (callbacks know the app's root path)."""
PLACEHOLDER = "Click a point on the chart or a row in the table to read the claim here."
PRECISION_WORDS = {"day": "exact day", "month": "month only", "year": "year only"}


def safe_link(url: str | None, text: str, class_name: str = "") -> Component:
    """A new-tab link for http(s) URLs; anything else shows as plain text."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return html.A(text, href=url, target="_blank", rel="noopener noreferrer",
                      className=class_name)
    return html.Span(text, className=class_name)


def neighbours(frame: pd.DataFrame, claim: Claim) -> tuple[str | None, str | None]:
    """Ids of the claims just before and after this one on its topic, in date order."""
    ids = frame.loc[frame["topic"] == claim.topic, "id"].tolist()
    position = ids.index(claim.id)
    before = ids[position - 1] if position > 0 else None
    after = ids[position + 1] if position + 1 < len(ids) else None
    return before, after


def marked(text: str, search: str) -> list[Component | str]:
    """`text` with what `search` finds in it (by the filters' own rule) as `<mark>`."""
    parts: list[Component | str] = []
    at = 0
    for start, end in search_spans(text, search):
        parts += [text[at:start], html.Mark(text[start:end])]
        at = end
    return [*parts, text[at:]] if parts else [text]


def quotes(dataset: Dataset, claim: Claim, lang: str, search: str = "") -> list[Component]:
    """The original quote, its translation, or both, as the toggle says; the original
    alone when there is no translation. Each marked with its language, and what `search`
    finds in it highlighted."""
    original = html.Blockquote(marked(claim.quote, search), lang=dataset.claim_language(claim),
                               className="quote quote-original")
    if not claim.translation:
        return [original]
    translated = [html.Blockquote(marked(claim.translation, search), lang=dataset.language,
                                  className="quote quote-translation")]
    note = translation_note(dataset.source[claim.source].translated_from,
                            dataset.claim_language(claim), dataset.language)
    if note:
        translated.append(html.P(note, className="translation-note"))
    return {"original": [original], "translation": translated}.get(lang,
                                                                   [original, *translated])


def stance_words(dataset: Dataset, claim: Claim) -> str:
    """`+1 on −2…+2, toward: <the positive pole>` so a number is never read without its scale."""
    topic = dataset.topic[claim.topic]
    if claim.stance == 0:
        return "0 on −2…+2: neither pole"
    pole = topic.positive if claim.stance > 0 else topic.negative
    return f"{claim.stance:+d} on −2…+2, toward: {pole}"


def field(term: str, *value: Component | str) -> list[Component]:
    return [html.Dt(term), html.Dd(list(value))]


def coding_fields(dataset: Dataset, claim: Claim) -> list[Component]:
    """Every independent coding with its note, and why the stance is what it is where
    they disagree: the reader sees the judgement, not only its result."""
    codings = dataset.codings_of.get(claim.id, [])
    if not codings:
        return []
    rounds = len({c.round for c in codings}) > 1
    items = [html.Li([html.Strong(f"{c.stance:+d}"), f" by {c.coder}",
                      f" (round {c.round})" if rounds else "", f": {c.note}" if c.note else ""],
                     className="coding") for c in codings]
    latest = max(c.round for c in codings)
    agreed = len({c.stance for c in codings if c.round == latest}) == 1
    verdict = ("Coders agree." if agreed else
               f"Coders disagree; the stance shown is adjudicated: {claim.adjudication}"
               if claim.adjudication else "Coders disagree.")
    close = " A close call." if claim.close_call else ""
    return field("Codings", html.Ul(items, className="codings"),
                 html.P(verdict + close, className="coding-verdict"))


def source_fields(dataset: Dataset, claim: Claim) -> list[Component]:
    source = dataset.source[claim.source]
    others = [safe_link(dataset.source[s].url, dataset.source[s].title) for s in claim.also_in]
    also = [html.Ul([html.Li(link) for link in others])] if others else ["—"]
    return (field("Source", safe_link(source.url, source.title, "source-link"),
                  f" — {source.outlet}, {source.kind}"
                  f"{f', published {source.published}' if source.published else ''}")
            + field("Location", claim.location) + field("Also in", *also))


def navigation(dataset: Dataset, claim: Claim, state: ViewState, frame: pd.DataFrame,
               href_for: HrefFor) -> Component:
    before, after = neighbours(frame, claim)
    links = []
    for label, ident, rel in (("← previous", before, "prev"), ("next →", after, "next")):
        if ident is None:
            links.append(html.Span(f"{label} (none on this topic)", className="nav-none"))
        else:
            text = f"{label}: {dataset.claim[ident].date}"
            links.append(dcc.Link(text, href=href_for(with_claim(state, ident)),
                                  className=f"nav-{rel}"))
    links.append(dcc.Link("close", href=href_for(with_claim(state, "")), className="nav-close"))
    return html.Nav(links, className="card-nav", **{"aria-label": "claims on this topic"})


def claim_preview(dataset: Dataset, ident: str, lang: str) -> list[Component]:
    """What hovering a claim's marker shows: when, who, the stance and the quote's start
    (the stylesheet clamps it); a click opens the whole card."""
    claim = dataset.claim[ident]
    return [html.P([html.Time(str(claim.date), dateTime=str(claim.date)),
                    f" ({PRECISION_WORDS[claim.date.precision]}) · ",
                    html.B(dataset.speaker[claim.speaker].name)], className="preview-head"),
            html.P(f"Stance {stance_words(dataset, claim)}", className="preview-stance"),
            *quotes(dataset, claim, lang)]


def claim_card(dataset: Dataset, state: ViewState, frame: pd.DataFrame,
               href_for: HrefFor) -> Component:
    """The card for `state.claim` (or a hint); `frame` orders the previous/next claims."""
    if not state.claim or state.claim not in dataset.claim:
        return html.P(PLACEHOLDER, className="card-placeholder")
    claim = dataset.claim[state.claim]
    speaker, topic = dataset.speaker[claim.speaker], dataset.topic[claim.topic]
    name, *other_names = dataset.speaker_names(speaker.id)
    role = ", ".join(part for part in (speaker.role, speaker.organization) if part)
    return html.Article([
        html.Header([
            html.H3(f"{name} ({other_names[0]})" if other_names else name,
                    className="card-speaker"),
            html.P(role, className="card-role"),
            html.P([html.Time(str(claim.date), dateTime=str(claim.date)),
                    f" ({PRECISION_WORDS[claim.date.precision]}) · {topic.label}"],
                   className="card-date"),
        ]),
        *quotes(dataset, claim, state.lang, state.search),
        html.Dl([
            *field("Summary", *marked(claim.summary, state.search)),
            *field("Stance", stance_words(dataset, claim)),
            *field("Why", claim.stance_note),
            *coding_fields(dataset, claim),
            *source_fields(dataset, claim),
            *field("Claim id", html.Code(claim.id)),
        ], className="card-fields"),
        navigation(dataset, claim, state, frame, href_for),
    ], className="claim-card", **{"data-claim-id": claim.id})
