"""Dates an article gives no day of: a year ("in 2019 the law was passed"), a part of a month or a year ("late
February", "the first week of June", "mid-2020", "by the end of the month"), a month told from the article's
("last March", "in March last year") and a year told so ("last year", "early next year").

``index.dates`` reads days, weeks and whole months; read alone, "late January" was the whole of January and "in
2019", "last March" or "by the end of the month" dated nothing, so a timeline lost what the articles told of the
years before a story and its deadlines. Here each is a mention of its own: ``kind`` ``year`` (its ``year``, or
``qualifier`` ``last``/``this``/``next`` from the article's year), a month with ``qualifier`` ``last``/``next``/
``this`` ("last March": the latest March before the article's month) or ``last-year``/``this-year``/``next-year``,
and ``part`` (``index.date_values.MONTH_PARTS``, ``YEAR_PARTS`` or ``END``) on a month, a month named from the
article's ("the end of the month") or a year. ``resolve_coarse`` places them.

A year right after a figure ("1,090 in 2019", "2.1 million marks in 2023") is the figure's period, not an event
of the sentence's: such comparisons are how articles give past figures. A year after "for" or "since" ("a fund for
this year", "labelled since last year") is a period something holds for, and the end of a range of months ("between
January and June last year") no one month: they date nothing. Nor does a year or a part of one given with a count
("In 2023 the platform received 4,100 requests", ``index.period_figures``): the period's statistic. "by 2025" is a
deadline: the year, still ahead when the article's date is before it, and no event at all when that year had
gone by ("By 2019 the app had ten million users" is what was so by then). A time ago ("two days ago", "three weeks
ago", "a month ago", "ten years ago"; ``kind`` ``ago``, the unit its ``qualifier``, ``offset`` the count back) is
counted from the day the article or its entry was written: that day, the calendar week holding the day so many weeks
back (news counts weeks loosely), that month or that year, and hours or minutes ago that day; hedged ("some 40
years ago") it is none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from index.date_roles import context_before, date_role, word_before
from index.date_tense import Clauses, tense
from index.date_values import END, month_part, year_part
from index.dates import MONTHS, Mention
from index.period_figures import counts_for_period
from index.relative_days import COUNT_WORDS

_FULL = "|".join(MONTHS)
_YEAR = r"(?:19|20)\d{2}"
# The words naming a part, read into ``_PART_NAMES``' keys.
PART_WORDS = (r"(?i:early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of(?:\s+the)?"
         r"|(?:the\s+)?(?:first|second)\s+half\s+of(?:\s+the)?"
         r"|(?:the\s+)?(?:first|second|third|fourth|last)\s+week\s+of(?:\s+the)?)")
_PART_NAMES = {"early": "early", "beginning": "early", "start": "early", "mid": "mid", "middle": "mid",
               "late": "late", "end": END, "first half": "first-half", "second half": "second-half",
               "first week": "first-week", "second week": "second-week", "third week": "third-week",
               "fourth week": "fourth-week", "last week": "last-week"}
_NEAR = r"(?P<near>(?i:last|next|this|the))"
_PATTERNS = [
    # "late January", "mid-March 2024", "the first week of June", "in March last year", "last March"
    rf"(?<![\w-])(?:(?P<mpart>{PART_WORDS})[\s-]*|(?P<mq>(?i:last|next|this(?:\s+past|\s+coming)?))\s+)?"
    rf"(?P<month>{_FULL})\b(?:,?\s+(?P<my>{_YEAR})\b|\s+(?P<myq>(?i:last|next|this))\s+year\b)?(?!,?\s*\d)",
    # "by the end of the month", "early next month"
    rf"(?<![\w-])(?P<npart>{PART_WORDS})\s+(?P<nq>(?i:last|next|this|the))\s+month\b",
    # "in 2019", "mid-2020", "the first half of 2023", "the end of 2019", "by 2025"
    rf"(?<![\w-])(?:(?P<ypart>{PART_WORDS})[\s-]*|(?P<prep>(?i:in|during|throughout|by))\s+)(?P<year>{_YEAR})"
    r"(?![\w-]|\s*[-–/]\d)",
    # "last year", "early next year", "the end of the year"
    rf"(?<![\w-])(?:(?P<qpart>{PART_WORDS})\s+)?{_NEAR}\s+year\b(?!['’])",
    # "two days ago", "a week ago", "three months ago", "ten years ago"; "3 hours ago", "40 minutes ago"
    r"(?<![\w-])(?P<count>(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|\d{1,2})\s+"
    r"(?P<unit>(?i:minute|hour|day|week|month|year))s?\s+(?i:ago)\b",
]
_HEDGED = re.compile(r"\b(?:about|some|around|nearly|almost|roughly|over|under|than|least|just)\s+$", re.IGNORECASE)
_COARSE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_THE_LAST = re.compile(r"\bthe\s+$", re.IGNORECASE)  # "the last year of the plan", "over the last year": no year
_OF_AFTER = re.compile(r"\s+of\b")
_MONTH_RANGE_BEFORE = re.compile(rf"\b(?:between|from)\s+(?:{_FULL})\s+(?:and|to|until|through)\s+$")
# A year right after a figure and up to two words: "1,090 in 2019", "2.1 million marks in 2023".
_FIGURE_BEFORE = re.compile(r"\d[\d,.]*%?(?:\s+[A-Za-z]+){0,2}\s+$")


def part_named(words: str | None) -> str:
    """``_PART_NAMES``' name for the part words matched (``PART_WORDS``) ("the end of the" → ``end``), "" for none."""
    if not words:
        return ""
    kept = [w for w in words.lower().replace("-", " ").split() if w not in ("the", "of")]
    return _PART_NAMES[" ".join(kept[:2]) if len(kept) > 1 and kept[1] in ("half", "week") else kept[0]]


