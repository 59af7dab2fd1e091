"""What a timeline topic's dates are once read (``retrieval.topic_dates``): a day or a month (``Day``), or a period
of days with open or excluded ends (``Period``), and which events each covers. A yearless date is any year's, a
yearless period the articles' year's, over its end when its months run backwards ("between dec 25 and jan 5");
a date that is no day (``NEVER``, "feb 30") covers none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from index.date_values import exact_days, span_of


@dataclass(frozen=True)
class Day:
    """A date a topic names: ``day`` None for a whole month, ``year`` None when not given."""

    year: int | None
    month: int
    day: int | None
    written: str = field(default="", compare=False)  # a day that does not exist ("February 30"), as the topic has it

    def covers(self, when: str, year: int) -> bool:
        """Whether an event dated ``when`` (a day, a week ``start/end`` or a month) falls on this date, in
        any year when the topic gave none (``year``, the articles' year, is for periods). A month-only event reports no
        particular day, so it answers a month, never a day; a part of a month ("late February"), a month (within it),
        never a day either, and a year or a part of a year neither (``_within``)."""
        if not exact_days(when):
            return self.day is None and _within(when, self.month, self.year)
        first, last = span_of(when)
        days = (first + timedelta(days=k) for k in range((last - first).days + 1))
        return any(d.month == self.month and self.day in (None, d.day) and self.year in (None, d.year)
                   for d in days)

    def days(self, year: int) -> tuple[date, date] | None:
        """The first and last day this names, in ``year`` when the topic gave none; None for no real day."""
        try:
            first = date(self.year or year, self.month, self.day or 1)
        except ValueError:
            return None
        return (first, first) if self.day is not None else span_of(first.isoformat()[:7])


NEVER = Day(None, 0, 0)  # what a topic naming no real day ("feb 30") matches: nothing
# A period of yearless ends whose first month comes later in the year than its last ("between dec 25 and jan 5",
# "november to february") runs over a year's end when that makes it this long at most; longer, it was named
# backwards ("between march 10 and feb 5").
_OVER_YEAR_END_DAYS = 183


@dataclass(frozen=True)
class Period:
    """The days from ``start`` to ``end``, each end included unless its ``*_excluded`` ("after feb 8" starts
    on February 9); an end None is open ("since feb 9"). An end that is a month starts or ends with it."""

    start: Day | None
    end: Day | None
    start_excluded: bool = False
    end_excluded: bool = False

    def days(self, year: int) -> tuple[date, date] | None:
        """First and last day (``date.min``/``date.max`` when open), a yearless end in ``year``; None when
        an end is no real day."""
        first, last = date.min, date.max
        if self.start is not None:
            span = self.start.days(year - 1 if self._over_year_end(year) else year)
            if span is None:
                return None
            first = span[1] + timedelta(days=1) if self.start_excluded else span[0]
        if self.end is not None:
            span = self.end.days(year)
            if span is None:
                return None
            last = span[0] - timedelta(days=1) if self.end_excluded else span[1]
        return first, last

    def _over_year_end(self, year: int) -> bool:
        """Whether the period runs from ``year - 1`` into ``year`` (``_OVER_YEAR_END_DAYS``): both ends yearless, the
        first's month later than the last's. Read in one year, "between dec 25 and jan 5" ended before it started,
        and the events of 28 to 31 December were never listed."""
        if self.start is None or self.end is None or self.start.year is not None or self.end.year is not None:
            return False
        first, last = self.start.days(year - 1), self.end.days(year)
        return (self.start.month > self.end.month and first is not None and last is not None
                and (last[1] - first[0]).days <= _OVER_YEAR_END_DAYS)

    def covers(self, when: str, year: int) -> bool:
        """Whether an event dated ``when`` has a day in the period (a yearless end in ``year``, the articles'
        year; one over a year's end, ending in it or the next): a week or a range overlaps it, a month-only event
        (no particular day) must lie wholly inside it, as it answers a month, not a day."""
        if self._over_year_end(year) and self._covers(when, year + 1):
            return True
        return self._covers(when, year)

    def _covers(self, when: str, year: int) -> bool:
        span = self.days(year)
        if span is None or span[0] > span[1]:
            return False
        first, last = span_of(when)
        if not exact_days(when):  # a month, a year or a part of one names no day: all of it must be in the period
            return span[0] <= first and last <= span[1]
        return first <= span[1] and span[0] <= last


def _within(when: str, month: int, year: int | None) -> bool:
    """Whether an event of no day (a month, a year, a part of one) lies wholly inside ``month`` (of ``year``, or
    of any year)."""
    first, last = span_of(when)
    return (first.year, first.month) == (last.year, last.month) and first.month == month and year in (None, first.year)


DateFilter = Day | Period
