"""Figure builders: lanes, points, precision, shifts, evidence notes, escaping, heatmap."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import CLAIMS, LONG_POLES, claim, claims_document

import timeline
from timeline import figures
from timeline.chart_text import POLE_PIXELS, claim_hover_text, text_pixels
from timeline.figures import (
    OKABE_ITO,
    default_topics,
    pole_label,
    selection_ring,
    stance_timeline_data,
    stance_timeline_figure,
)
from timeline.heatmap import stance_heatmap_figure
from timeline.lane_room import LINE_PIXELS


@pytest.fixture
def data(write_claims) -> timeline.Dataset:
    return timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024", summary="Closed <b>wins</b> & more"),
        claim("b", "2025-07", 1, source="talk-2025"),
        claim("c", "2025-08-20", 2, speaker="zhou-xinyu", source="talk-2025"),
        claim("d", "2025", 2, topic="long-context", source="talk-2025"),
    ])))


def traces(fig: go.Figure, role: str, topic: str | None = None) -> list:
    return [t for t in fig.data if t.meta and t.meta["role"] == role
            and (topic is None or t.meta.get("topic") == topic)]


def claim_ids(fig: go.Figure, topic: str) -> list[str]:
    return sorted(claim for t in traces(fig, "claims", topic) for claim in t.ids)


def test_one_lane_per_topic_with_one_marker_per_claim(data):
    fig = stance_timeline_figure(data.frame(), data, ["long-context", "open-source"])
    titles = [a.text for a in fig.layout.annotations if a.yref == "paper"]
    assert titles[:2] == ["<b>Long context</b>  长文本", "<b>Open vs. closed</b>  开源"]
    assert claim_ids(fig, "open-source") == ["a", "b", "c"]
    assert claim_ids(fig, "long-context") == ["d"]
    assert {t.yaxis for t in traces(fig, "claims", "long-context")} == {"y"}
    assert {t.yaxis for t in traces(fig, "claims", "open-source")} == {"y2"}
    fig.to_json()  # everything in it is serialisable for the browser


def test_lanes_default_to_the_topics_present(data):
    frame = data.frame()
    fig = stance_timeline_figure(frame[frame["topic"] == "long-context"], data)
    assert {t.meta["topic"] for t in traces(fig, "claims")} == {"long-context"}


def test_the_bundled_data_has_a_lane_per_headline_topic_with_its_claims():
    data = timeline.load(timeline.bundled_claims_path())
    frame = data.frame()
    fig = stance_timeline_figure(frame, data, default_topics(data))
    for topic in default_topics(data):
        expected = sorted(frame.loc[frame["topic"] == topic, "id"])
        assert claim_ids(fig, topic) == expected, topic


@pytest.mark.parametrize("webgl", [False, True])
def test_vague_dates_get_a_bar_over_their_whole_period(data, monkeypatch, webgl):
    if webgl:
        monkeypatch.setattr(figures, "WEBGL_THRESHOLD", 0)
    fig = stance_timeline_figure(data.frame(), data, ["open-source", "long-context"])
    periods = traces(fig, "period")
    assert {t.type for t in periods} == {"scattergl" if webgl else "scatter"}
    bars = [str(x) for t in periods for x in t.x]
    starts, ends = bars[::3], bars[1::3]
    gaps = [y for t in periods for y in t.y[2::3]]
    assert pd.isna(gaps).all() and not pd.isna([y for t in periods for y in t.y[0::3]]).any()
    assert "2024-02-01" in starts and "2024-03-01" in ends
    assert "2025-01-01" in starts and "2026-01-01" in ends
    assert "2025-08-20" not in starts  # a day is drawn as a point only
    assert len(bars) == 3 * 3  # one bar per period and row, however many claims share it


def outlined_bars(period) -> list[tuple[str, str, float, float]]:
    """(start, end, low, high) of each bar in an outline: five corners a bar, then the
    way back through the bars' first corners."""
    count = (len(period.x) + 1) // 6
    x, y = [str(v)[:10] for v in period.x], list(period.y)
    assert len(period.x) == 6 * count - 1 and period.fill == "toself" and period.mode == "none"
    return [(x[i], x[i + 1], y[i], y[i + 2]) for i in range(0, 5 * count, 5)]