def _build(match: re.Match[str], clauses: Clauses) -> Mention | None:
    sentence, (start, end) = clauses.sentence, match.span()
    g = match.groupdict()
    future, reported = tense(clauses, start, end)
    role = date_role(sentence, start, end)
    text = match.group(0)
    if g["month"]:
        if not (g["mpart"] or g["mq"] or g["myq"]):
            return None  # a month alone is ``index.dates``' to read
        if _MONTH_RANGE_BEFORE.search(context_before(sentence, start)):
            return None  # "between January and June last year": months, not June; dated nothing rather than wrong
        qualifier = (g["mq"] or "").lower().split()[0] if g["mq"] else ""
        qualifier = f"{g['myq'].lower()}-year" if g["myq"] else qualifier
        return Mention(start, end, text, "month", MONTHS.index(g["month"]) + 1, year=int(g["my"]) if g["my"] else None,
                       qualifier=qualifier, part=part_named(g["mpart"]), future=future or qualifier == "next",
                       reported=reported, role=role)
    if g["unit"]:  # "two weeks ago": counted back from the day the article (or its entry) was written
        if _HEDGED.search(context_before(sentence, start)) or (g["unit"].lower() == "year"
                                                                and counts_for_period(sentence)):
            return None  # "some 40 years ago": no one year; "had 5 million users two years ago": its statistic
        count = int(g["count"]) if g["count"].isdigit() else COUNT_WORDS[g["count"].lower()]
        return Mention(start, end, text, "ago", qualifier=g["unit"].lower(), offset=-count, role=role)
    if g["npart"]:
        near = g["nq"].lower()
        return Mention(start, end, text, "near-month", qualifier="this" if near == "the" else near,
                       part=part_named(g["npart"]), future=future or near == "next", role=role)
    if (g["year"] or g["near"]) and word_before(sentence, start) in ("for", "since"):
        return None  # "a fund for this year", "labelled since last year": a period something holds for
    if (g["year"] or g["near"]) and (g["prep"] or "").lower() != "by" and counts_for_period(sentence):
        return None  # "In 2023 the platform received 4,100 requests": the year's statistic, no event of it
    if g["year"]:
        if g["prep"] and _FIGURE_BEFORE.search(context_before(sentence, start)):
            role = "reference"  # "up from 1,090 in 2019": the figure's year
        # "must verify its users by 2025": a deadline, "by" its qualifier (``resolve_coarse``)
        qualifier = "by" if (g["prep"] or "").lower() == "by" else ""
        return Mention(start, end, text, "year", year=int(g["year"]), part=part_named(g["ypart"]), future=future,
                       reported=reported, role=role, qualifier=qualifier)
    near = g["near"].lower()
    if (not g["qpart"] and near == "the") or _OF_AFTER.match(sentence, end) or (
            near == "last" and not g["qpart"] and _THE_LAST.search(context_before(sentence, start))):
        return None  # "the year", "the last year of the plan", "over the last year"
    return Mention(start, end, text, "year", qualifier="this" if near == "the" else near, part=part_named(g["qpart"]),
                   future=future or near == "next", role=role)


