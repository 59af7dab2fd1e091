"""Days written in figures in an article's text: "On 10/02/2022 the regulator …", "sent on 27/01/2022".

``index.dates`` reads days whose month is a word; a day in figures was no date at all, so its sentence dated
nothing and the event was missing from the timeline. A day in figures can be read two ways ("10/02/2022": 10
February or 2 October), so it is read only when one reading is impossible (13 or more is no month), both name
the same day, the article shows how it writes such days (``index.day_order``: its other days in figures, time
zones, days written out), or the article's own date rules one out: told as past, a day after the article's date
could not have happened yet. Otherwise it is left unread, never guessed. Only a four-figure year is read: "10.02.22"
could as well be a score or a version.
"""

from __future__ import annotations

import re
from datetime import date

from index.date_resolution import valid_date
from index.date_roles import date_role
from index.date_tense import Clauses, tense
from index.dates import Mention

_FIGURES = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\w/-]|\.\d)")


def readings(first: int, second: int, year: int) -> set[date]:
    """The days "first/second/year" can be: day first, month first, one day when both agree, none when neither
    is a day of the calendar. Questions' figures dates are read with it too (``retrieval.figure_dates``)."""
    return {r for r in (valid_date(year, second, first), valid_date(year, first, second)) if r is not None}


def _reading(first: int, second: int, year: int, day_first: bool | None, written: date | None,
             future: bool) -> date | None:
    """The one day a figures date can name, or None when it can't be told."""
    found = readings(first, second, year)
    if len(found) == 1:
        return found.pop()
    if not found:
        return None
    if day_first is not None:
        return valid_date(year, second, first) if day_first else valid_date(year, first, second)
    if written is not None and not future:
        past = [r for r in found if r <= written]  # told as past: not after the article's date
        return past[0] if len(past) == 1 else None
    return None


def figure_mentions(sentence: str, day_first: bool | None, written: date | None) -> list[Mention]:
    """The days in figures ``sentence`` names, as ``index.dates`` mentions of kind ``day`` with their year.
    ``day_first``: how the article writes days in figures (``index.day_order``); ``written``: the article's
    given date (None when estimated, which can't rule a reading out)."""
    found: list[Mention] = []
    clauses: Clauses | None = None
    for match in _FIGURES.finditer(sentence):
        clauses = clauses or Clauses(sentence)
        start, end = match.span()
        future, reported = tense(clauses, start, end)
        day = _reading(int(match.group(1)), int(match.group(3)), int(match.group(4)), day_first, written, future)
        if day is not None:
            found.append(Mention(start, end, match.group(0), "day", day.month, day.day, day.year, future=future,
                                 reported=reported, role=date_role(sentence, start, end)))
    return found