def outline_area(period) -> float:
    """The area (days × stance) the outline encloses, by the shoelace formula."""
    days = pd.to_datetime(pd.Series(period.x)).map(pd.Timestamp.toordinal).to_numpy(float)
    stance = pd.Series(period.y).to_numpy(float)
    return 0.5 * float((days * (pd.Series(stance).shift(-1, fill_value=stance[0]))
                        - (pd.Series(days).shift(-1, fill_value=days[0]) * stance)).sum())


def test_a_lane_of_many_bars_draws_one_outline_enclosing_the_bars_and_nothing_between(data):
    """Past OUTLINE_FROM_BARS, on many rows: the outline's area is exactly the bars', so
    the way from bar to bar and back draws nothing."""
    first = data.frame().iloc[[0]]
    count = figures.OUTLINE_FROM_BARS + 1
    months = pd.date_range("2015-01-01", periods=count, freq="MS")
    frame = pd.concat([first.assign(date_start=start, date_end=start + pd.offsets.MonthEnd(0),
                                    date_precision="month", id=f"m{i}", stance=i % 5 - 2)
                       for i, start in enumerate(months)], ignore_index=True)
    fig = stance_timeline_figure(frame, data)
    (period,) = traces(fig, "period")
    bars = outlined_bars(period)
    ends = months + pd.offsets.MonthBegin(1)
    assert [bar[:2] for bar in bars] == [(f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}")
                                         for start, end in zip(months, ends, strict=True)]
    assert len({low for *_, low, _ in bars}) > 1
    layout = fig.layout
    lane_pixels = ((layout.yaxis.domain[1] - layout.yaxis.domain[0])
                   * (layout.height - layout.margin.t - layout.margin.b))
    stance_per_pixel = (layout.yaxis.range[1] - layout.yaxis.range[0]) / lane_pixels
    assert all((high - low) / stance_per_pixel == pytest.approx(figures.BAR_WIDTH, abs=0.1)
               for *_, low, high in bars)  # as thick as a line
    areas = sum((pd.Timestamp(end) - pd.Timestamp(start)).days * (high - low)
                for start, end, low, high in bars)
    assert outline_area(period) == pytest.approx(areas)


def test_hover_shows_date_precision_speaker_summary_and_quote_start(data):
    fig = stance_timeline_figure(data.frame(), data, ["open-source"])
    hover = {claim: text for t in traces(fig, "claims")
             for claim, text in zip(t.ids, t.hovertext, strict=True)}
    assert hover["a"] == ("2024-02 (whole month)<br><b>Yang Zhilin</b> · stance -2<br>"
                          "Closed &lt;b&gt;wins&lt;/b&gt; &amp; more<br><i>引文a</i>")  # as typed
    assert hover["c"].startswith("2025-08-20 (day)<br><b>Zhou Xinyu</b> · stance +2<br>")
    assert traces(fig, "claims")[0].hoverinfo == "text"


def test_without_hover_text_claim_markers_still_report_hovers_and_the_rest_is_unchanged(data):
    full = stance_timeline_data(data.frame(), data)
    bare = stance_timeline_data(data.frame(), data, hover=False)
    for with_text, without in zip(full["data"], bare["data"], strict=True):
        if with_text["meta"]["role"] == "claims":
            assert "hovertext" not in without and without["hoverinfo"] == "none"
            with_text = {k: v for k, v in with_text.items() if k not in ("hovertext", "hoverinfo")}
            without = {k: v for k, v in without.items() if k != "hoverinfo"}
        assert go.Figure({"data": [with_text]}) == go.Figure({"data": [without]})
    assert full["layout"] == bare["layout"]


def test_hover_text_wraps_long_english_and_chinese_and_cuts_the_quote_at_two_lines():
    summary = "Open weights help adoption " * 8
    quote = "开源落后于闭源，这也是个事实。" * 10
    text = claim_hover_text(pd.DataFrame([{
        "date": "2025", "date_precision": "year", "speaker_name": "<i>Yang</i>", "stance": 0,
        "summary": summary, "quote": quote}]))[0]
    head, who, *summary_lines, quote_start, quote_end = text.split("<br>")
    assert head == "2025 (whole year)" and who == "<b>&lt;i&gt;Yang&lt;/i&gt;</b> · stance 0"
    assert " ".join(summary_lines) == summary.strip()
    assert all(len(line) <= 60 for line in summary_lines) and len(summary_lines) == 4
    assert (quote_start, quote_end) == (f"<i>{quote[:40]}", f"{quote[40:79]}…</i>")