def coarse_mentions(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (``index.dates.find_mentions`` of ``sentence``) with the dates of no day added, left to right;
    a month ``index.dates`` read whole ("late January") is the part of it this names instead."""
    clauses = Clauses(sentence)
    found = [m for m in (_build(x, clauses) for x in _COARSE.finditer(sentence)) if m is not None]
    if not found:
        return mentions
    kept = [m for m in mentions
            if not any(f.start < m.end and m.start < f.end for f in found if m.kind in ("month", "near-month"))
            and not any(f.start <= m.start and m.end <= f.end for f in found)]
    kept += [f for f in found if not any(m.start < f.end and f.start < m.end for m in kept)]
    return sorted(kept, key=lambda m: m.start)


Resolved = tuple[str, str, str]  # value, how, where its year came from (``index.mention_dates.resolve_mention``)


def resolve_coarse(m: Mention, doc_date: date | None, estimated: bool,
                   whole: Callable[[Mention], Resolved | None]) -> Resolved | None:
    """Where a mention of this module lands: ``whole`` places the month or year a part is of (as a mention of a
    month is placed), and a month or a year told from the article's date takes it from ``doc_date`` (an estimate
    when ``estimated``). None when it can't be placed."""
    if m.part:
        placed = whole(replace(m, part="")) if m.kind != "year" or m.year is None else (f"{m.year:04d}", "year", "text")
        if placed is None or len(placed[0]) not in (4, 7):
            return None
        value = placed[0]
        if len(value) == 4:
            return year_part(int(value), m.part), "year", placed[2]
        return month_part(int(value[:4]), int(value[5:]), m.part), "part", placed[2]
    if m.kind == "year" and m.year is not None:
        if m.qualifier == "by" and not m.future and (doc_date is None or m.year < doc_date.year):
            return None  # "By 2019 the app had ten million users": what was so by a year gone, no event of it
        return f"{m.year:04d}", "year", "text"
    if doc_date is None:
        return None
    source = "estimated" if estimated else "article"
    if m.kind == "ago":
        return (*_ago(m, doc_date), source)
    if m.kind == "year":
        return f"{doc_date.year + {'last': -1, 'next': 1}.get(m.qualifier, 0):04d}", "year", source
    assert m.month is not None
    year = doc_date.year + {"last-year": -1, "next-year": 1}.get(m.qualifier, 0)
    if m.qualifier == "last" and m.month >= doc_date.month:
        year -= 1  # "last March" in a report of March or later this year: the one before
    elif m.qualifier == "next" and m.month <= doc_date.month:
        year += 1
    return f"{year:04d}-{m.month:02d}", "month", source


def _ago(m: Mention, written: date) -> tuple[str, str]:
    """Where "N days/weeks/months/years ago" lands from the day it was written: that day; the Monday-to-Sunday week
    holding the day N weeks back (news counts weeks loosely, as "a week after" says); that month; that year. Hours
    or minutes ago are the day it was written: a report's "3 hours ago" had dated nothing."""
    if m.qualifier in ("hour", "minute"):
        return written.isoformat(), "near-day"
    if m.qualifier == "day":
        return (written + timedelta(days=m.offset)).isoformat(), "near-day"
    if m.qualifier == "week":
        day = written + timedelta(days=7 * m.offset)
        monday = day - timedelta(days=day.weekday())
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", "week"
    if m.qualifier == "month":
        n = written.year * 12 + written.month - 1 + m.offset
        return f"{n // 12:04d}-{n % 12 + 1:02d}", "month"
    return f"{written.year + m.offset:04d}", "year"


def placed_by_coarse(m: Mention) -> bool:
    """Whether ``resolve_coarse`` places ``m``: a part, a year, a month told from the article's, or a time ago."""
    return bool(m.part) or m.kind in ("year", "ago") or (m.kind == "month" and bool(m.qualifier))
