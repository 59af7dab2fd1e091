"""The one string an event's date is written as (``index.date_values``): its days, precision, words and order."""

from __future__ import annotations

from datetime import date

import pytest

from index.date_values import date_words, exact_days, month_part, precision, sort_key, span_of, year_part


@pytest.mark.parametrize(("value", "first", "last", "kind", "words"), [
    ("2021-02-10", date(2021, 2, 10), date(2021, 2, 10), "day", None),
    ("2021-02-08/2021-02-14", date(2021, 2, 8), date(2021, 2, 14), "week", None),
    ("2021-02-03/2021-02-06", date(2021, 2, 3), date(2021, 2, 6), "range", None),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month", "February 2024"),
    ("2019", date(2019, 1, 1), date(2019, 12, 31), "year", "2019"),
    ("2024-01-21~/2024-01-31~", date(2024, 1, 21), date(2024, 1, 31), "part of month", "late January 2024"),
    ("2023-06-01~/2023-06-07~", date(2023, 6, 1), date(2023, 6, 7), "part of month", "the first week of June 2023"),
    ("2024-02-29~", date(2024, 2, 29), date(2024, 2, 29), "part of month", "the end of February 2024"),
    ("2020-05~/2020-08~", date(2020, 5, 1), date(2020, 8, 31), "part of year", "mid-2020"),
    ("2025-12-31~", date(2025, 12, 31), date(2025, 12, 31), "part of year", "the end of 2025"),
])
def test_a_values_days_precision_and_words(value: str, first: date, last: date, kind: str, words: str | None) -> None:
    """A month, a year or a part of one is said as the article said it, never as a day it did not name."""
    assert span_of(value) == (first, last)
    assert precision(value) == kind
    assert date_words(value) == words
    assert exact_days(value) == (kind in ("day", "week", "range"))


def test_parts_are_written_and_read_back() -> None:
    assert month_part(2023, 2, "last-week") == "2023-02-22~/2023-02-28~"
    assert date_words(month_part(2023, 2, "last-week")) == "the last week of February 2023"  # also its fourth
    assert date_words(month_part(2021, 3, "mid")) == "mid-March 2021"
    assert date_words(year_part(2022, "first-half")) == "the first half of 2022"
    assert month_part(2024, 2, "end") == "2024-02-29~" and year_part(2019, "end") == "2019-12-31~"
    with pytest.raises(ValueError):
        span_of("late 2019")


def test_order_by_first_day_keeps_isos_own() -> None:
    """A year before its months, a month before its first day, a week right after its Monday (as before), and a
    part of a month after the events of the day it begins on."""
    values = ["2021-02-10", "2021-02", "2021", "2021-02-01~/2021-02-10~", "2021-02-01", "2021-02-01/2021-02-07",
              "2020-12-31~", "2021-02-28~"]
    assert sorted(values, key=sort_key) == ["2020-12-31~", "2021", "2021-02", "2021-02-01", "2021-02-01/2021-02-07",
                                            "2021-02-01~/2021-02-10~", "2021-02-10", "2021-02-28~"]
