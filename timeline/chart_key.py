"""The stance timeline's key in words: what each of its marks means.

The chart's own legend names its marks briefly; readers' guides (the
dashboard's "how to read" panel) say what they mean, with the shift rule
the chart was drawn by.
"""

from __future__ import annotations

from timeline.figures import RINGS_ACROSS
from timeline.shift_rule import ShiftRule, rule_text


def mark_key(rule: ShiftRule) -> list[tuple[str, str]]:
    """Each mark of the stance timeline and what it means, as (mark, meaning)."""
    return [
        ("Marker", "one claim at its stance, coloured and shaped by speaker; a grey bar spans "
                   "the month or year when only that is known"),
        ("Hollow marker", "a close call, or the coders disagree"),
        ("Diamond", "a point: the mean of one group's claims on a topic at one moment; a "
                    "line joins a group's points, and its hover gives their codes"),
        ("Hollow diamond", "a point resting on one claim: thin evidence"),
        ("Shaded band", "no sources at all, labelled with its dates"),
        ("Faint dashed line", "crosses a stretch with no sources: the points on either side "
                              "differ, but not when or how the view moved"),
        ("Rings", f"thin: a shift, heavy: a reversal ({rule_text(rule)}); a lane with more "
                  f"than {RINGS_ACROSS} of a kind counts them beside it instead"),
        ("Dotted purple line", "an event the sources name, on the lanes it concerns; its "
                               "triangle's hover gives the source's words"),
    ]
