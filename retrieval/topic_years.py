"""The years a timeline topic names alone ("2021", "in 2020", "from 2020 to 2021", "2020-21"), read once its
days and months are (``retrieval.topic_dates``). A figure is a year only after a word of time or at the end
of the topic: "top 2000 accounts" names none, and the end of a day in figures ("10/02/2021") is no year alone."""

from __future__ import annotations

import re

from index.coarse_dates import PART_WORDS, part_named
from index.date_values import END, YEAR_PARTS

_YEARS = re.compile(r"(?:\b(?:in|from|between|during)\s+|(?<![\w,./])(?=(?:19|20)\d{2}\s*(?:[-–—]|to\b|and\b|$)))"
                    r"(?P<first>(?:19|20)\d{2})"
                    r"(?:(?:\s*[-–—]\s*|\s+(?:to|and|until|till|through)\s+)(?P<last>(?:19|20)?\d{2}))?\b")


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
