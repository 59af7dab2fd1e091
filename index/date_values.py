"""An event's date as one string, and how precise it is: the form the index writes and the timeline, its filters,
JSON and pictures read.

ISO 8601 where it has a form: a day ``2021-02-10``, a month ``2021-02``, a year ``2019``, a span of days
``2021-02-08/2021-02-14`` (a week, a range). A part of a month or a year that an article names without its days
("late January", "the first week of June", "mid-2020") is a span whose ends are marked approximate with ``~``
(as ISO 8601-2 marks them): ``2024-01-21~/2024-01-31~``, ``2020-05~/2020-08~``; the end of a month or of a year
("by the end of the month") its approximate last day, ``2024-02-29~``. Written as exact days, "late January"
would read as if the article had said "from 21 to 31 January", and "in 2019" as 1 January 2019; shown, each is
said as the article said it: "late January 2024", "2019" (``date_words``).

Which days a part spans is the topics' reading too (``retrieval.month_parts``: "early feb" is the 1st to the
10th), so that a topic naming a part of a month finds the events told as that part.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

# A part of a month: its first and last day; 0 is the month's last day, a negative first day counts back from it.
MONTH_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 10), "mid": (11, 20), "late": (21, 0), "first-half": (1, 15), "second-half": (16, 0),
    # the last week before the fourth: in a February of 28 days they are one, and "the last week" is how it is said
    "first-week": (1, 7), "second-week": (8, 14), "third-week": (15, 21), "last-week": (-6, 0),
    "fourth-week": (22, 28),
}
# A part of a year: its first and last month.
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "mid": (5, 8), "late": (9, 12), "first-half": (1, 6), "second-half": (7, 12),
}
# "end": the approximate last day (of a month, or of a year), whichever is the whole.
END = "end"

VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?~?(?:/\d{4}-\d{2}(?:-\d{2})?~?)?)?$")

# How precise a date is, finest first: "day" (one day), "week" (Monday to Sunday), "range" (days told from
# one to another), "part of month", "month", "part of year", "year".
PRECISIONS = ("day", "week", "range", "part of month", "month", "part of year", "year")


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_part(year: int, month: int, part: str) -> str:
    """The value of ``part`` (``MONTH_PARTS`` or ``END``) of a month: ``2024-01-21~/2024-01-31~``,
    ``2024-02-29~``."""
    last = _last_day(year, month)
    if part == END:
        return f"{date(year, month, last).isoformat()}~"
    first_day, last_day = MONTH_PARTS[part]
    first = date(year, month, last + first_day if first_day < 0 else first_day)
    return f"{first.isoformat()}~/{date(year, month, last_day or last).isoformat()}~"


def year_part(year: int, part: str) -> str:
    """The value of ``part`` (``YEAR_PARTS`` or ``END``) of a year: ``2020-05~/2020-08~``, ``2019-12-31~``."""
    if part == END:
        return f"{year:04d}-12-31~"
    first, last = YEAR_PARTS[part]
    return f"{year:04d}-{first:02d}~/{year:04d}-{last:02d}~"


def _end(value: str, last: bool) -> date:
    value = value.rstrip("~")
    if len(value) == 4:
        return date(int(value), 12, 31) if last else date(int(value), 1, 1)
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return date(year, month, _last_day(year, month) if last else 1)
    return date.fromisoformat(value)


def span_of(value: str) -> tuple[date, date]:
    """The first and last day a date value holds (``ValueError`` for no value)."""
    if not VALUE.match(value):
        raise ValueError(f"not a date value: {value!r}")
    first, _, last = value.partition("/")
    return _end(first, False), _end(last or first, True)


def sort_key(value: str) -> tuple[date, str]:
    """Timeline order: by first day, and on one first day as the text sorts, which keeps ISO's own order: a year
    before its January, a month before its first day, a week or a range right after its first day, and a part of
    a month or year (approximate) after the events of the day it begins on."""
    return span_of(value)[0], value


def approximate(value: str) -> bool:
    """A part of a month or a year, or the end of one (``~``): no day in it was named."""
    return "~" in value


def exact_days(value: str) -> bool:
    """A day, a week or a range: every day in it is one the articles named (a topic naming one day may match
    it); a month, a year or a part of one names none."""
    return not approximate(value) and len(value.split("/")[0]) == 10


def precision(value: str) -> str:
    """How precise ``value`` is (``PRECISIONS``)."""
    first, _, last = value.partition("/")
    if approximate(value):
        if not last:  # an end: of the year when it is December's
            return "part of year" if first.startswith("12-31", 5) else "part of month"
        return "part of month" if len(first) == 11 else "part of year"
    if len(first) == 4:
        return "year"
    if len(first) == 7:
        return "month"
    if not last:
        return "day"
    start, end = span_of(value)
    return "week" if start.weekday() == 0 and (end - start).days == 6 else "range"


_MONTH_WORDS = {"early": "early {m}", "mid": "mid-{m}", "late": "late {m}", "first-half": "the first half of {m}",
                "second-half": "the second half of {m}", "first-week": "the first week of {m}",
                "second-week": "the second week of {m}", "third-week": "the third week of {m}",
                "fourth-week": "the fourth week of {m}", "last-week": "the last week of {m}"}
_YEAR_WORDS = {"early": "early {y}", "mid": "mid-{y}", "late": "late {y}", "first-half": "the first half of {y}",
               "second-half": "the second half of {y}"}


def date_words(value: str) -> str | None:
    """A month, a year or a part of one as the articles word it ("March 2019", "early June 2021", "mid-2020",
    "the end of February 2024", "the end of 2025"), never as a day it did not name; None for a day, a week or a
    range, which are written as their days."""
    from index.dates import MONTHS  # here: ``index.dates`` reads tenses with ``index.date_tense``, which reads this

    if exact_days(value) or not VALUE.match(value):
        return None
    first, last = span_of(value)
    month = f"{MONTHS[first.month - 1]} {first.year}"
    if not approximate(value):
        return str(first.year) if len(value) == 4 else month
    if "/" not in value:
        return f"the end of {first.year}" if (first.month, first.day) == (12, 31) else f"the end of {month}"
    if len(value.split("/")[0]) == 8:  # months: a part of a year
        part = next((p for p, (a, b) in YEAR_PARTS.items() if (a, b) == (first.month, last.month)), None)
        return _YEAR_WORDS[part].format(y=first.year) if part else f"{month} to {MONTHS[last.month - 1]} {last.year}"
    length = _last_day(first.year, first.month)
    for part, (a, b) in MONTH_PARTS.items():
        if (length + a if a < 0 else a, b or length) == (first.day, last.day):
            return _MONTH_WORDS[part].format(m=month)
    return f"around {first.day} to {last.day} {month}"
