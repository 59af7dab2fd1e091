"""How dates are written for people, on every platform alike."""

from __future__ import annotations

from datetime import date

from index.date_values import approximate, date_words
from retrieval.types import DayMeant


def shown_date(value: str | None, estimated: bool = False) -> str | None:
    """``2021-02-10``; a week (``2021-02-08/2021-02-14``) as ``2021-02-08 – 2021-02-14``; a month, a year or a
    part of one in words ("February 2021", "2019", "late January 2024": ``index.date_values.date_words``), never as
    a day no article named; an estimated date as ``~2021-02-10 (estimated)``, so nobody takes a guess for a date
    the article gave."""
    if not value:
        return None
    text = date_words(value) or value.replace("/", " – ")
    return f"~{text} (estimated)" if estimated else text


def shown_meant(meant: DayMeant) -> str:
    """The day a quote's relative words stand for, beside its article's date: ``“Yesterday” = 2024-03-13``."""
    return f"“{meant.words}” = {shown_date(meant.day, meant.estimated) or meant.day}"


# Said after an event every report of which was of something still to come when written: a meeting
# announced, a deadline. Whether it then happened the articles don't say.
AHEAD_NOTE = "(still ahead when reported)"


def shown_event_date(value: str, estimated: bool = False, planned: bool = False) -> str:
    """An event's date as ``shown_date`` writes it, marked when it was only a plan or a deadline."""
    text = shown_date(value, estimated) or value
    return f"{text} {AHEAD_NOTE}" if planned else text


def span_words(value: str) -> str:
    """How a reply names an event's date when it points back at it: "that day", "that week" (Monday to
    Sunday, from "this week"), "that month", "that year", or "in that period" (a range of days, or a part of a
    month or year: "late January")."""
    if approximate(value):
        return "in that period"
    if "/" not in value:
        return {4: "that year", 7: "that month"}.get(len(value), "that day")
    try:
        first, last = (date.fromisoformat(d) for d in value.split("/", 1))
    except ValueError:  # no span of days a renderer can read: said without naming its length
        return "in that period"
    return "that week" if first.weekday() == 0 and (last - first).days == 6 else "in that period"
