"""The heads of a live blog's or a chronology's entries: a line that is only when the entry below it was written.

A live blog is a run of short entries, each under its day and time ("Feb 9, 21:15", "14:05 IST", "Tuesday,
February 9, 2021 09:30"), newest first. Read as sentences, the heads were quoted ("Feb 9, 09:30") and were the
timeline's events, summing up a day by its time of day, while the entries' own sentences were filed under no day,
and an entry's "tonight" or "this morning" was read from the day the blog was last updated, a day late. A head
says when its entry happened: it is no sentence (``index.furniture``), the entry's first sentence is an event of
its day, and the entry's relative days count from it (``index.events``).

A head may open with an update's word ("Update: Feb 9, 11:20", "UPDATE (Feb 9, 11:20):", "Update 14:05 IST") or give
its time before its day ("11:20 AM, Feb 9", "21:15 IST, February 9"): read as sentences, such heads alone on their
lines were the timeline's events and their entries' sentences were dated by nothing. "Updated …" is a page's stamp
(``index.stamps``), not an entry's head.

A line is a head only where the text has several (a single date alone under a headline is the article's stamp,
``index.furniture._date_alone``) and a line of story follows it. A time alone ("16:40") takes the day of the nearest
head above it that names one ("February 9, 2021" over "21:15 IST", "13:45 IST"), or the article's own day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s+[A-Z]{2,4}T?|\s*\([A-Z]{2,4}\))?"
# An update's word opening a head ("Update:", "UPDATE (", "Update -"), and what closes it (")", ":").
_UPDATE = r"(?:update\b\s*[:,\-–—]?\s*\(?\s*)?"
_CLOSE = r"\)?\s*:?"
# "Feb 9", "9 Feb", "February 9, 2021", with a weekday before it and a time after it ("Feb 9, 21:15", "Feb 9 at 9pm")
# or before it ("11:20 AM, Feb 9", "21:15 IST, February 9").
_SEP = r"\s*(?:,|at|-|–|—|\||·)?\s*"
_DAY = re.compile(
    rf"\s*{_UPDATE}(?:(?P<before>{_TIME})\s*(?:,|at|on|-|–|—|\||·)?\s*)?{_WEEKDAY}"
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}))"
    rf"(?:,?\s+(?P<year>\d{{4}}))?(?(before)|(?:{_SEP}(?P<time>{_TIME}))?){_CLOSE}\s*",
    re.IGNORECASE,
)
_TIME_ALONE = re.compile(rf"\s*{_UPDATE}{_TIME}{_CLOSE}\s*", re.IGNORECASE)
_MONTH_NUMBERS = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MAX_CHARS = 45  # "Wednesday, February 10, 2021, 09:30 a.m. IST": a head, not a sentence


@dataclass(frozen=True)
class EntryHead:
    line: int  # the head's line number in the text
    start: int  # offsets of the head's line in the text
    end: int
    day: date | None  # the day it names, or takes; None where no year can be told
    year_given: bool  # the head writes its year ("Feb 9, 2021, 09:30")


def _head_day(line: str) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of a head naming its day; None for any other line."""
    found = _DAY.fullmatch(line)
    if found is None:
        return None
    month = _MONTH_NUMBERS.get((found.group("m1") or found.group("m2")).lower()[:3])
    day = int(found.group("d1") or found.group("d2"))
    year = int(found.group("year")) if found.group("year") else None
    return (month, day, year) if month else None


def _is_head(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= _MAX_CHARS and (_head_day(stripped) is not None
                                                 or _TIME_ALONE.fullmatch(stripped) is not None)


def _dated(month: int, day: int, year: int | None, article: date | None) -> date | None:
    """The day a head names: its own year, else the article's, or the year before where that puts the day after
    the article (an entry of December 31 in a blog updated on January 1)."""
    chosen = year or (article.year if article else None)
    if chosen is None:
        return None
    try:
        found = date(chosen, month, day)
        if year is None and article is not None and found > article:
            found = date(chosen - 1, month, day)
    except ValueError:
        return None
    return found


def entry_heads(text: str, article: date | None = None) -> list[EntryHead]:
    """The entry heads of ``text`` in reading order, each with its day (``article`` gives a yearless head its year
    and a time alone its day when no head above names one); none unless there are two heads or more, each over a
    line of story."""
    lines = text.splitlines(keepends=True)
    following = [""] * len(lines)  # the next line with text under each line
    for n in range(len(lines) - 2, -1, -1):
        following[n] = lines[n + 1].strip() or following[n + 1]
    found: list[tuple[int, int, int, str]] = []
    start = 0
    for n, line in enumerate(lines):
        if _is_head(line) and following[n]:  # a day's head may be over its entries' times
            found.append((n, start, start + len(line.rstrip("\r\n")), line.strip()))
        start += len(line)
    if len(found) < 2:
        return []
    heads: list[EntryHead] = []
    current, current_year = article, False
    for n, begin, end, line in found:
        named = _head_day(line)
        if named:
            current, current_year = _dated(*named, article), named[2] is not None
        heads.append(EntryHead(n, begin, end, current, current_year))
    return heads


def entry_day(heads: list[EntryHead], position: int) -> EntryHead | None:
    """The head of the entry holding ``position``: the last head before it."""
    found = None
    for head in heads:
        if head.end > position:
            break
        found = head
    return found
