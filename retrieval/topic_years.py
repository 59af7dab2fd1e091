"""The years a timeline topic names alone ("2021", "in 2020", "from 2020 to 2021", "2020-21"), read once its
days and months are (``retrieval.topic_dates``). A figure is a year only after a word of time or at the end
of the topic: "top 2000 accounts" names none, and the end of a day in figures ("10/02/2021") is no year alone. A
figure of things counted ("feb 10 1500 accounts") is no year either: it is hidden from every reading of dates
(``hide_counted``) and given back as the topic's words."""

from __future__ import annotations

import re

from index.coarse_dates import PART_WORDS, part_named
from index.date_values import END, YEAR_PARTS
from index.period_figures import counted_noun
from index.stamps import YEARS

_YEARS = re.compile(r"(?:\b(?:in|from|between|during)\s+|(?<![\w,./])(?=(?:19|20)\d{2}\s*(?:[-–—]|to\b|and\b|$)))"
                    r"(?P<first>(?:19|20)\d{2})"
                    r"(?:(?:\s*[-–—]\s*|\s+(?:to|and|until|till|through)\s+)(?P<last>(?:19|20)?\d{2}))?\b")


# A figure too long for a day and the word after it ("1500 accounts", "1,178 handles"); no figure of a larger one
# or of a day in figures ("10/02/2021").
_FIGURE = re.compile(r"(?<![\w,./-])(?P<figure>\d{1,3}(?:,\d{3})+|\d{4,})(?=\s+(?P<word>[A-Za-z][\w'’-]*))")
# A word of time right before a figure makes it a year ("in 2000 accounts"), as ``_YEARS`` reads one.
_TIME_WORD = re.compile(r"\b(?:in|from|between|during)\s+$", re.IGNORECASE)
HIDDEN = "\ue000"  # what stands for a counted figure's characters while the dates are read: no reader takes it


def hide_counted(topic: str, years: range = YEARS) -> tuple[str, list[str]]:
    """``topic`` with each figure of things counted hidden ("feb 10 1500 accounts", "1,178 handles"), at the same
    length (positions hold), and the figures hidden, in order, for ``shown_counted``. Read as the year of the date
    before it, "feb 10 1500 accounts" was told 1500 is outside the years dates are read in.

    A figure in ``years`` is not hidden: after a date's words it is written as a year is ("January 2021
    accounts", "feb 10 2021 accounts"). The caller that knows the articles passes their years: "feb 10 2000
    accounts" read 2000 as the year of February 10 (it is within the years dates are read in,
    ``index.stamps.YEARS``), and was told the articles cover 2021, though a figure followed by what it counts
    is a count whatever its value. A figure after a word of time is a year all the same ("in 2000 accounts")."""
    hidden: list[str] = []

    def hide(m: re.Match[str]) -> str:
        figure = m.group("figure")
        if not counted_noun(m.group("word")) or ("," not in figure and (
                int(figure) in years or (int(figure) in YEARS and _TIME_WORD.search(topic[:m.start()])))):
            return m.group(0)
        hidden.append(figure)
        return HIDDEN * len(figure)

    return _FIGURE.sub(hide, topic), hidden


def period_years(period: tuple[str, str] | None) -> range:
    """The years of the articles' ``period`` (their first and last day, ISO), which a figure of things counted is
    read as (``hide_counted``); every year dates are read in when there is none."""
    if period is None:
        return YEARS
    first, last = (int(day[:4]) for day in period)
    return range(first, last + 1)


def shown_counted(rest: str, hidden: list[str]) -> str:
    """``rest`` of a topic with the figures ``hide_counted`` hid written back, in order: they are the topic's words."""
    figures = iter(hidden)
    return re.sub(f"{HIDDEN}+", lambda _: next(figures, ""), rest)


_YEAR_PART = re.compile(rf"(?<![\w-])(?P<part>{PART_WORDS})[\s-]*(?P<year>(?:19|20)\d{{2}})\b")


def year_parts(rest: str) -> tuple[list[tuple[int, int, int]], str]:
    """The year and first and last month of each part of a year ``rest`` names ("mid-2020": May to August, as an
    article's "mid-2020" is read, ``index.date_values.YEAR_PARTS``; "the end of 2019": its December), and ``rest``
    with a space in place of each. Read as a year, "mid-2020" listed all of 2020 and searched for the word "mid"."""
    found: list[tuple[int, int, int]] = []

    def part(m: re.Match[str]) -> str:
        name = part_named(m.group("part"))
        first, last = (12, 12) if name == END else YEAR_PARTS.get(name, (0, 0))
        if not first:  # a week of a year names no part of it
            return m.group(0)
        found.append((int(m.group("year")), first, last))
        return " "

    return found, _YEAR_PART.sub(part, rest)


def topic_years(rest: str) -> tuple[list[tuple[int, int]], str]:
    """The first and last year of each year or pair of years ``rest`` names, in order, and ``rest`` with a
    space in place of each; a backwards pair ("2021 to 2020") is words, as a backwards pair of anything else."""
    found: list[tuple[int, int]] = []

    def year(m: re.Match[str]) -> str:
        first, last = int(m.group("first")), _year_end(m)
        if last < first:
            return m.group(0)
        found.append((first, last))
        return " "

    return found, _YEARS.sub(year, rest)


def _year_end(years: re.Match[str]) -> int:
    """The last year of a year or two named ("2021", "2020 to 2021", "2020-21")."""
    first, last = int(years.group("first")), years.group("last")
    if not last:
        return first
    return int(last) if len(last) == 4 else first // 100 * 100 + int(last)