def test_up_to_64_speakers_each_have_their_own_colour_and_symbol_pair(write_claims):
    speakers = [{"id": f"speaker-{i}", "name": f"Speaker {i}", "organization": "Org",
                 "role": "Guest"} for i in range(20)]
    data = timeline.load(write_claims(claims_document(
        [claim(f"c{i}", "2025-07", 1, speaker=f"speaker-{i}", source="talk-2025")
         for i in range(20)], speakers=speakers)))
    markers = traces(stance_timeline_figure(data.frame(), data, ["open-source"]), "claims")[0]
    style = dict(zip(markers.ids, zip(markers.marker.color, markers.marker.symbol,
                                      strict=True), strict=True))
    assert len(set(style.values())) == 20
    assert [style[f"c{i}"] for i in range(8)] == list(
        zip(OKABE_ITO, figures.SYMBOLS, strict=True))  # the first eight as before
    assert len({figures.marker_style(i) for i in range(64)}) == 64


def test_speakers_keep_their_colour_when_others_are_filtered_out(data):
    frame = data.frame()
    both = stance_timeline_figure(frame, data, ["open-source"])
    zhou = stance_timeline_figure(frame[frame["speaker"] == "zhou-xinyu"], data, ["open-source"])
    markers = traces(both, "claims")[0]
    colour = dict(zip(markers.ids, markers.marker.color, strict=True))
    assert colour == {"a": OKABE_ITO[0], "b": OKABE_ITO[0], "c": OKABE_ITO[1]}
    assert list(traces(zhou, "claims")[0].marker.color) == [OKABE_ITO[1]]
    assert [t.name for t in both.data if t.showlegend] == [
        "Yang Zhilin", "Zhou Xinyu", "trajectory", "dashed: no sources between",
        "hollow point: one claim, thin evidence", "shift (stance moved)", "reversal (crossed zero)"]


def test_shifts_and_reversals_are_marked_differently(data):
    fig = stance_timeline_figure(data.frame(), data, ["open-source"])
    reversal, shift = traces(fig, "reversal")[0], traces(fig, "shift")[0]
    assert list(reversal.y) == [1] and list(shift.y) == [2]  # -2 → +1 crosses zero; +1 → +2
    assert reversal.marker.line.width > shift.marker.line.width
    assert reversal.marker.color != shift.marker.color and reversal.mode == "markers+text"
    assert reversal.hoverinfo == "skip"  # clicks always land on a claim


def test_reversals_are_labelled_only_while_a_lane_has_few(data, monkeypatch):
    def labelled(fig: go.Figure) -> bool:
        return traces(fig, "reversal")[0].mode == "markers+text"

    fig = stance_timeline_figure(data.frame(), data, ["open-source"])
    assert labelled(fig)
    assert traces(fig, "reversal")[0].cliponaxis is False  # a label may stand above the lane
    monkeypatch.setattr(figures, "REVERSAL_LABEL_LIMIT", 0)
    unlabelled = stance_timeline_figure(data.frame(), data, ["open-source"])
    ring = traces(unlabelled, "reversal")[0]
    assert not labelled(unlabelled) and ring.text is None and list(ring.y) == [1]
    assert all(shown.cliponaxis is not False for shown in unlabelled.data)  # all clipped


