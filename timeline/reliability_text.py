"""`timeline reliability`'s output: a terminal report that fits 100 columns, and JSON."""

from __future__ import annotations

import json
import math
import textwrap

from timeline.reliability import Reliability

WIDTH = 100


def _share(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.0%}"


def _alpha(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.2f}"


def reliability_table(result: Reliability) -> str:
    """Agreement per topic, the confusion table, then each disagreement with both notes."""
    agreement = result.agreement.assign(
        alpha=result.agreement["alpha"].map(_alpha),
        exact=result.agreement["exact"].map(_share),
        within_one=result.agreement["within_one"].map(_share),
        mean_difference=result.agreement["mean_difference"].map("{:.2f}".format))
    parts = ["Agreement (Krippendorff's alpha, ordinal; shares of coder pairs)",
             agreement.to_string(index=False), "",
             "Confusion (pairs of codes: first coder in rows)",
             result.confusion.to_string(), "",
             f"Disagreements: {len(result.disagreements)}"]
    for row in result.disagreements.itertuples():
        parts.append(f"- {row.id} ({row.topic}): {row.coder_a} {row.stance_a:+d}, "
                     f"{row.coder_b} {row.stance_b:+d}; adjudicated {row.stance:+d}")
        for coder, note in ((row.coder_a, row.note_a), (row.coder_b, row.note_b)):
            if note:
                parts.append(textwrap.fill(f"{coder}: {note}", WIDTH, initial_indent="    ",
                                           subsequent_indent="      "))
    return "\n".join(parts) + "\n"


def reliability_json(result: Reliability) -> str:
    agreement = result.agreement.astype(object).where(result.agreement.notna(), None)
    document = {"agreement": agreement.to_dict(orient="records"),
                "confusion": {row: {col: int(n) for col, n in counts.items()}
                              for row, counts in result.confusion.iterrows()},
                "disagreements": result.disagreements.to_dict(orient="records")}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
