"""One block of the claims table, answered on the server (AG Grid's infinite row model).

Sending the table every matching claim cost 8 MB of JSON per filter change at
10,000 claims. Instead the grid asks for rows `startRow:endRow` with its sort
and column filters, and gets those rows and the total count. This module is
that answer as a pure function of the view's claims and the grid's request;
no dash import, so it is tested on its own.

The request comes from the browser and is not trusted: a column the table
does not show, a filter or sort the grid does not have, a value of the wrong
type or a malformed combination is ignored, as if that part were not set. It
never raises, because an unanswered block leaves the table loading forever.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from dashboard.state import MAX_SEARCH
from timeline import ClaimFilter
from timeline.filters import search_spans

TEXT_COLUMNS = ("id", "date", "speaker_name", "topic_label", "summary", "quote", "translation",
                "source_title")
NUMBER_COLUMNS = ("stance",)
ROW_FIELDS = TEXT_COLUMNS + NUMBER_COLUMNS
"""The table's columns, plain values only (the grid shows them as text)."""
CARRIED = ("language",)
"""What a row carries besides its columns: the quote's language, for its cell's `lang`."""
MARKED_COLUMNS = ("summary", "quote", "translation")
"""The columns a search looks in, whose matches the table highlights."""
POSITION = "_position"
"""A claim's place in the view's date order (date_start, date_end, id, as
`Dataset.frame()` sorts): the key of the Date column, and every sort's last
tie-break, so the blocks of one sort never overlap or skip a claim. Sorting by
position instead of by those three columns takes 1 ms instead of 200 at 100,000 claims."""
MAX_BLOCK = 500
"""Most rows one request may ask for (the grid asks for 100)."""
MAX_CONDITIONS = 10

Test = Callable[[pd.Series, Any, Any], pd.Series]
TEXT_TESTS: dict[str, Test] = {
    "contains": lambda s, v, _: s.str.contains(v, regex=False),
    "notContains": lambda s, v, _: ~s.str.contains(v, regex=False),
    "equals": lambda s, v, _: s == v,
    "notEqual": lambda s, v, _: s != v,
    "startsWith": lambda s, v, _: s.str.startswith(v),
    "endsWith": lambda s, v, _: s.str.endswith(v),
}
NUMBER_TESTS: dict[str, Test] = {
    "equals": lambda s, v, _: s == v,
    "notEqual": lambda s, v, _: s != v,
    "lessThan": lambda s, v, _: s < v,
    "lessThanOrEqual": lambda s, v, _: s <= v,
    "greaterThan": lambda s, v, _: s > v,
    "greaterThanOrEqual": lambda s, v, _: s >= v,
    "inRange": lambda s, v, to: (s > v) & (s < to),  # AG Grid's default: bounds excluded
}


def table_rows(frame: pd.DataFrame, request: Mapping[str, Any] | None, search: str = ""
               ) -> tuple[list[dict[str, Any]], int]:
    """The rows the grid asked for and how many claims the table holds in all.

    `frame` is the view's claims in date order (`ClaimFilter.apply` keeps
    `Dataset.frame()`'s). `search` is the box above the table: one piece of
    text found anywhere in a quote, its English or the summary, ignoring case —
    the same match as the filters' search and `timeline export --search`, not
    AG Grid's every-word quick filter. It narrows the view, never widens it.
    """
    request = request if isinstance(request, Mapping) else {}
    frame = ClaimFilter(search=str(search or "")[:MAX_SEARCH]).apply(frame)
    frame = frame[column_filters(frame, request.get("filterModel"))]
    start, end = block_bounds(request)
    by, ascending = sort_keys(request.get("sortModel"))
    ordered = frame.assign(**{POSITION: np.arange(len(frame))}).sort_values(
        by, ascending=ascending, kind="stable")
    rows = ordered.iloc[start:end][[*ROW_FIELDS, *CARRIED]].to_dict(orient="records")
    return rows, len(frame)


