"""A time named relative to now ("last week", "yesterday", "recently"): the articles are from another time
(2021 for the shipped ones), and which week the asker means can't be told, so such a period is never matched
against the articles' own "this week" or "last week", which are weeks of their writing. A timeline topic or a
chat message naming one is told the period the articles cover and how to name a date instead."""

from __future__ import annotations

import re
from datetime import date, timedelta

from index.dates import day_words

_NUMBER = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|a\s+few|a\s+couple\s+of"
           r"|couple\s+of)")
_UNIT = r"(?:days?|weeks?|fortnights?|months?|years?)"
RELATIVE_PERIOD = re.compile(
    r"\b(?:(?:this|last|past|previous|next|coming)\s+(?:week(?:end)?|fortnight|month|year|few\s+" + _UNIT + ")"
    r"|(?:the\s+)?(?:last|past|previous|next|coming)\s+" + _NUMBER + r"\s+" + _UNIT
    + r"|" + _NUMBER + r"\s+" + _UNIT + r"\s+ago"
    r"|yesterday|today|tonight|tomorrow|recently|lately|nowadays|these\s+days|right\s+now|currently"
    r"|this\s+(?:morning|afternoon|evening)|last\s+night)\b",
    re.IGNORECASE)


def relative_period(text: str) -> str | None:
    """The first time ``text`` names relative to now ("last week", "2 days ago"), as written; None for none."""
    found = RELATIVE_PERIOD.search(text)
    return " ".join(found.group(0).split()) if found else None


def _short(day: date) -> str:
    return f"{day:%b}".lower() + f" {day.day}"


def relative_note(period: str, covered: tuple[str, str] | None) -> str:
    """What a topic naming ``period`` is told: that it can't be placed, the period the articles cover, and two
    dates to ask instead, from the articles' last week."""
    if covered is None:
        return (f"I can't tell which days “{period}” means: the articles are dated by their own time, not today's. "
                "Name a date instead, such as “feb 10” or “between feb 8 and feb 12”.")
    first, last = (date.fromisoformat(d) for d in covered)
    start = max(first, last - timedelta(days=6))
    return (f"I can't tell which days “{period}” means: the articles are from {day_words(first)} to "
            f"{day_words(last)}, not from now. Name a date instead, such as “{_short(last)}” or “between "
            f"{_short(start)} and {_short(last)}”.")
