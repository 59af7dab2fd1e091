"""Days told relative to the sentence before: "Two days earlier, …", "The next morning …", "That was the day …".

Such a sentence names no date of its own; its day is the day of the event the sentence it follows dates, moved
by the offset it states. News writes this way to avoid repeating a date ("The report, published on October
19, … Three days later the portal rated it false, and the next morning it notified the platforms"), so
without it the timeline lost the later steps of a story.

A day is never guessed: the phrase must state an exact offset in days or weeks ("a week after the order",
"two weeks later"; "more than two days later", "within a day", "in the two days before" and "weeks later" state
none), and the sentence it leans on must date exactly one day. That
sentence is the nearest one before it in the same paragraph that mentions a date, or else the sentence just
before it; if it dates nothing, several dates, a month or a week, the sentence stays out of the timeline.
Several phrases in one sentence chain ("three days later …, and the next morning …": a day after that).
"A day after the ruling, …" leans on the ruling, which only the sentence before can have told of when the
phrase opens the sentence; further in ("it came two days after the company complained") the day counted
from is the complaint's, which no sentence before dates, so such a phrase is read only where it opens.

A sentence with a date of its own may count from it too (``counted_here``): "two days after the January 26
violence" and "a day after the hearing on February 9" from the date closing the words after "after" (a date of
a noun, which dates no event of the sentence's own), "met on February 10 and, two days later, issued a notice"
from the date just before "later". Read only when exact, as above, and the date counted from names one day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# A count in words, as a time is counted ("a week", "two days", "twelve years ago"); each pattern names the words it
# reads (``_COUNT`` up to ten; ``index.coarse_dates``' "… ago" up to twelve).
COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_COUNT = r"(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_PART = r"(?:day|morning|afternoon|evening|night)"
# A week is seven days, a fortnight fourteen: "A week after the order, …", "two weeks later" place their sentence
# (left out of the timeline, the story's later steps went with them), but news counts weeks loosely (a "week later"
# may be six or eight days on), so such a day is an estimate (``RelativeDay.in_weeks``), shown as one.
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(
    rf"(?<![\w-])(?:{_COUNT}\s+(?P<unit>days?|weeks?|fortnight)\s+(?P<dir>earlier|later|before|after)"
    rf"|the\s+(?P<wrel>following|previous|preceding)\s+(?P<wday>{'|'.join(_WEEKDAYS)})"
    rf"|the\s+(?P<wkrel>following|previous|preceding)\s+week"
    r"|the\s+week\s+(?P<wdir>before|after)"
    rf"|the\s+(?P<next>next|following|previous|preceding)\s+{_PART}"
    rf"|the\s+day\s+(?P<dir2>before|after)"
    rf"|(?P<same>that|the\s+same)\s+{_PART}"
    r"|^(?:and\s+)?that\s+(?:was|is)\s+(?:also\s+)?the\s+(?P<was>day))(?![\w-])",
    re.IGNORECASE)
# Words before a count that make it no exact offset: "more than two days later", "the two days before the vote".
_INEXACT = re.compile(r"(?:\b(?:than|within|about|around|some|nearly|almost|over|least|roughly|the|for|in|past|"
                      r"first|last|next|few|couple\s+of)|\d)\s*$", re.IGNORECASE)
_OPENING = re.compile(r"^[\s\"'“‘(]*$")


def _count(m: re.Match[str]) -> int:
    """The days a count states: its number times its unit's days ("two weeks" is 14)."""
    n = int(m.group("n")) if m.group("n").isdigit() else COUNT_WORDS[m.group("n").lower()]
    return n * _UNIT_DAYS[m.group("unit").lower()]


@dataclass(frozen=True)
class RelativeDay:
    """A phrase placing its sentence's event ``days`` from the day counted from, and where it is."""

    text: str
    start: int
    days: int
    in_weeks: bool = False  # counted in weeks ("a week after"): about that day, not surely it
    # "the previous Friday" (``days`` -1) or "the following Monday" (+1): that weekday before or after the day
    # counted from, not a fixed count of days
    weekday: int | None = None
    # "the previous week", "the following week", "The week before, …": the calendar week (Monday to Sunday) before
    # or after the one of the day counted from (``days`` -7 or +7), not a day of it
    week: bool = False


def moved_day(day: date, phrase: RelativeDay) -> date:
    """``day`` moved as ``phrase`` says: by its days, or to the weekday it names before or after ``day`` ("the
    previous Friday" of Friday 2 June is 26 May)."""
    if phrase.weekday is None:
        return day + timedelta(days=phrase.days)
    if phrase.days < 0:
        return day - timedelta(days=(day.weekday() - phrase.weekday - 1) % 7 + 1)
    return day + timedelta(days=(phrase.weekday - day.weekday() - 1) % 7 + 1)


def week_span(day: date) -> str:
    """The calendar week holding ``day``, as the index writes a week: ``YYYY-MM-DD/YYYY-MM-DD``, Monday to Sunday."""
    monday = day - timedelta(days=day.weekday())
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _week_phrase(m: re.Match[str], sentence: str) -> RelativeDay | None:
    """"the previous week", "the following week", "The week before, …" as a phrase: a week back or ahead of the day
    told before. "the week after the order" further in counts from the order, which no sentence before dates."""
    if m.group("wdir") is not None and re.match(r"\s*\w", sentence[m.end():]) and not _OPENING.match(
            sentence[: m.start()]):
        return None
    back = (m.group("wkrel") or m.group("wdir")).lower() in ("previous", "preceding", "before")
    return RelativeDay(m.group(0), m.start(), -7 if back else 7, week=True)


