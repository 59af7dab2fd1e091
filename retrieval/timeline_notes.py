"""What a timeline says besides its events: why it lists none, and what to ask instead.

Split from ``retrieval.timeline``, which finds and dates the events; these notes only read the topic, the index's
words and the period the articles cover.
"""

from __future__ import annotations

import re

from index.dates import day_words
from index.stamps import YEARS, no_such_day
from retrieval.date_filters import DateFilter, Day, Period
from retrieval.figure_dates import FIGURES_DATE, figures_note
from retrieval.loaded import LoadedIndex
from retrieval.question import analyse
from retrieval.reach import absent_words, period_covered
from retrieval.wording import never_use


def timeline_note(
    index: LoadedIndex, has_events: bool, dates: list[DateFilter], dated: bool, year: int, rest: str,
    unreadable: re.Match[str] | None,
) -> str:
    """The note of a timeline of ``dates`` (``dated``: whether they hold any event) and the topic's other words
    ``rest``; ``unreadable``: its day in figures that reads either way round, if any."""
    note = "" if not dates or dated else dates_note(dates, year, period_covered(index))
    if not has_events and (written := unreadable or FIGURES_DATE.search(rest)):
        note = f"{figures_note(written)} {period_covered(index)}".strip()
    elif not has_events and not dates:  # with dates, the turns layer may say the day's events are about other things
        note = undated_note(index, rest)
    return note


def undated_note(index: LoadedIndex, words: str) -> str:
    """What a timeline of a topic with no dated event says next: "/timeline koo" answered only "The articles give
    no dated events about “koo”", a dead end, while they say much about Koo in sentences that date nothing. When
    the topic's words are in the articles, that a question finds those sentences; otherwise which of them no article
    uses, as a decline names them (``retrieval.wording``). Only for a topic naming no date: one that does is
    told which period the articles cover, or (``retrieval.timeline_turns``) that its days' events are about other
    things."""
    question = analyse(words)
    if not question.terms:
        return ""
    absent, _ = absent_words(index, question)
    if absent:  # "cricket world cup": "The articles never use the words “cricket” or “cup”."
        return f"The articles {never_use(absent)}."
    return "Its words are in the articles without a date: ask about it as a question to see those passages."


def dates_note(dates: list[DateFilter], year: int, covered: str) -> str:
    """What a timeline says when the dates its topic names hold no event: that a period named backwards
    ("between feb 15 and feb 10") ends before it starts, that a day does not exist ("February 30": it had been
    answered only with the period the articles cover, as if that day had been looked up; nor does an end of a
    period, which matches no event), and which period the articles cover."""
    backwards = [span for d in dates if isinstance(d, Period) and (span := d.days(year)) and span[0] > span[1]]
    said = [f"{day_words(first)} to {day_words(last)} ends before it starts: name the earlier day first."
            for first, last in backwards]
    said += [_no_day(d.written) for d in _days_named(dates) if d.written and d.days(year) is None]
    return " ".join([*said, covered]).strip()


def _days_named(dates: list[DateFilter]) -> list[Day]:
    """The days ``dates`` name, a period's ends among them: "feb 10 to feb 31" is told its end is no day, as
    "feb 31" alone is."""
    return [day for d in dates for day in ((d.start, d.end) if isinstance(d, Period) else (d,)) if day is not None]


def _no_day(written: str) -> str:
    """Why a date the topic names is none: a day the month lacks, or a year outside those dates are read in."""
    if (why := no_such_day(written)) is not None:
        return f"{written} is no day ({why}): check the day and month."
    if (year := re.search(r"(?<!\d)\d{4,}(?!\d)", written)) is not None and int(year.group()) not in YEARS:
        return f"{written} is outside the years dates are read in ({YEARS.start} to {YEARS.stop - 1})."
    return f"{written} is no day of the calendar: check the day and month."
