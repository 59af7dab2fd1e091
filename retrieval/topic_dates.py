"""The dates a timeline topic names: a day or a month ("feb 8", "February"), or a period of days ("between
feb 10 and feb 15", "feb 10-15", "10 to 15 february", "since feb 9", "before feb 5").

A date is found by its date, not by how close its words are in meaning: "feb 8" is nearer to no sentence
than the unrelated sentences a topic filter exists to keep out. Dates are read with the articles' own
reading (``index.dates``), and periods with theirs (``index.date_ranges``, as a phrase), so that "between
February 10 and February 15" in a topic means what it means in an article: one span, not its two end days.
A word before a single date may leave one end open ("since", "from", "after", "before", "until"). A part of a
month ("early feb") is read by ``retrieval.month_parts``, a year alone ("2021", "2020-21") by
``retrieval.topic_years``, and a month's name however written ("febuary") by ``retrieval.topic_months``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.date_ranges import join_ranges, phrase_dashes
from index.dates import NAMED_DAYS, WEEKDAY_WORDS, Mention, find_mentions
from index.stamps import YEARS, no_such_day
from retrieval.date_filters import NEVER, DateFilter, Day, Period
from retrieval.figure_dates import within_period, written_out
from retrieval.month_parts import parts_of_month
from retrieval.month_ranges import month_year_ranges
from retrieval.topic_months import FULL_MONTH_NAMES, MONTH_WORDS, month_named
from retrieval.topic_years import hide_counted, period_years, shown_counted, topic_years, year_parts

_WORD = re.compile(r"[A-Za-z]+")
# A month and a day number left over once the real dates are read: a day the month doesn't have.
_MONTH_NAMES = FULL_MONTH_NAMES + "|" + "|".join(m[:3].capitalize() for m in MONTH_WORDS)
_NO_SUCH_DAY = re.compile(rf"\b(?:(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:of\s+)?(?:{_MONTH_NAMES}))\b"
                          rf"(?:,?\s+\d{{4}})?")
# A day written as ISO's YYYY-MM-DD left once the dates are read: none ("2021-02-30"), or in a year no article's
# date is read in ("9999-01-01"), it is no date of any event.
_ISO_DAY = re.compile(r"(?<![\w-])\d{4,}-\d{1,2}-\d{1,2}(?![\w-])")
# A year right after a date's words ("28 February 9999", "january 2150"): the dates' reading takes 1900 to 2100 only
# (``index.stamps.YEARS``), and left the year behind as a word, the date was that day or month of any year.
_YEAR_WRITTEN = re.compile(r",?\s+(?P<year>\d{4,})\b")
# A word that makes a single date one end of a period; "after" and "before" leave the date itself out.
# "on or after feb 10" and "on or before" keep it in.
_BOUND = re.compile(r"\b(?P<inclusive>on\s+or\s+)?(?P<word>since|from|starting(?:\s+from)?|after|before|until|till"
                    r"|through|up\s+to)\s+$", re.IGNORECASE)
_OPENS = {"since", "from", "starting", "after"}
_EXCLUSIVE = {"after", "before"}
_RANGE_OPENER = re.compile(r"\b(?:between|from|since|starting(?:\s+from)?)\s+$", re.IGNORECASE)
# What joins a period's two ends ("feb 10 to feb 31", "feb 10 - feb 31", "between feb 10 and feb 31").
_JOIN = re.compile(r"\s*(?:[-–—]|(?P<word>to|and|until|till|through))\s*", re.IGNORECASE)
_IN = re.compile(r"(?:\bin\s+)?$", re.IGNORECASE)
_YEAR_AFTER = re.compile(r",?\s+(?P<year>(?:19|20)\d{2})\b")
# A weekday written beside a date ("Thursday, February 11", "thu 11 feb"; after it only behind a comma or in
# brackets: "February 11, Thursday", "February 11 (Thu)") is part of it:
# left in the rest, it was searched as the topic's word and no event is about "Thursday".
_WEEKDAY = "|".join(sorted(WEEKDAY_WORDS, key=len, reverse=True))
_WEEKDAY_BEFORE = re.compile(rf"\b(?:{_WEEKDAY})\.?,?\s+$", re.IGNORECASE)
_WEEKDAY_AFTER = re.compile(rf"\s*\((?:{_WEEKDAY})\.?\)|,\s*(?:{_WEEKDAY})\b\.?", re.IGNORECASE)
# Two months joined ("between january and february", "jan to feb", "jan-feb"), once the days are read.
_MONTH_RANGE = re.compile(rf"\b(?:(?:between|from)\s+)?(?P<first>{FULL_MONTH_NAMES})"
                          rf"(?:\s*[-–—]\s*|\s+(?:and|to|until|till|through)\s+)"
                          rf"(?P<last>{FULL_MONTH_NAMES})\b")


def _day_of(m: Mention) -> Day | None:
    if m.month is None or not ((m.kind in ("day", "named-day") and m.day is not None) or m.kind == "month"):
        return None
    return Day(m.year, m.month, m.day if m.kind != "month" else None)


def _far_year(written: str, end: int) -> re.Match[str] | None:
    """The year written right after a date's words ending at ``end`` when no article's date is read in it
    ("28 February 9999"): that date is none (``_YEAR_WRITTEN``)."""
    far = _YEAR_WRITTEN.match(written, end)
    return far if far is not None and int(far["year"]) not in YEARS else None


def _bounded(written: str, start: int, day: Day) -> tuple[DateFilter, int]:
    """``day``, or the open period a word right before it makes of it ("since feb 9"), with where the date's
    words begin."""
    found = _BOUND.search(written[:start])
    if found is None:
        return day, start
    word = found.group("word").split()[0].lower()
    excluded = word in _EXCLUSIVE and not found.group("inclusive")
    if word in _OPENS:
        return Period(day, None, start_excluded=excluded), found.start()
    return Period(None, day, end_excluded=excluded), found.start()


def _with_weekday(written: str, start: int, end: int) -> tuple[int, int]:
    """Where a date's words begin and end with the weekday written beside it, so that a word before the weekday
    still bounds the date ("since Monday, February 8")."""
    before = _WEEKDAY_BEFORE.search(written[:start])
    after = _WEEKDAY_AFTER.match(written, end)
    return (before.start() if before else start), (after.end() if after else end)


def _ranged(written: str, m: Mention, first: Day) -> tuple[Period, int, int]:
    """The period a joined mention spans, and where its words begin and end; a year written once, after
    the last day ("feb 10 to 15, 2021"), or on one end only, is both ends' year."""
    assert m.through is not None
    through = m.through
    end = through.end
    year = through.year or first.year
    if year is None and (after := _YEAR_AFTER.match(written, end)):
        year, end = int(after.group("year")), after.end()
    last = _named(Day(year, through.month or first.month, through.day))
    opener = _RANGE_OPENER.search(written[: m.start])
    return Period(Day(first.year or year, first.month, first.day), last), opener.start() if opener else m.start, end