def test_a_lane_rings_each_kind_of_shift_only_while_it_has_few_and_counts_the_rest(
        write_claims, monkeypatch):
    data = timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024"),
        claim("b", "2025-03", 1, source="talk-2025"),  # a reversal
        claim("c", "2025-05-20", 2, source="talk-2025"),  # a shift
        claim("e", "2025-07-01", 1, source="talk-2025"),  # another
        claim("d", "2024-02", 2, topic="long-context", source="talk-2024"),
        claim("f", "2025-06-01", 1, topic="long-context", source="talk-2025")])))  # a shift
    monkeypatch.setattr(figures, "RINGS_ACROSS", 1)
    fig = stance_timeline_figure(data.frame(), data, ["open-source", "long-context"])
    assert not traces(fig, "shift", "open-source") and len(traces(fig, "reversal")) == 1
    assert list(traces(fig, "shift", "long-context")[0].y) == [1]
    notes = [a.text for a in fig.layout.annotations if a.xanchor == "left"]
    assert notes == ["<b>4 claims</b><br>2024-02 →<br>2025-07-01<br>not ringed:<br>2 shifts",
                     "<b>2 claims</b><br>2024-02 →<br>2025-06-01"]
    assert [t.name for t in fig.data if t.showlegend][-2:] == ["reversal (crossed zero)",
                                                               "shift (stance moved)"]
    monkeypatch.setattr(figures, "RINGS_ACROSS", 0)
    bare = stance_timeline_figure(data.frame(), data, ["open-source", "long-context"])
    assert not traces(bare, "shift") and not traces(bare, "reversal")
    assert [a.text.split("<br>")[3:] for a in bare.layout.annotations if a.xanchor == "left"] == [
        ["not ringed:", "2 shifts", "1 reversal"], ["not ringed:", "1 shift"]]
    assert "shift (stance moved)" not in [t.name for t in bare.data if t.showlegend]


@pytest.mark.parametrize("by", ["organization", "speaker"])
def test_the_bundled_claims_ring_every_shift(by):
    data = timeline.load(CLAIMS)
    fig = stance_timeline_figure(data.frame(), data, [t.id for t in data.topics], by=by)
    assert traces(fig, "shift") and traces(fig, "reversal")
    assert not any("not ringed" in a.text for a in fig.layout.annotations)


def test_trajectory_follows_the_points_in_date_order_and_is_faint_across_no_sources(data):
    """The fixture's sources leave 2024-03 to 2025-06 without any: no trajectory there."""
    fig = stance_timeline_figure(data.frame(), data, ["open-source"])
    path, (across,) = traces(fig, "trajectory")[0], traces(fig, "across-gap")
    assert [None if pd.isna(y) else y for y in path.y] == [-2, None, 1, 2]
    assert list(across.y[:2]) == [-2, 1] and across.line.dash == "dash" and across.opacity < 1
    assert path.line.dash is None


def test_trajectories_of_one_colour_share_a_trace_broken_between_groups(write_claims):
    other = {"id": "li-si", "name": "Li Si", "names": {"zh": "李四"}, "organization": "Other Lab",
             "role": "CEO"}
    document = claims_document([
        claim("a", "2025-03", -2, source="talk-2025"),
        claim("b", "2025-07", 1, source="talk-2025"),
        claim("c", "2025-04", 1, speaker="li-si", source="talk-2025"),
        claim("d", "2025-08", -1, speaker="li-si", source="talk-2025")])
    document["speakers"].append(other)
    data = timeline.load(write_claims(document))
    by_org = traces(stance_timeline_figure(data.frame(), data, ["open-source"]), "trajectory")
    assert len(by_org) == 1 and by_org[0].meta["groups"] == ["Moonshot AI", "Other Lab"]
    assert [None if pd.isna(y) else y for y in by_org[0].y] == [-2, 1, None, 1, -1]
    assert len(by_org[0].x) == 5  # the gap sits at the first path's last date
    by_speaker = traces(stance_timeline_figure(data.frame(), data, ["open-source"],
                                               by="speaker"), "trajectory")
    assert sorted(t.meta["groups"][0] for t in by_speaker) == ["li-si", "yang-zhilin"]
    assert len({t.line.color for t in by_speaker}) == 2
    assert all(len(t.y) == 2 for t in by_speaker)


def test_a_long_legend_gets_room_above_the_lanes_instead_of_taking_theirs(write_claims):
    def chart(speakers: int) -> go.Figure:
        document = claims_document([claim(f"c{i}", "2025-07", 1, speaker=f"s{i}")
                                    for i in range(speakers)])
        document["speakers"] = [{"id": f"s{i}", "name": f"Speaker {i}", "names": {"zh": "某人"},
                                 "organization": "Lab", "role": "CEO"} for i in range(speakers)]
        data = timeline.load(write_claims(document, name=f"claims{speakers}.yaml"))
        return stance_timeline_figure(data.frame(), data, ["open-source"])

    short, long = chart(2), chart(40)
    grown = long.layout.height - short.layout.height
    assert grown >= 3 * figures.LEGEND_ROW_HEIGHT  # 43 entries: at least 5 rows of 8
    assert long.layout.margin.t - short.layout.margin.t == grown  # the lane keeps its height
    for fig in (short, long):  # above the plot, in its coordinates: plotly makes the
        assert fig.layout.legend.yref in (None, "paper")  # room before it draws markers
        plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        assert fig.layout.legend.y == pytest.approx(1 + figures.LANE_TITLE_ROOM / plot)


