"""The room a lane needs for the words around its claims: its poles' lines beside the
stance axis, and the rows of its event labels above its claims.

Plotly places text where it is told but never makes room for it, so the chart reckons
that room here, in pixels, from the text itself: a pole is wrapped whole, never cut,
and its lane grows to hold it; event labels stand in rows so that none overlaps
another, in a band above the +2 row so that none covers a claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from timeline.chart_text import display_lines, pole_lines, text_pixels

STANCE_TICKS = (-2, -1, 0, 1, 2)
STANCE_RANGE = (-2.7, 2.7)
"""A lane's stance axis: the ticks with room for the rings around the outer rows."""
LINE_PIXELS = 16
"""A line of the charts' 12-px text (plotly spaces lines 1.3 em apart)."""
POLE_GAP = 8
"""Pixels between the positive pole's last line and the negative pole's first, at 0."""


def pole_room(lines: int) -> float:
    """Pixels of stance axis (all of STANCE_RANGE) that hold two poles of `lines` lines
    each: the positive pole's first line is centred on +2 and the pole goes down, the
    negative's last line is centred on −2 and it goes up; POLE_GAP apart at 0."""
    per_unit = (lines * LINE_PIXELS - LINE_PIXELS / 2 + POLE_GAP / 2) / STANCE_TICKS[-1]
    return per_unit * (STANCE_RANGE[1] - STANCE_RANGE[0])


EVENT_COLUMNS, EVENT_ROWS, LABEL_PAD = 30, 6, 10
"""An event's label: lines of at most this many columns; a lane's event labels use at most
this many lines of its band above its no-source labels (an event past them keeps its line
and marker, its words in its hover); pixels kept clear between two labels side by side."""
BAND_PAD = 4
"""Pixels between the top of a lane's stance axis and its band's first line."""


class BandLabel(NamedTuple):
    """Where a label stands in the band above a lane's claims: its lines, the band's line
    its lowest line is on (0: nearest the claims), and how it stands to its date ("left":
    it starts there, "right": it ends there, "center")."""

    lines: list[str]
    row: int
    anchor: str


class Wanted(NamedTuple):
    """A label the band should hold: its lines, its date as a fraction of the date axis
    (0 left, 1 right), whether it is centred on that date (else it reads away from it),
    and whether it must be shown even past the band's EVENT_ROWS."""

    lines: list[str]
    position: float
    centred: bool
    required: bool


Span = tuple[float, float]
"""Pixels a label covers along a plot, from its left edge to its right."""


def band_rows(wanted: Sequence[Wanted], plot_pixels: float, narrowest: float
              ) -> list[BandLabel | None]:
    """Lines of the band for each label so that no two overlap in a plot `plot_pixels`
    wide, or wider (the dates spread, the text keeps its size), and no two required
    labels (which show at every width) in one `narrowest` wide: required labels first,
    then the others in date order, each on the lowest lines free across its width. A
    label reads rightwards from its date unless that passes the plot's right edge. None:
    a label not required found no room within EVENT_ROWS lines above the required ones."""
    taken: list[list[tuple[Span, Span, bool]]] = []
    placed: list[BandLabel | None] = [None] * len(wanted)
    required_top = 0
    for i in sorted(range(len(wanted)), key=lambda i: (not wanted[i].required,
                                                        wanted[i].position)):
        lines, position, centred, required = wanted[i]
        span, anchor = label_span(lines, position, centred, plot_pixels)
        narrow = label_span(lines, position, centred, narrowest, anchor)[0]
        row = next(r for r in range(len(taken) + 1) if all(
            free(taken, r + k, span, narrow, required) for k in range(len(lines))))
        if required:
            required_top = max(required_top, row + len(lines))
        if required or row + len(lines) <= required_top + EVENT_ROWS:
            taken += [[] for _ in range(row + len(lines) - len(taken))]
            for k in range(len(lines)):
                taken[row + k].append((span, narrow, required))
            placed[i] = BandLabel(lines, row, anchor)
    return placed


def label_span(lines: list[str], position: float, centred: bool, plot_pixels: float,
               anchor: str | None = None) -> tuple[Span, str]:
    """Pixels a label at `position` covers in a plot `plot_pixels` wide, and its anchor
    (see BandLabel): the one given, else the one that keeps it in the plot."""
    width = max(text_pixels(line) for line in lines)
    x = position * plot_pixels
    anchor = anchor or ("center" if centred else
                        "left" if x + width <= plot_pixels or x < width else "right")
    left = {"left": x, "right": x - width, "center": x - width / 2}[anchor]
    return (left, left + width), anchor


def free(taken: list[list[tuple[Span, Span, bool]]], row: int, span: Span, narrow: Span,
         required: bool) -> bool:
    """Whether a band's line `row` has nothing within LABEL_PAD of a label's `span` (or of
    its `narrow` span, for two required labels)."""
    return row >= len(taken) or all(
        apart(narrow, other_narrow) if required and other_required else apart(span, other)
        for other, other_narrow, other_required in taken[row])


def apart(one: Span, other: Span) -> bool:
    return one[1] + LABEL_PAD <= other[0] or other[1] + LABEL_PAD <= one[0]


def band_pixels(placed: Sequence[BandLabel | None]) -> float:
    """Pixels of the band that holds `placed` (0 for none)."""
    tops = [label.row + len(label.lines) for label in placed if label]
    return max(tops) * LINE_PIXELS + BAND_PAD if tops else 0.0


class LaneRoom(NamedTuple):
    """Pixels each lane of a chart gets: its stance axis (the same in every lane, so lanes
    compare at a glance) and the band above it (per lane); and per lane, where its gaps'
    labels and its events' labels stand in that band (as `band_rows`)."""

    stance: float
    bands: list[float]
    gaps: list[list[BandLabel | None]]
    events: list[list[BandLabel | None]]

    def stance_top(self, lane: int, events: bool = True) -> float:
        """The top of lane `lane`'s stance axis (from 0), in stance units, band included
        (without `events`: only as much band as its no-source labels take)."""
        band = self.bands[lane] if events else band_pixels(self.gaps[lane])
        return STANCE_RANGE[1] + band * (STANCE_RANGE[1] - STANCE_RANGE[0]) / self.stance


def lane_room(poles: Sequence[str], gaps: Sequence[tuple[list[str], float]],
              lane_events: Sequence[Sequence[tuple[str, float]]], least: float,
              plot_pixels: float, narrowest: float) -> LaneRoom:
    """The room of lanes whose poles are `poles` (all lanes'), over which the labels of
    `gaps` stand (lines, position), and which show `lane_events` (per lane: label and
    position): at least `least` pixels of stance axis, more where a pole needs more lines.
    Labels are laid out as `band_rows` lays them out for those plot widths."""
    lines = max((len(pole_lines(pole)) for pole in poles), default=1)
    placed = [band_rows([*(Wanted(text, at, True, True) for text, at in gaps),
                         *(Wanted(display_lines(label, EVENT_COLUMNS), at, False, False)
                           for label, at in events)], plot_pixels, narrowest)
              for events in lane_events]
    return LaneRoom(max(least, pole_room(lines)), [band_pixels(lane) for lane in placed],
                    [lane[:len(gaps)] for lane in placed], [lane[len(gaps):] for lane in placed])
