"""Position timeline: curated, verifiable claim records and what they show over time.

The public API, for the dashboard, the CLI and notebooks::

    import timeline
    data = timeline.load()            # the bundled or local claims.yaml
    frame = data.frame()              # one row per claim
    timeline.detect_shifts(frame)     # stance changes per topic
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from timeline.dataset import Dataset
from timeline.dates import PartialDate
from timeline.load import load_claims, parse_claims
from timeline.paths import bundled_claims_path, default_claims_path, find_claims, sources_folder
from timeline.problems import ClaimsError, Problem, UnreadableFile
from timeline.verify import verify_quotes

if TYPE_CHECKING:
    from timeline.analysis import (
        SHIFT_COLUMNS,
        Moves,
        detect_shifts,
        moves_of,
        stance_points,
        topic_summary,
    )
    from timeline.export import EXPORT_COLUMNS, claims_csv, claims_json, claims_jsonld, write_atomic
    from timeline.filters import ClaimFilter
    from timeline.shift_rule import ShiftRule, dataset_shift_rule

LAZY = {
    **dict.fromkeys(["SHIFT_COLUMNS", "Moves", "detect_shifts", "moves_of", "stance_points",
                     "topic_summary"], "timeline.analysis"),
    **dict.fromkeys(["ShiftRule", "dataset_shift_rule"], "timeline.shift_rule"),
    **dict.fromkeys(["EXPORT_COLUMNS", "claims_csv", "claims_json", "claims_jsonld",
                     "write_atomic"], "timeline.export"),
    "ClaimFilter": "timeline.filters",
}
"""Names whose modules import pandas, imported when first used: `timeline validate`,
`verify` and `schema` never need pandas, whose import was most of their time."""


def __getattr__(name: str) -> Any:
    if name not in LAZY:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    return getattr(importlib.import_module(LAZY[name]), name)


def load(path: str | os.PathLike[str] | None = None, *, cache: bool = False) -> Dataset:
    """Load and validate claims (default: `find_claims`: $TIMELINE_CLAIMS, claims.yaml here or
    above, else the bundled sample).

    `cache=True` reuses a validated copy when the file's bytes are unchanged
    (see `timeline.cache`): what a long-running dashboard wants at startup.
    """
    path = path if path is not None else default_claims_path()
    if not cache:
        return load_claims(path)
    from timeline.cache import load_cached  # writes entries with pandas' tables in them

    return load_cached(path)


__all__ = [
    "EXPORT_COLUMNS", "SHIFT_COLUMNS", "ClaimFilter", "ClaimsError", "Dataset", "Moves",
    "PartialDate",
    "Problem", "UnreadableFile", "bundled_claims_path", "claims_csv", "claims_json",
    "claims_jsonld", "default_claims_path", "detect_shifts", "find_claims", "load",
    "load_claims", "moves_of", "sources_folder", "ShiftRule", "dataset_shift_rule", "parse_claims",
    "stance_points", "topic_summary", "verify_quotes", "write_atomic",
]
