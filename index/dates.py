"""Finding date mentions in a sentence: what each says (month, day, year if written) and how it is said.

dateparser reads what a mention says (which month, day and, if written, year). What a mention *means*
depends on where the article sits in time, which no library can know: those rules (which year a yearless
date falls in, which Monday "on Monday" is) are ``index.date_resolution``'s. This module reads what the
sentence tells them: whether the clause speaks of the future, or only reports a promise ("would";
``index.date_tense``), and whether a date is the sentence's own or a noun's (``index.date_roles``).

Only forms that name a month or a weekday, weeks and months relative to the article ("this week", "last
month") and its days ("today", "yesterday", "tomorrow", "last night") are recognised. Bare numbers ("1,178",
"24/7", "Section 69A", "2021" alone) and slash dates (ambiguous between day-first and month-first) never
become dates, and a month name must be capitalised, which keeps the modal verb "may" out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache

import dateparser

from index.called_off import called_off, moved_to
from index.date_roles import NEXT_WORD, context_before, date_role, word_before
from index.date_tense import Clauses, is_future, set_for, tense, told_in_past

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def day_words(day: date) -> str:
    """A day written out as the articles write one, "10 February 2021": how replies name a day (the month's
    name from ``MONTHS``, not the locale's ``%B``)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"

_FULL = "|".join(MONTHS)
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH = rf"(?:(?:{_FULL})\b|(?:{_ABBR})\b\.?)"
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A weekday however a date line or a chat topic writes it beside a day ("Friday, 12 February 2021", "thu 11 feb").
WEEKDAY_WORDS = frozenset([*(day.lower() for day in _WEEKDAYS),
                           "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"])

# Days whose date is fixed by name. The corpus is about India, so "Independence Day" is India's.
NAMED_DAYS: dict[str, tuple[int, int]] = {
    "republic day": (1, 26),
    "independence day": (8, 15),
    "gandhi jayanti": (10, 2),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
}
# Days named from the article's own: how many days from it. "Today" in a report is its date, as "last month" is
# the month before its own.
NEAR_DAYS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
    "later today": 0, "yesterday": -1, "last night": -1, "the day before yesterday": -2, "tomorrow": 1,
    "the day after tomorrow": 2,
}
_NEAR = "|".join(n.replace(" ", r"\s+") for n in sorted(NEAR_DAYS, key=len, reverse=True))
_NAMED = "|".join(n.replace("'", "['’]").title().replace("['’]S", "['’]s") for n in NAMED_DAYS)

# One pattern per form; the group names say which form matched.
_PATTERNS = [
    rf"(?<![\d-])(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?![\d-])",
    rf"(?<![\w.,/-])(?P<dmy>{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+(?P<y1>{_YEAR})(?!\d))?)",
    rf"(?<!\w)(?P<mdy>{_MONTH}\s+{_DAY}(?![\d/:]|[.,]\d)(?:,?\s+(?P<y2>{_YEAR})(?!\d))?)",
    rf"(?<!\w)(?P<my>{_MONTH},?\s+(?P<y3>{_YEAR})(?!\d))",
    rf"(?<!\w)(?i:in|during|since|until|till|by|from|early|late|mid|end of|beginning of|start of)[\s-]+"
    rf"(?P<m>{_FULL})\b(?!,?\s*\d)",
    rf"(?<!\w)(?:(?P<wq>(?i:this past|this coming|last|next|this|coming))\s+)?"
    rf"(?P<wd>{'|'.join(_WEEKDAYS)})(?!\w)",
    rf"(?<!\w)(?P<nd>{_NAMED})(?:,?\s+(?P<ny>{_YEAR})(?!\d))?(?!\w)",
    r"(?<!\w)(?P<wk>(?i:this|last|next|past|coming|previous))\s+week(?!\w)",
    r"(?<!\w)(?P<we>(?i:(?:over|at|during|through|throughout)\s+the|this\s+past|this|last|next|past|coming|"
    r"previous))\s+weekend(?!\w)",
    r"(?<!\w)(?P<mo>(?i:this|last|next))\s+month(?!\w)",
    rf"(?<![\w'’-])(?P<rd>(?i:{_NEAR}))(?![\w-])",
]
_MENTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_NOT_A_DAY = {"good", "black", "super", "cyber", "ash", "holy", "easter", "maundy"}
# A weekday after these is no one day of the article's week: a recurring one ("every Friday", "each Monday") or a
# month's nth ("the first Friday in October", "the second Tuesday of March"), which the nearest Friday before the
# article is not. "last Friday" is the one before it, unless a month follows ("the last Friday of the month").
_NO_ONE_WEEKDAY = {"every", "each", "first", "second", "third", "fourth", "fifth", "final",
                   "st", "nd", "rd", "th",  # the word before "2nd Tuesday" is read as "nd"
                   # "the previous Friday", "the following Monday": of the day the story is at, not the article's
                   # (``index.relative_days``); read as the article's, "The previous Friday, …" after a report of
                   # Friday 2 June landed on 2 June itself
                   "previous", "preceding", "following"}
