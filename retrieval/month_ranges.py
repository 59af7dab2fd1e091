"""Two months joined with a year given to either: "February 2021 to January 2021", "Jan 2021 - Mar 2021",
"january to march 2021", "between November 2020 and February 2021". One period, from the first month's first day
to the last's last.

Read as two months apart, "January 2021 to March 2021" left February out, and "February 2021 to January 2021"
listed both months' events as if in order, where a period of days named backwards is told that it ends before
it starts (``retrieval.timeline_notes``). Two months without a year are ``retrieval.topic_dates``' own reading.
"""

from __future__ import annotations

import re

from retrieval.topic_months import FULL_MONTH_NAMES, month_named

_YEAR = r"(?:19|20)\d{2}"
# "and" joins two months into a period only after "between": "January 2021 and March 2021" alone is two months.
MONTH_YEAR_RANGE = re.compile(
    rf"\b(?:(?P<between>between\s+)|from\s+)?(?P<first>{FULL_MONTH_NAMES})(?:,?\s+(?P<first_year>{_YEAR}))?"
    rf"(?:\s*[-–—]\s*|\s+(?:to|until|till|through)\s+|(?(between)\s+and\s+|(?!)))"
    rf"(?P<last>{FULL_MONTH_NAMES})(?:,?\s+(?P<last_year>{_YEAR}))?\b",
    re.IGNORECASE,
)
_OVER_YEAR_END_MONTHS = 6  # a year left out crosses a year's end only this far ("November 2020 to February")


def month_year_ranges(written: str) -> tuple[list[tuple[int, int, int, int]], str]:
    """Each period's (first year, first month, last year, last month), and ``written`` with their words blanked
    (its length kept: ``retrieval.topic_dates`` takes dates out of a topic by position). A year given once is
    the other end's too, a year earlier or later when the months cross a year's end within half a year."""
    found: list[tuple[int, int, int, int]] = []

    def taken(match: re.Match[str]) -> str:
        first, last = month_named(match.group("first")), month_named(match.group("last"))
        first_year, last_year = match.group("first_year"), match.group("last_year")
        if first is None or last is None or (first_year is None and last_year is None):
            return match.group()
        crosses = first > last and 12 - first + last <= _OVER_YEAR_END_MONTHS
        start = int(first_year) if first_year else int(last_year) - crosses
        end = int(last_year) if last_year else start + crosses
        found.append((start, first, end, last))
        return " " * len(match.group())

    return found, MONTH_YEAR_RANGE.sub(taken, written)