def test_evidence_note_beside_each_lane(data):
    frame = data.frame()
    fig = stance_timeline_figure(frame[frame["id"] != "b"], data, ["open-source", "long-context"])
    notes = [a.text for a in fig.layout.annotations if a.xanchor == "left"]
    assert notes == ["<b>2 claims</b><br>2024-02 →<br>2025-08-20", "<b>1 claim</b><br>2025"]


def test_an_empty_lane_says_so_and_an_empty_view_has_a_message(data):
    frame = data.frame()
    fig = stance_timeline_figure(frame[frame["topic"] == "open-source"], data,
                                 ["open-source", "long-context"])
    assert "no claims<br>in this view" in [a.text for a in fig.layout.annotations]
    empty = stance_timeline_figure(frame.iloc[0:0], data)
    assert [a.text for a in empty.layout.annotations] == [figures.EMPTY_MESSAGE]
    assert [a.text for a in stance_heatmap_figure(frame.iloc[0:0], data).layout.annotations] \
        == [figures.EMPTY_MESSAGE]


def test_pole_labels_stand_beside_the_outer_ticks_whole_and_wrapped_never_cut(data):
    fig = stance_timeline_figure(data.frame(), data, ["open-source"])
    assert list(fig.layout.yaxis.ticktext) == ["−2", "−1", "0", "+1", "+2"]
    poles = {a.y: a for a in fig.layout.annotations if a.name == "pole"}
    assert poles[2].text == "Open-source frontier<br>models." and poles[2].yanchor == "top"
    assert poles[-2].text == "Keep models closed." and poles[-2].yanchor == "bottom"
    assert pole_label("Long context is a side issue, not a priority.") == (
        "Long context is a side<br>issue, not a priority.")
    assert pole_label("A <script> pole that goes on") == "A &lt;script&gt; pole that goes<br>on"
    assert pole_label("前沿模型应当闭源，开源落后，领先者不开源") == (
        "前沿模型应当闭源，开源落后，<br>领先者不开源")  # a Chinese character takes an em
    assert pole_label("Mmm wwww mmmm wwww mmmm") == "Mmm wwww mmmm<br>wwww mmmm"  # wide letters
    assert pole_label("see https://example.com/a-long-address") == (
        "see https://exampl<br>e.com/a-long-address")  # a word longer than a line


def test_a_long_pole_is_shown_whole_and_its_lane_grows_to_hold_it(write_claims):
    document = claims_document()
    document["topics"][0].update(LONG_POLES)
    long = timeline.load(write_claims(document))
    short = timeline.load(write_claims(claims_document(), name="short.yaml"))
    fig = stance_timeline_figure(long.frame(), long, ["open-source"])
    poles = {a.y: a.text for a in fig.layout.annotations if a.name == "pole"}
    for level, pole in ((2, LONG_POLES["positive"]), (-2, LONG_POLES["negative"])):
        shown = poles[level].replace("<br>", " ")
        assert "…" not in shown and "".join(shown.split()) == "".join(pole.split())
        assert max(text_pixels(line) for line in poles[level].split("<br>")) <= POLE_PIXELS
    lines = max(len(text.split("<br>")) for text in poles.values())
    assert lines > 4  # more than the lanes of short poles hold
    stance_pixels = ((fig.layout.yaxis.domain[1] - fig.layout.yaxis.domain[0])
                     * (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b)
                     * 5.4 / (fig.layout.yaxis.range[1] - fig.layout.yaxis.range[0]))
    # each pole has the room from its outer tick to the middle, where they meet
    assert stance_pixels * 2 / 5.4 + LINE_PIXELS / 2 >= lines * LINE_PIXELS
    assert fig.layout.height > stance_timeline_figure(short.frame(), short,
                                                      ["open-source"]).layout.height