_LEAP_YEAR = 2000  # a year that has every day a month may have (February 29 too)


def _named(day: Day) -> Day:
    """``day`` with its words (``Day.written``) when no year has it ("feb 10 to 31": no February has a 31st), to be
    told why as a "feb 31" alone is (``retrieval.timeline_notes``)."""
    if day.day is None or day.days(day.year or _LEAP_YEAR) is not None:
        return day
    words = f"{MONTH_WORDS[day.month - 1].capitalize()} {day.day}" if 1 <= day.month <= 12 else ""
    return replace(day, written=f"{words}, {day.year}" if words and day.year else words)


def topic_dates(topic: str, article_years: range = YEARS) -> tuple[list[DateFilter], str]:
    """The dates a topic names ("feb 8", "8 February 2021", "2021-02-08", "January 2021", a month alone:
    "February", "feb"; a named day however written: "republic day"; a period: "between feb 10 and feb 15",
    "from feb 1 to feb 10", "feb 10-15", "10 to 15 february", "since feb 9", "before feb 5", "after 8 feb",
    "jan to feb"; a year: "2021", "in 2020", "2020-21"; a day in figures that can be read one way only:
    "13/02/2021"), and the rest of the topic. "may" and "march" are a
    month alone only as the whole topic or an end of a period ("twitter may block", "farmers march" name no month).
    ``article_years``: those a figure followed by what it counts is read as (``hide_counted``): the articles'
    years, when the caller knows them."""
    def month(m: re.Match[str]) -> str:
        number = month_named(m.group(0))
        return MONTH_WORDS[number - 1].capitalize() if number else m.group(0)

    written = phrase_dashes(_WORD.sub(month, written_out(topic)))  # "13/02/2021" as "13 February 2021"
    for name in NAMED_DAYS:  # "republic day" as the articles write it, "Republic Day"
        written = re.sub(rf"\b{re.escape(name)}\b", name.title().replace("'S", "'s"), written, flags=re.IGNORECASE)
    written, counted = hide_counted(written, article_years)  # "feb 10 1500 accounts": a figure of accounts, no year
    # "early feb" before the dates: read alone, "feb" would be the whole month.
    parts, written = parts_of_month(written)
    found: list[DateFilter] = [Period(Day(year, number, first), Day(year, number, last))
                               for year, number, first, last in parts]
    ranges, written = month_year_ranges(written)  # "February 2021 to January 2021": one period, named backwards
    found += [Period(Day(first_year, first, None), Day(last_year, last, None))
              for first_year, first, last_year, last in ranges]
    spans: list[tuple[int, int]] = []  # where the dates' words are, taken out of the rest by position
    singles: list[tuple[int, int, int]] = []  # where a day alone is written, and its place in ``found``
    for m in join_ranges(written, find_mentions(written), phrase=True):
        day = _day_of(m)
        if day is None:
            continue
        if (far := _far_year(written, m.through.end if m.through is not None else m.end)) is not None:
            found.append(replace(NEVER, written=" ".join(written[m.start:far.end()].split())))
            spans.append((m.start, far.end()))
            continue
        if m.through is not None:
            period, start, end = _ranged(written, m, day)
            found.append(period)
            spans.append((start, end))
            continue
        start, end = _with_weekday(written, m.start, m.end)
        bounded, start = _bounded(written, start, day)
        if bounded is day or (isinstance(bounded, Period) and bounded.end is None):  # "feb 10", "from feb 10"
            singles.append((start, end, len(found)))
        found.append(bounded)
        spans.append((start, end))
    rest = "".join(" " if any(a <= k < b for a, b in spans) else ch for k, ch in enumerate(written))
    rest = _no_day_ends(rest, singles, found)  # "feb 10 to feb 31": one period, which is none
    for months in _MONTH_RANGE.finditer(rest):  # "between january and february": from the 1st to the 28th
        first, last = (month_named(months.group(g)) for g in ("first", "last"))
        assert first is not None and last is not None
        found.append(Period(Day(None, first, None), Day(None, last, None)))
    rest = _MONTH_RANGE.sub(" ", rest)
    # "feb 30", "2021-02-30", "9999-01-01": a date of no event, not the words "February 30"; kept as written, to be
    # told why (``retrieval.timeline_notes``)
    found += [replace(NEVER, written=" ".join(text.split())) for text in _NO_SUCH_DAY.findall(rest)]
    rest = _NO_SUCH_DAY.sub(" ", rest)
    no_days = [text for text in _ISO_DAY.findall(rest) if no_such_day(text) or int(text.split("-")[0]) not in YEARS]
    found += [replace(NEVER, written=text) for text in no_days]
    rest = _ISO_DAY.sub(lambda m: " " if m.group() in no_days else m.group(), rest)
    for word in _WORD.findall(rest):
        number = month_named(word)
        at = re.search(rf"\b{re.escape(word)}\b", rest) if number else None
        if number is None or at is None:
            continue
        bounded, start = _bounded(rest, at.start(), Day(None, number, None))
        if start == at.start():  # a month alone; "in february" is February
            if number in (3, 5) and not re.fullmatch(r"\s*(?:in\s+)?\w+\s*", rest, re.IGNORECASE):
                continue
            inside = _IN.search(rest[: at.start()])
            start = inside.start() if inside else start
        if (far := _far_year(rest, at.end())) is not None:  # "in january 9999"
            found.append(replace(NEVER, written=" ".join(rest[at.start():far.end()].split())))
            rest = rest[:start] + " " + rest[far.end():]
            continue
        found.append(bounded)
        rest = rest[:start] + " " + rest[at.end():]
    year_months, rest = year_parts(rest)  # "mid-2020": May to August
    found += [Period(Day(year, first, 1), Day(year, last, None)) for year, first, last in year_months]
    years, rest = topic_years(rest)  # a year alone, or two: every day of them
    found += [Period(Day(first, 1, 1), Day(last, 12, 31)) for first, last in years]
    return _closed(found), " ".join(shown_counted(rest, counted).split())


