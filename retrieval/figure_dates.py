"""A day written in figures alone in a timeline topic ("13/02/2021", "10.02.2021", "9/2"): no month name says
which figure is the month. With a year, one that can be read only one way is that day ("13/02/2021" is 13
February 2021: 13 is no month; "02/13/2021" the same day, month first; "05/05/2021" either way), and is
written out for ``retrieval.topic_dates`` to read as any other day (a period too: "13/02/2021 to
15/02/2021"). One that could be either ("10/02/2021": 10 February or 2 October) is named back to the asker
with how to write it, and lists nothing: listing the sentences that share its figures would answer a
question nobody asked. Without a year ("9/2", "24/7") figures are too often no date at all to be read as
one; a topic with them that lists nothing still says how to write a date.

Both are read against the period the articles cover (``within_period``): where only one reading falls in it,
that is the day meant. "10/02/2021" asked of articles covering 26 January to 14 February 2021 was asked back
("10 February 2021 or 2 October 2021?") although the articles can only speak of one of them, and "what did
twitter say on 8/2" was declined: the articles "never use the word “8/2”"."""

from __future__ import annotations

import re
from datetime import date

from index.dates import day_words
from index.figure_days import readings

FIGURES_DATE = re.compile(r"(?<![\d/.])(?P<first>\d{1,2})[/.](?P<second>\d{1,2})(?:[/.](?P<year>\d{4}|\d{2}))?"
                          r"(?![\d/.])")


def _readings(found: re.Match[str]) -> set[date]:
    """The days a figures date with a year can be: day first, month first, or both when they agree."""
    year = int(found["year"])
    return readings(int(found["first"]), int(found["second"]), year + 2000 if year < 100 else year)


# Without a year, figures are read as a day only after a word that leads to one ("on 8/2", "since 9/2",
# "between 8/2 and 10/2"): "24/7 coverage" or "3/4 of the accounts" are no dates.
_DAY_LEAD = re.compile(r"\b(?:on|since|by|before|after|until|till|from|to|between|and|of)\s+$", re.IGNORECASE)


def _readings_within(found: re.Match[str], first_day: date, last_day: date) -> set[date]:
    """The days a figures date can be, day or month first, that fall from ``first_day`` to ``last_day``; a date
    without a year is read in each year of that span."""
    if found["year"]:
        days = _readings(found)
    else:
        one, two = int(found["first"]), int(found["second"])
        days = {d for year in range(first_day.year, last_day.year + 1) for d in readings(one, two, year)}
    return {d for d in days if first_day <= d <= last_day}


def within_period(text: str, period: tuple[str, str] | None, topic: bool = False) -> str | None:
    """``text`` with each figures date that only one reading puts within ``period`` (the articles' first and
    last day, ISO) written out as that day; None when there is none. The year is written only where the asker
    wrote one: a question's "8/2" is searched as "8 February", the words an answer would hold. A timeline
    ``topic`` is about a time: its figures need no leading word ("9/2") to be read as a day."""
    if period is None:
        return None
    first_day, last_day = (date.fromisoformat(d) for d in period)

    def day(found: re.Match[str]) -> str:
        if not (found["year"] or topic or _DAY_LEAD.search(text[: found.start()])):
            return found.group(0)
        readings = _readings_within(found, first_day, last_day)
        if len(readings) != 1:
            return found.group(0)
        (only,) = readings
        return day_words(only) if found["year"] else day_words(only).rsplit(" ", 1)[0]

    out = FIGURES_DATE.sub(day, text)
    return out if out != text else None


def ambiguous_figures(topic: str) -> re.Match[str] | None:
    """The first figures date with a year in ``topic`` that could be either of two days ("10/02/2021")."""
    return next((m for m in FIGURES_DATE.finditer(topic) if m["year"] and len(_readings(m)) > 1), None)


def written_out(topic: str) -> str:
    """``topic`` with each figures date with a year that is one day only written as that day ("13/02/2021"
    as "13 February 2021"); unchanged when one of them could be either of two days, which is asked about
    instead (``ambiguous_figures``), and for one that is no day at all ("31/02/2021"), which is no date."""
    if ambiguous_figures(topic):
        return topic

    def day(found: re.Match[str]) -> str:
        readings = _readings(found) if found["year"] else set()
        if len(readings) != 1:
            return found.group(0)
        (only,) = readings
        return day_words(only)

    return FIGURES_DATE.sub(day, topic)


def figures_note(found: re.Match[str]) -> str:
    """What a topic whose figures date lists nothing is told: which days it could be, or that it is none."""
    readings = sorted(_readings(found)) if found["year"] else []
    written = found.group(0)
    if len(readings) == 2:
        first, second = (day_words(d) for d in readings)
        said = f"“{written}” could be {first} or {second} (day or month first?)"
    elif found["year"] and not readings:
        said = f"“{written}” is no day of the calendar"
    else:
        said = f"“{written}” can't be read as a date (day or month first?)"
    return f"{said}: write it as “feb 10” or “2021-02-10”."