def with_marks(rows: list[dict[str, Any]], *searches: str) -> list[dict[str, Any]]:
    """`rows` with `marks`: per searched column, where each search matches, as [start, end]
    offsets in UTF-16 code units (what the browser's strings count), for the cell to
    highlight by the filters' own rule (`search_spans`)."""
    return [{**row, "marks": {column: utf16_spans(str(row[column] or ""), searches)
                              for column in MARKED_COLUMNS}} for row in rows]


def utf16_spans(text: str, searches: tuple[str, ...]) -> list[list[int]]:
    spans = sorted({span for search in searches if search
                    for span in search_spans(text, search)})

    def units(at: int) -> int:
        return len(text[:at].encode("utf-16-le")) // 2

    return [[units(start), units(end)] for start, end in spans]


def block_bounds(request: Mapping[str, Any]) -> tuple[int, int]:
    """`startRow:endRow`, clamped to a block of at most MAX_BLOCK rows."""
    start, end = request.get("startRow"), request.get("endRow")
    start = max(start, 0) if is_int(start) else 0
    end = min(end, start + MAX_BLOCK) if is_int(end) else start + 100
    return start, max(end, start)


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def sort_keys(sort_model: Any) -> tuple[list[str], list[bool]]:
    """Columns and directions for a multi-column sort; Date sorts by POSITION.

    Text sorts by code point, as AG Grid's default comparator does.
    """
    by: list[str] = []
    ascending: list[bool] = []
    for item in sort_model if isinstance(sort_model, list) else []:
        if not isinstance(item, Mapping) or item.get("sort") not in ("asc", "desc"):
            continue
        column = item.get("colId")
        key = POSITION if column == "date" else column if column in ROW_FIELDS else None
        if key is not None and key not in by:
            by.append(key)
            ascending.append(item["sort"] == "asc")
    if POSITION not in by:
        by.append(POSITION)
        ascending.append(True)
    return by, ascending


def column_filters(frame: pd.DataFrame, filter_model: Any) -> pd.Series:
    """Which rows pass every column filter of AG Grid's filter model."""
    keep = pd.Series(True, index=frame.index)
    for column, model in (filter_model.items() if isinstance(filter_model, Mapping) else []):
        kind = "number" if column in NUMBER_COLUMNS else "text" if column in TEXT_COLUMNS else ""
        hit = model_mask(frame[column], model, kind) if kind else None
        if hit is not None:
            keep &= hit
    return keep


def model_mask(values: pd.Series, model: Any, kind: str) -> pd.Series | None:
    """One column's filter: a condition, or `conditions` joined by `operator` AND/OR.

    None means no usable filter. Unusable conditions are dropped from a
    combination, so a hostile OR cannot widen it to everything.
    """
    if not isinstance(model, Mapping) or model.get("filterType", kind) != kind:
        return None
    if "conditions" not in model:
        return condition_mask(values, model, kind)
    conditions = model["conditions"] if isinstance(model["conditions"], list) else []
    join = {"AND": operator.and_, "OR": operator.or_}.get(str(model.get("operator", "AND")))
    masks = [m for m in (condition_mask(values, c, kind) for c in conditions[:MAX_CONDITIONS])
             if m is not None]
    return functools.reduce(join, masks) if join and masks else None


def condition_mask(values: pd.Series, condition: Any, kind: str) -> pd.Series | None:
    """One AG Grid text or number condition; text matches ignoring case, as AG Grid does."""
    if not isinstance(condition, Mapping) or condition.get("filterType", kind) != kind:
        return None
    test = str(condition.get("type"))
    if test in ("blank", "notBlank"):
        blank = values.isna() | (values.str.strip() == "" if kind == "text" else False)
        return blank if test == "blank" else ~blank
    value, to = condition.get("filter"), condition.get("filterTo")
    if kind == "text" and test in TEXT_TESTS and isinstance(value, str) and value:
        return TEXT_TESTS[test](values.str.lower(), value.lower(), None)
    if kind == "number" and test in NUMBER_TESTS and is_number(value) and (
            test != "inRange" or is_number(to)):
        return NUMBER_TESTS[test](values, value, to)
    return None


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
