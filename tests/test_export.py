"""Exports: exact CSV, formula neutralising, Excel BOM, JSON/JSON-LD, round trip, atomic writes."""

from __future__ import annotations

import io
import json
import os

import pandas as pd
import pytest
from conftest import claim, claims_document

import timeline
from timeline.export import (
    EXPORT_COLUMNS,
    claims_csv,
    claims_json,
    claims_jsonld,
    neutralise,
    write_atomic,
)


@pytest.fixture
def dataset(write_claims):
    return timeline.load(write_claims(claims_document([
        claim("a", "2024-02", -2, source="talk-2024", quote="开源落后于闭源，这也是个事实。",
              translation='Open source lags, "a fact", yes', also_in=["talk-2025"]),
        claim("b", "2025-07", 1, source="talk-2025", tags=["revisit", "k2"]),
    ])))


def test_csv_is_exact(dataset):
    lines = claims_csv(dataset.frame()).splitlines()
    assert lines[0] == ",".join(EXPORT_COLUMNS)
    assert lines[0].startswith("id,date,speaker,organization,topic,stance,quote,translation,"
                               "summary,source,source_title,source_date,location")
    assert lines[1] == (
        'a,2024-02,yang-zhilin,Moonshot AI,open-source,-2,开源落后于闭源，这也是个事实。,'
        '"Open source lags, ""a fact"", yes",Summary a,talk-2024,Talk 2024,2024-03-01,Section 1,'
        "month,Yang Zhilin,Open vs. closed,Why this stance.,https://example.com/2024,talk-2025,,"
        "zh,,False,0,2024-02-01,2024-02-29")


def test_csv_dates_parse_in_pandas_without_a_format(dataset):
    back = pd.read_csv(io.StringIO(claims_csv(dataset.frame())),
                       parse_dates=["date_start", "date_end"])
    assert back["date_start"].dt.strftime("%Y-%m-%d").tolist() == ["2024-02-01", "2025-07-01"]
    assert back["date_end"].dt.strftime("%Y-%m-%d").tolist() == ["2024-02-29", "2025-07-31"]


def test_csv_round_trips_through_pandas(dataset):
    frame = dataset.frame()
    back = pd.read_csv(io.StringIO(claims_csv(frame)), dtype=str, keep_default_na=False)
    expected = frame[EXPORT_COLUMNS].astype(str)
    pd.testing.assert_frame_equal(back, expected.reset_index(drop=True))


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)"])
def test_formula_cells_are_neutralised(write_claims, text):
    data = timeline.load(write_claims(claims_document([
        claim("f", "2024-02", -2, source="talk-2024", summary=text)])))
    back = pd.read_csv(io.StringIO(claims_csv(data.frame())), dtype=str, keep_default_na=False)
    assert back.loc[0, "summary"] == "'" + text
    assert back.loc[0, "stance"] == "-2"  # numbers stay numbers


def test_tab_and_carriage_return_are_neutralised_too():
    # the loader strips surrounding whitespace, so these reach the CSV only via other paths
    assert [neutralise(v) for v in ("\tx", "\rx", "x=1", 3)] == ["'\tx", "'\rx", "x=1", 3]


def test_excel_flag_adds_a_bom(dataset):
    assert claims_csv(dataset.frame(), excel=True).startswith("\ufeffid,")
    assert not claims_csv(dataset.frame()).startswith("\ufeff")


def test_json_keeps_lists(dataset):
    records = json.loads(claims_json(dataset.frame(), dataset))["claims"]
    assert records[0]["also_in"] == ["talk-2025"] and records[1]["tags"] == ["revisit", "k2"]
    assert records[0]["quote"] == "开源落后于闭源，这也是个事实。"


def test_jsonld_links_each_claim_to_the_one_it_shifts_from(dataset):
    document = json.loads(claims_jsonld(dataset.frame(), dataset))
    graph = {node["identifier"]: node for node in document["@graph"]}
    assert graph["a"]["@type"] == "Claim" and "shiftsFrom" not in graph["a"]
    assert graph["b"]["shiftsFrom"] == ["#a"]
    assert graph["b"]["author"]["name"] == "Yang Zhilin"
    assert graph["a"]["appearance"]["url"] == "https://example.com/2024"
    assert graph["a"]["datePublished"] == "2024-02"


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")

    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.csv"]