def _weekday_phrase(m: re.Match[str]) -> RelativeDay:
    """"the previous Friday", "the following Monday" as a phrase: back or ahead to that weekday."""
    back = m.group("wrel").lower() in ("previous", "preceding")
    return RelativeDay(m.group(0), m.start(), -1 if back else 1, weekday=_WEEKDAYS.index(m.group("wday").lower()))


def relative_days(sentence: str) -> list[RelativeDay]:
    """The exact day offsets a sentence states relative to a day told before, in order."""
    found: list[RelativeDay] = []
    for m in _RELATIVE.finditer(sentence):
        before = sentence[: m.start()]
        in_weeks = False
        if m.group("wday") is not None:  # "The previous Friday, …": that weekday before the day told before
            found.append(_weekday_phrase(m))
            continue
        if m.group("wkrel") is not None or m.group("wdir") is not None:  # "The previous week, …"
            if (week := _week_phrase(m, sentence)) is not None:
                found.append(week)
            continue
        if m.group("n") is not None:
            if _INEXACT.search(before):
                continue
            step = _count(m)
            direction = m.group("dir").lower()
            in_weeks = m.group("unit").lower() not in ("day", "days")
        elif m.group("dir2") is not None:
            step, direction = 1, m.group("dir2").lower()
        elif m.group("next") is not None:
            step, direction = 1, "later" if m.group("next").lower() in ("next", "following") else "earlier"
        else:
            step, direction = 0, "later"
        if direction in ("before", "after") and re.match(r"\s*\w", sentence[m.end():]) and not _OPENING.match(before):
            continue  # "it came two days after the company complained": counted from what the sentence names
        found.append(RelativeDay(m.group(0), m.start(), step if direction in ("later", "after") else -step,
                                 in_weeks))
    return found


# What may stand between "after"/"before" and the date it counts from: the words of a noun ("the January 26
# violence", "the hearing on February 9", "Republic Day"), no clause: no punctuation, at most five words.
_NOUN_TO_DATE = re.compile(
    r"\s+(?:(?:the|a|an|its|their|his|her|this|that)\s+)?(?:[\w'’-]+\s+){0,4}?(?:(?:on|of|in)\s+)?", re.IGNORECASE)
_NEXT_CLAUSE = re.compile(r";|\b(?:and|then|but)\b", re.IGNORECASE)
_CLAUSE_WORDS = re.compile(r"\b(?:and|or|but|that|which|who|when|while|was|were|is|are|had|has|have|said|says)\b",
                           re.IGNORECASE)


@dataclass(frozen=True)
class CountedHere:
    """A phrase counting ``phrase.days`` from the sentence's own mention number ``mention``; ``only_start``: that
    date is written right after "after"/"before" ("a day after January 31"), the count's start and no event of
    the sentence's own."""

    phrase: RelativeDay
    mention: int
    only_start: bool = False


def counted_here(sentence: str, starts: list[int], ends: list[int]) -> list[CountedHere]:
    """The exact day offsets ``sentence`` counts from a date of its own, each with the index of that date among
    its mentions (``starts``/``ends``, in order): after "after"/"before", the first date closing the noun that
    follows ("two days after the January 26 violence"); after "later"/"earlier"/"the next day", the last date
    before the phrase, a new clause between ("on February 10 and, two days later, …"). "That day" adds no day to
    the sentence's own."""
    found: list[CountedHere] = []
    for m in _RELATIVE.finditer(sentence):
        between = ""
        direction = (m.group("dir") or m.group("dir2") or "").lower()
        in_weeks = False
        if m.group("wkrel") is not None or m.group("wdir") is not None:
            continue  # a week from a date of the sentence's own is not read: none of the probes told one
        if m.group("wday") is not None:  # "met on February 10 and the following Monday filed": from February 10
            k = max((k for k, end in enumerate(ends) if end <= m.start()), default=None)
            if k is not None and _NEXT_CLAUSE.search(sentence, ends[k], m.start()):
                found.append(CountedHere(_weekday_phrase(m), k))
            continue
        if m.group("n") is not None:
            if _INEXACT.search(sentence[: m.start()]):
                continue
            step = _count(m)
            in_weeks = m.group("unit").lower() not in ("day", "days")
        elif m.group("dir2") is not None:
            step = 1
        elif m.group("next") is not None:
            step, direction = 1, "later" if m.group("next").lower() in ("next", "following") else "earlier"
        else:
            continue
        days = step if direction in ("later", "after") else -step
        if direction in ("before", "after"):
            k = next((k for k, start in enumerate(starts) if start >= m.end()), None)
            between = sentence[m.end():starts[k]] if k is not None else ""
            if k is None or not _NOUN_TO_DATE.fullmatch(between) or _CLAUSE_WORDS.search(between):
                continue
        else:
            k = max((k for k, end in enumerate(ends) if end <= m.start()), default=None)
            # A new clause after the date ("on February 10 and, two days later, …"); "replied on February 11,
            # three days later" says how long after the sentence before, of the same day.
            if k is None or not _NEXT_CLAUSE.search(sentence, ends[k], m.start()):
                continue
        found.append(CountedHere(RelativeDay(m.group(0), m.start(), days, in_weeks), k,
                                 direction in ("before", "after") and not between.strip()))
    return found


def placed_days(phrases: list[RelativeDay], anchor: date) -> list[tuple[RelativeDay, date]]:
    """Each phrase's day: the first counted from ``anchor``, each next one from the day before it."""
    placed: list[tuple[RelativeDay, date]] = []
    day = anchor
    for phrase in phrases:
        day = moved_day(day, phrase)
        placed.append((phrase, day))
    return placed
