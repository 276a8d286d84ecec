"""Callbacks' answers kept per file and view; the zoom window read from plotly's events."""

from __future__ import annotations

from dashboard.answers import Answers
from dashboard.panels import zoom_window


def test_an_answer_is_worked_out_once_and_the_least_recently_used_goes_first():
    worked: list[str] = []
    answers = Answers(kept=2)

    def get(key: str) -> str:
        return answers.get(key, lambda: worked.append(key) or key.upper())

    assert [get("a"), get("b"), get("a")] == ["A", "B", "A"] and worked == ["a", "b"]
    get("c")  # over the bound: "b", used least recently, goes
    get("a")
    get("b")
    assert worked == ["a", "b", "c", "b"]


def test_zoom_window_from_plotlys_relayout_events():
    assert zoom_window({"xaxis3.range[0]": "2023-01-01 06:00", "xaxis3.range[1]": "2023-06-30"}
                       ) == ("2023-01-01", "2023-06-30")
    assert zoom_window({"xaxis.range": ["2022-05-01", "2022-09-01 12:00"]}) == ("2022-05-01",
                                                                                 "2022-09-01")
    assert zoom_window({"xaxis2.autorange": True}) is None
    assert zoom_window({"autosize": True}) is False
    assert zoom_window(None) is False


def test_answers_bounded_by_weight_drop_the_least_recently_used_and_never_keep_a_giant():
    answers: Answers[str] = Answers(kept=10, weigh=len)
    answers.keep("a", "aaaa")
    answers.keep("b", "bbbb")
    answers.find("a")
    answers.keep("c", "cccc")  # 12 > 10: "b", used least recently, goes
    assert [answers.find(key) for key in "abc"] == ["aaaa", None, "cccc"]
    answers.keep("d", "d" * 11)
    assert answers.find("d") is None and answers.find("a") == "aaaa"
