"""The "how to read" panel: the stance levels, the poles of the topics in view and what
the chart's marks mean, folded under the chart's heading until a reader opens it.

Its words are the library's (`timeline.scale`, `timeline.chart_key`) and the data's
(each topic's `negative` and `positive`); the poles follow the view (see callbacks).
The panel's own words are English, the poles in the data's reading language, and
each part says so (`lang`), whatever language the page is in.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.state import ViewState
from timeline import Dataset, dataset_shift_rule
from timeline.chart_key import mark_key
from timeline.chart_text import stance_code
from timeline.scale import STANCE_LEVELS


def reading_guide(dataset: Dataset) -> Component:
    """The panel, with its poles empty until the view's callback fills them."""
    levels = [(stance_code(level), meaning) for level, meaning in STANCE_LEVELS]
    return html.Details([
        html.Summary("How to read the chart"),
        html.Div([
            html.Section([html.H3("Stance levels, the same on every topic"),
                          meanings(levels)]),
            html.Section([html.H3("What the ends mean on each topic shown"),
                          html.Div(id=ids.READING_POLES, lang=dataset.language)]),
            html.Section([html.H3("Marks"), meanings(mark_key(dataset_shift_rule(dataset)))],
                         className="reading-marks"),
        ], className="reading-body"),
    ], id=ids.READING_GUIDE, className="reading-guide", lang="en")


def meanings(pairs: Sequence[tuple[str, str]]) -> Component:
    """Terms and what they mean, as a definition list."""
    return html.Dl([part for term, text in pairs for part in (html.Dt(term), html.Dd(text))])


def topic_poles(dataset: Dataset, topics: Sequence[str]) -> list[Component]:
    """Each topic's label and what −2 and +2 mean on it, from the data."""
    return [html.Div([html.H4(dataset.topic[topic].label),
                      meanings([(stance_code(-2), dataset.topic[topic].negative),
                                (stance_code(2), dataset.topic[topic].positive)])],
                     className="poles") for topic in topics]


def view_poles(dataset: Dataset, view: ViewState, frame: pd.DataFrame) -> list[Component]:
    """The poles of a view's lanes (`frame`: the view's claims)."""
    return topic_poles(dataset, view.lanes(frame, dataset))