def test_webgl_above_the_threshold_while_the_chart_fits_a_webgl_canvas(data, monkeypatch):
    def marker_kinds(**options: object) -> set[str]:
        fig = stance_timeline_figure(data.frame(), data, **options)
        assert fig.layout.height <= figures.WEBGL_MAX_SIDE or "scattergl" not in {
            t.type for t in fig.data}
        return {t.type for t in traces(fig, "claims")}

    assert marker_kinds() == {"scatter"}
    monkeypatch.setattr(figures, "WEBGL_THRESHOLD", 2)
    assert marker_kinds() == {"scattergl"}
    assert marker_kinds(webgl=False) == {"scatter"}  # static images
    lanes = len(data.topics)
    monkeypatch.setattr(figures, "WEBGL_MAX_SIDE", figures.LANE_HEIGHT * lanes)  # too tall
    assert marker_kinds(topics=[t.id for t in data.topics]) == {"scatter"}


def test_crowded_spots_spread_without_leaving_their_stance(write_claims):
    many = [claim(f"m{i}", "2024-02", 1, source="talk-2024") for i in range(7)]
    data = timeline.load(write_claims(claims_document(many)))
    fig = stance_timeline_figure(data.frame(), data)
    points = traces(fig, "claims")[0]
    assert len(set(zip(points.x, points.y, strict=True))) == 7
    assert all(abs(y - 1) <= 0.25 for y in points.y)


def test_heatmap_mean_stance_and_counts_per_half_year(data):
    fig = stance_heatmap_figure(data.frame(), data)
    heat = fig.data[0]
    assert list(heat.x) == ["2024 H1", "2024 H2", "2025 H1", "2025 H2"]
    assert list(heat.y) == ["Open vs. closed", "Long context"]
    assert [list(row) for row in heat.text] == [["1", "", "", "2"], ["", "", "", "1"]]
    assert heat.z[0][0] == -2 and heat.z[0][3] == 1.5 and pd.isna(heat.z[0][1])
    assert heat.z[1][3] == 2  # a year-precise claim sits at the year's middle


def test_default_topics_are_all_topics_without_featured_ones(data):
    assert default_topics(data) == [t.id for t in data.topics]


def test_default_topics_are_the_headers_featured_ones(write_claims):
    header = {"title": "T", "featured_topics": ["long-context"]}
    featured = timeline.load(write_claims(claims_document(dataset=header)))
    assert default_topics(featured) == ["long-context"]


def test_the_opened_claim_gets_a_ring_on_its_marker(data):
    frame = data.frame()
    fig = stance_timeline_figure(frame, data, ["long-context", "open-source"])
    markers = traces(fig, "claims", "open-source")[0]
    index = list(markers.ids).index("c")
    ring = selection_ring(frame, ["long-context", "open-source"], "c")
    assert ring is not None and (ring["xref"], ring["yref"]) == ("x2", "y2")
    assert (pd.Timestamp(ring["xanchor"]), ring["yanchor"]) == (
        pd.Timestamp(markers.x[index]), markers.y[index])
    assert selection_ring(frame, ["long-context"], "c") is None  # its lane is not shown
    assert selection_ring(frame, ["open-source"], "nope") is None


def test_hovers_are_brief_above_the_limit_and_the_chart_says_so(data, monkeypatch):
    def hovers(fig: go.Figure) -> dict[str, str]:
        markers = traces(fig, "claims")[0]
        return dict(zip(markers.ids, markers.hovertext, strict=True))

    frame = data.frame()
    full = stance_timeline_figure(frame, data, ["open-source"])
    monkeypatch.setattr(figures, "FULL_HOVER_LIMIT", len(frame) - 1)
    brief = stance_timeline_figure(frame, data, ["open-source"])
    assert hovers(brief)["a"] == "2024-02 (whole month)<br><b>Yang Zhilin</b> · stance -2"
    assert hovers(full)["a"].startswith(hovers(brief)["a"] + "<br>Closed")
    assert figures.BRIEF_HOVER_NOTE in [a.text for a in brief.layout.annotations]
    assert figures.BRIEF_HOVER_NOTE not in [a.text for a in full.layout.annotations]
    untexted = figures.stance_timeline_data(frame, data, ["open-source"], hover=False)
    assert figures.BRIEF_HOVER_NOTE not in [a["text"] for a in untexted["layout"]["annotations"]]