def _no_day_ends(rest: str, singles: list[tuple[int, int, int]], found: list[DateFilter]) -> str:
    """A period one of whose ends is no day ("feb 30 to mar 5", "between feb 10 and feb 31", "from feb 10 to feb 30";
    ``_NO_SUCH_DAY``, left in ``rest`` as words since no date is read in it): the day read at the other end
    (``singles``: where each day alone, or the start of an open period, is written, and its place in ``found``)
    becomes that period, which matches no event (``Period.days``) and is told why as a single "feb 30" is
    (``retrieval.timeline_notes``); ``rest`` is returned with the period's words blanked, at the same length. Left as
    a day and words, the real end's events were listed as if it alone had been asked for, and the impossible end
    went unsaid."""
    for no_day in list(_NO_SUCH_DAY.finditer(rest)):
        never = replace(NEVER, written=" ".join(no_day.group().split()))
        for start, end, k in singles:
            day = found[k]
            if end <= no_day.start() and (join := _JOIN.fullmatch(rest, end, no_day.start())):
                period = replace(day, end=never) if isinstance(day, Period) else Period(day, never)
                first, last = start, no_day.end()
            elif (isinstance(day, Day) and no_day.end() <= start
                  and (join := _JOIN.fullmatch(rest, no_day.end(), start))):
                period, first, last = Period(never, day), no_day.start(), end
            else:
                continue
            opener = _RANGE_OPENER.search(rest[:first])
            if join.group("word") == "and" and (opener is None or not opener.group().lower().startswith("between")):
                continue  # "feb 10 and feb 31": two days, not a period
            first = opener.start() if opener else first
            found[k] = period
            singles.remove((start, end, k))
            rest = rest[:first] + " " * (last - first) + rest[last:]
            break
    return rest


def _closed(found: list[DateFilter]) -> list[DateFilter]:
    """An open start and an open end named together ("since feb 5 until feb 12", "after feb 5 and before
    feb 12") as the one period between them: either alone would let the other's whole half through."""
    starts = [d for d in found if isinstance(d, Period) and d.end is None]
    ends = [d for d in found if isinstance(d, Period) and d.start is None]
    if len(starts) != 1 or len(ends) != 1:
        return found
    (start,), (end,) = starts, ends
    joined = Period(start.start, end.end, start.start_excluded, end.end_excluded)
    return [joined if d is start else d for d in found if d is not end]


def topic_dates_within(topic: str, period: tuple[str, str] | None) -> tuple[list[DateFilter], str]:
    """``topic_dates`` of a timeline's topic as read against the articles' ``period`` (first and last day, ISO):
    its figures dates within it ("9/2": the 9th of February), its counted figures in its years ("feb 10 2000
    accounts"). A timeline and the follow-up to it read the topic by this one reading, so they agree."""
    return topic_dates(within_period(topic, period, topic=True) or topic, period_years(period))