_OF_A_MONTH = re.compile(rf"\s+(?:of|in)\s+(?:the\s+month|{_FULL})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A date expression in a sentence, as written (no year guessed yet).

    ``kind`` is ``day`` (a day of a month), ``month``, ``weekday``, ``named-day``, ``week`` ("this week",
    "last week", "next week", or "past": "the past week", or a weekend: "over the weekend"; ``qualifier`` says
    which) or ``near-month`` ("this
    month", "last month", "next month": the article's month, or the one before or after it). ``role`` is
    ``near-day`` ("today", "yesterday", "tomorrow": ``offset`` days from the article's date). ``role`` is
    ``reference`` when the date modifies a noun ("the January 26 violence", "Tuesday's order", "in the wake of
    the violence on Republic Day"): it names when that was, and the sentence's own event is another, usually
    later one; ``called-off`` when it is the time of a plan the sentence says was called off or moved ("had been
    scheduled for Tuesday but was postponed": nothing happened then); otherwise ``primary``.
    """

    start: int
    end: int
    text: str
    kind: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    weekday: int | None = None
    qualifier: str = ""
    future: bool = False
    # Future only as reported speech ("said the rules would be announced on February 25"): future from when it
    # was said, which may be days before the article, so the day may already be past when it is reported.
    reported: bool = False
    role: str = "primary"
    # A day named from the article's ("yesterday": -1; ``kind`` ``near-day``): how many days from its date.
    offset: int = 0
    # The last day of a range this mention opens ("between February 19 and February 26"), set by
    # ``index.date_ranges``: one event over those days, not one at each end.
    through: Mention | None = None
    # A part of the month or year named ("late", "first-week", "end"; ``index.coarse_dates``), "" for the whole.
    part: str = ""


@lru_cache(maxsize=4096)
def _parse(text: str) -> datetime | None:
    """dateparser on a mention; a fixed leap-year base makes a missing year recognisable and Feb 29 valid."""
    return dateparser.parse(
        text,
        languages=["en"],
        settings={"RELATIVE_BASE": datetime(2000, 1, 1), "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"},
    )


_OF_AFTER = re.compile(r"\s+of\b")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _build(match: re.Match[str], clauses: Clauses) -> Mention | None:
    sentence = clauses.sentence
    g = match.groupdict()
    start, end = match.span()
    year: int | None
    if g["iy"]:
        kind, text, year = "day", match.group(0), int(g["iy"])
    elif g["dmy"] or g["mdy"]:
        kind, text = "day", g["dmy"] or g["mdy"]
        year = int(g["y1"] or g["y2"]) if (g["y1"] or g["y2"]) else None
    elif g["my"]:
        kind, text, year = "month", g["my"], int(g["y3"])
    elif g["m"]:
        start = match.start("m")
        kind, text, year = "month", g["m"], None
    elif g["wk"]:
        if _OF_AFTER.match(sentence, end):  # "the last week of campaigning" is no week of the article
            return None
        word = g["wk"].lower()
        if word == "previous" and _THE_BEFORE.search(context_before(sentence, start)):
            return None  # "the previous week": of the day the story is at, not the article's (``index.relative_days``)
        # "last week" is the calendar week before the article's, as "last Monday" is the Monday before it; "the
        # past week", "in the last week" are the seven days before the article's date, whatever its weekday.
        the_last = word == "last" and _THE_BEFORE.search(context_before(sentence, start)) is not None
        qualifier = "past" if word == "past" or the_last else {"previous": "last", "coming": "next"}.get(word, word)
        future = qualifier == "next" or is_future(clauses, start, end)
        if qualifier == "this" and not future and told_in_past(sentence):
            qualifier = "this-past"  # what has happened this week: up to the article's date (``resolve_week``)
        return Mention(start, end, match.group(0), "week", qualifier=qualifier, future=future,
                       role=date_role(sentence, start, end))
    elif g["we"]:
        return _weekend(match, clauses)
    elif g["mo"]:
        # "the last month of campaigning", "over the last month" (thirty days, not a calendar month): no month
        if _OF_AFTER.match(sentence, end) or _THE_BEFORE.search(context_before(sentence, start)):
            return None
        qualifier = g["mo"].lower()
        return Mention(start, end, match.group(0), "near-month", qualifier=qualifier,
                       future=qualifier == "next" or is_future(clauses, start, end),
                       role=date_role(sentence, start, end))
    elif g["rd"]:
        return _near_day(match, clauses)
    elif g["wd"]:
        prev_word = word_before(sentence, match.start("wd"))
        nxt = NEXT_WORD.match(sentence, end)
        # "Good Friday" is a feast, "the Sunday Guardian" a newspaper; "on Monday Twitter said" is a day.
        if prev_word in _NOT_A_DAY or (nxt and nxt.group(1)[0].isupper() and prev_word != "on" and not g["wq"]):
            return None
        if prev_word in _NO_ONE_WEEKDAY or ((g["wq"] or "").lower() == "last" and _OF_A_MONTH.match(sentence, end)):
            return None  # "every Friday", "the first Friday in October", "the last Friday of the month"
        qualifier = (g["wq"] or "").lower().replace("this past", "last").replace("this coming", "next")
        qualifier = "next" if qualifier == "coming" else qualifier
        return Mention(start, end, match.group(0), "weekday", weekday=_WEEKDAYS.index(g["wd"]),
                       qualifier=qualifier,
                       future=qualifier == "next" or is_future(clauses, start, end) or set_for(clauses, start, end),
                       role=date_role(sentence, start, end))
    else:
        name = re.sub("’", "'", g["nd"]).lower()
        month, day = NAMED_DAYS[name]
        year = int(g["ny"]) if g["ny"] else None
        future, reported = tense(clauses, start, end)
        return Mention(start, end, match.group(0), "named-day", month, day, year,
                       future=future, reported=reported, role=date_role(sentence, start, end))
    parsed = _parse(text)
    if parsed is None:
        return None
    future, reported = tense(clauses, start, end)
    if kind == "day" and not future and set_for(clauses, start, end):
        # Ahead from when it was set, which may be days before the report, as for reported speech: "called a
        # sit-in for February 8" in a report of 10 February is that sit-in, not one a year later.
        future, reported = True, True
    return Mention(start, end, sentence[start:end], kind, parsed.month, parsed.day if kind == "day" else None,
                   year, future=future, reported=reported, role=date_role(sentence, start, end))


def _weekend(match: re.Match[str], clauses: Clauses) -> Mention | None:
    """"over the weekend", "last weekend", "this weekend", "next weekend": a week mention whose qualifier
    (``weekend``, ``last-weekend``, ``next-weekend``) ``index.date_resolution.resolve_week`` reads as the Saturday
    and Sunday it means. Not "the weekend of March 4" (that day's), nor "the last weekend of the campaign"."""
    sentence, (start, end) = clauses.sentence, match.span()
    if _OF_AFTER.match(sentence, end):
        return None
    word = match.group("we").split()[0].lower()
    future = word in ("next", "coming") or is_future(clauses, start, end)
    qualifier = {"last": "last-weekend", "previous": "last-weekend", "next": "next-weekend",
                 "coming": "next-weekend"}.get(word, "weekend")
    if word == "last" and _THE_BEFORE.search(context_before(sentence, start)):
        qualifier = "weekend"  # "the last weekend": the one just gone
    return Mention(start, end, match.group(0), "week", qualifier=qualifier, future=future,
                   role=date_role(sentence, start, end))


# Before a capitalised "Today" that is a day: the start of the sentence or of a clause. Elsewhere it is a name's
# ("India Today", "USA Today").
_CLAUSE_OPENS = re.compile(r"(?:^|[,;:(—–-])[\s\"'“‘(]*$")


def _near_day(match: re.Match[str], clauses: Clauses) -> Mention | None:
    """"today", "yesterday", "tomorrow" (``NEAR_DAYS``): the day of the article's, after it ahead whatever the
    tense, before it past, and the day itself as its clause tells. Not a name ("India Today"), nor "the last
    night of the talks"."""
    sentence, (start, end) = clauses.sentence, match.span()
    text = match.group(0)
    before = context_before(sentence, start)
    if (text[0].isupper() and not _CLAUSE_OPENS.search(before)) or _OF_AFTER.match(sentence, end) or (
            text.lower().startswith("last") and _THE_BEFORE.search(before)):
        return None
    offset = NEAR_DAYS[" ".join(text.lower().split())]
    future = offset > 0 or (offset == 0 and is_future(clauses, start, end))
    # Said of what was done ("the ministry yesterday issued a notice"), not of a noun; "yesterday's order" is.
    possessive = sentence.startswith(("'s", "’s"), end)
    return Mention(start, end, text, "near-day", future=future, offset=offset,
                   role=date_role(sentence, start, end) if possessive else "primary")


def _as_planned(mention: Mention, sentence: str) -> Mention:
    """``mention`` as a plan's time: one that was called off or moved ("had been scheduled for Tuesday but was
    moved") is when nothing happened (role ``called-off``: no event, no estimate), and the day it was moved to
    ("moved to Thursday") is ahead from when it was set, as a day set for is (``index.called_off``)."""
    if mention.role == "primary" and called_off(sentence, mention.start):
        return replace(mention, role="called-off")
    if not mention.future and moved_to(sentence, mention.start):
        return replace(mention, future=True, reported=True)
    return mention


def find_mentions(sentence: str) -> list[Mention]:
    """Every date mention in a sentence, left to right.

    A weekday or a day named from the article's written next to a full date ("Wednesday, February 10",
    "yesterday, February 9") adds nothing and could disagree with it, so it is dropped.
    """
    clauses = Clauses(sentence)
    mentions = [_as_planned(m, sentence) for m in (_build(x, clauses) for x in _MENTION.finditer(sentence))
                if m is not None]
    days = [m for m in mentions if m.kind == "day"]  # left to right, none overlapping: their ends rise too
    starts = [d.start for d in days]

    def beside_a_day(m: Mention) -> bool:
        k = bisect_right(starts, m.end + 3)  # the last day starting at most 3 characters after the weekday
        return k > 0 and days[k - 1].end >= m.start - 3

    return [m for m in mentions if m.kind not in ("weekday", "near-day") or not beside_a_day(m)]
