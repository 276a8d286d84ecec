import datetime as dt

import pytest

from timeline.dates import PartialDate


@pytest.mark.parametrize("text, precision, start, end", [
    ("2024", "year", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2025-11-06", "day", dt.date(2025, 11, 6), dt.date(2025, 11, 6)),
])
def test_precision_is_kept(text, precision, start, end):
    date = PartialDate.parse(text)
    assert (str(date), date.precision, date.start, date.end) == (text, precision, start, end)


def test_month_is_not_turned_into_its_first_day():
    assert str(PartialDate.parse("2025-07")) == "2025-07"
    assert PartialDate.parse("2025-07").midpoint == dt.date(2025, 7, 16)


def test_yaml_values_are_accepted():
    assert str(PartialDate.parse(2024)) == "2024"
    assert str(PartialDate.parse(dt.date(2024, 3, 1))) == "2024-03-01"


@pytest.mark.parametrize("value, message", [
    ("2024-13", "not a valid month"),
    ("2023-02-29", "not a valid day"),
    ("24-03", "not a date"),
    ("2024/03", "not a date"),
    ("1850", "before 1900"),
    (dt.datetime(2024, 3, 1, 10), "time of day"),
    (True, "must be text"),
    (2.5, "must be text"),
])
def test_bad_dates_get_messages_for_people(value, message):
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(value)
