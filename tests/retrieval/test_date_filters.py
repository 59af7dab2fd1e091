"""Which events a topic's dates cover (``retrieval.date_filters``): a yearless period whose months run backwards
over a year's end ("between dec 25 and jan 5") covers the days across New Year; one month's days named backwards
("between feb 15 and feb 10") cover none; a date that is no day covers nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retrieval.date_filters import NEVER, Day, Period


@pytest.mark.parametrize(("period", "inside", "outside"), [
    (Period(Day(None, 12, 25), Day(None, 1, 5)), ["2021-12-28", "2022-01-03", "2021-12-27/2022-01-02"],
     ["2021-12-24", "2022-01-06"]),
    (Period(Day(None, 12, None), Day(None, 1, None)), ["2021-12-01", "2022-01", "2020-12-31"],
     ["2021-02-10", "2022-02-01"]),
])
def test_a_yearless_period_over_a_years_end_is_not_backwards(period: Period, inside: list[str],
                                                             outside: list[str]) -> None:
    """"between dec 25 and jan 5" was read in one year, ended before it started, and listed nothing of a story
    that crossed New Year; a period of one month named backwards still does ("between feb 15 and feb 10")."""
    assert [w for w in inside if not period.covers(w, 2022) and not period.covers(w, 2021)] == []
    assert not any(period.covers(when, 2022) for when in outside)
    span = period.days(2022)
    assert span is not None and span[0] < span[1]  # no "ends before it starts" note
    backwards = Period(Day(None, 2, 15), Day(None, 2, 10))
    assert not backwards.covers("2021-02-12", 2021) and not backwards.covers("2021-02-12", 2022)


def test_a_date_that_is_no_day_covers_nothing() -> None:
    """"feb 30", alone or as a period's end ("feb 10 to feb 30"), names no real day, so no event."""
    never = replace(NEVER, written="February 30")
    assert never.days(2021) is None and not never.covers("2021-02-28", 2021)
    assert Period(Day(None, 2, 10), never).days(2021) is None
    assert not Period(Day(None, 2, 10), never).covers("2021-02-10", 2021)
