"""Every component id, shared by the layout, the callbacks and the browser tests.

A renamed id then breaks loudly in one place instead of silently in three.
"""

URL = "url"
ROOT = "page"
NOTICES = "notices"
DATA_SUMMARY = "data-summary"

# Filters: each one is also a URL parameter (see dashboard.state).
TOPICS = "filter-topics"
SPEAKERS = "filter-speakers"
SOURCES = "filter-sources"
SINCE = "filter-since"
UNTIL = "filter-until"
SEARCH = "filter-search"
LANG = "language"
GROUP_BY = "group-by"
EVENTS = "show-events"
CONTROLS = {"topics": TOPICS, "speakers": SPEAKERS, "sources": SOURCES, "since": SINCE,
            "until": UNTIL, "search": SEARCH, "lang": LANG, "by": GROUP_BY, "events": EVENTS}
"""ViewState field → control id, in the order the callbacks pass their values."""
PICK_MANY = (TOPICS, SPEAKERS, SOURCES)
"""The filters of many choices, each folded under a summary of what is chosen."""


def chosen(control: str) -> str:
    """The id of the summary that says what a filter of many choices has chosen."""
    return f"{control}-chosen"


FILTERS_STORE = "view-filters"
SELECTION_STORE = "view-selection"
RING_STORE = "view-ring"
"""The selection again, set only when it changes without the filters (see callbacks)."""
MATCH_COUNT = "match-count"

TIMELINE = "stance-timeline"
TIMELINE_TOOLTIP = "stance-timeline-tooltip"
HEATMAP = "stance-heatmap"
IMAGE_BUTTON = "image-button"
"""Pattern-matching type of the PNG/SVG buttons: {"type", "graph", "format"}."""
IMAGE_STATUS = "image-status"
EMBED_SNIPPET = "embed-snippet"

CARD = "claim-card"
THEN_NOW = "then-vs-now"
GRID = "claims-grid"
GRID_HOLDER = "claims-grid-holder"
"""Where the grid is mounted once the chart's answer is in (see callbacks' `mount_table`)."""
CLICKED_CELL = "clicked-cell"
"""The grid's last clicked cell, copied in the browser to a store the page always has."""
GRID_SEARCH = "grid-quick-search"
DOWNLOAD_BUTTON = "download-csv"
DOWNLOAD = "download"

MAIN_PAGE = "main-page"
SOURCES_PAGE = "sources-page"
SOURCES_TABLE = "sources-table"
STALE_BANNER = "stale-data-banner"

FILTERS_TOGGLE = "filters-toggle"
"""The button that shows the filters on a narrow screen, where they start hidden."""
FILTERS_PANEL = "filters-panel"
FRAME_STORE = "view-frame"
"""The publication frame of each chart of the view, which downloads are drawn with."""
EMBED_HEAD = "embed-head"
EMBED_FOOT = "embed-foot"
"""/embed's title and filter lines, and its source, credit and link lines."""
CHART_WORDS = "chart-in-words"
READING_GUIDE = "reading-guide"
READING_POLES = "reading-poles"
"""The "how to read" panel, and where it lists the poles of the topics in view."""
CHART_FIT = "chart-fit"
"""Set in the browser when it fits the timeline to a narrow screen (see dashboard.js)."""
ZOOM_STORE = "zoom"
"""The timeline's relayout events that move its dates, passed on in the browser (see
dashboard.js `passZoom`)."""
CARD_SHOWN = "card-shown"
"""Set in the browser when it brings a newly opened card into view."""
PAGE_LANGUAGE = "page-language"
"""Set in the browser when it gives `<html>` the data's reading language (Dash's page has none)."""
