"""A part of a month that a timeline topic names ("early feb", "mid-february", "the end of January", "the
second week of february"), as the days it spans. Read once the topic's month names are written out in full
(``retrieval.topic_dates``), and before its dates, so that "feb" in "early feb" is not the whole month."""

from __future__ import annotations

import calendar
import re

from retrieval.topic_months import FULL_MONTH_NAMES, month_named

_PART_OF_MONTH = re.compile(
    r"\b(?:the\s+)?(?P<part>early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of|first\s+half\s+of|second\s+half\s+of"
    r"|(?:first|second|third|fourth|last)\s+week\s+of)(?:\s+|\s*-\s*)(?:the\s+month\s+of\s+)?"
    rf"(?P<month>{FULL_MONTH_NAMES})\b(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?",
    re.IGNORECASE)
_PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20),
          "late": (21, 31), "end": (21, 31), "first half": (1, 15), "second half": (16, 31), "first week": (1, 7),
          "second week": (8, 14), "third week": (15, 21), "fourth week": (22, 28), "last week": (-7, 31)}

# A part of a month: its year (None when not given), its month, and its first and last day.
MonthPart = tuple[int | None, int, int, int]


def parts_of_month(written: str) -> tuple[list[MonthPart], str]:
    """The parts of months ``written`` names, in order, and ``written`` with each one's words blanked to
    their length, so that the positions of the words after them hold."""
    found: list[MonthPart] = []

    def blank(m: re.Match[str]) -> str:
        found.append(_part_of_month(m))
        return " " * len(m.group(0))

    return found, _PART_OF_MONTH.sub(blank, written)


def _part_of_month(m: re.Match[str]) -> MonthPart:
    """"early feb" as the days it names (1-10; mid 11-20; late 21 to the month's end; halves, weeks)."""
    first, last = _PARTS[" ".join([w for w in m.group("part").lower().split() if w != "of"][:2])]
    month = month_named(m.group("month"))
    assert month is not None
    year = int(m.group("year")) if m.group("year") else None
    length = calendar.monthrange(year or 2001, month)[1]  # a yearless February has 28 days
    first = length + first + 1 if first < 0 else first
    return year, month, first, min(last, length)
