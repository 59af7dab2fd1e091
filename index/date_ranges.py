"""Ranges of days: "between February 19 and February 26", "from January 28 to February 5", "March 3-5".

A sentence reporting something that lasted days names two dates, and read one by one it became two events
with the same sentence, one at each end, and nothing on the timeline said they were one thing. Joined, the
first mention carries the last day (``Mention.through``) and the timeline shows one event over the span,
as it shows a week. Two days merely listed ("on January 31 and February 8") stay two events: only
"between … and …", "from … to/until/through …" and a dash join them, within one clause.

A phrase that names a period rather than reports one (a timeline topic: "feb 1 to feb 10", "feb 10 to 15",
"10-15 february") is read with ``phrase=True``: there "to" needs no "from" and a day number may open or
close the range without its month. In an article's sentence neither is safe ("adjourned on February 1 to
February 10" is a move, "10 to 15 February" may be a count), so articles are read as before, but for a day number
opening a day-first range after "between" ("between 4 and 6 February") or "from" ("from 3 to 5 March"), and a day
number ending one after "from" ("from March 3 to 5"), which name nothing else: read by its last day alone, "downloads
rose between 4 and 6 February" was filed under 6 February, and "The strike ran from 3 to 5 March" under 5 March.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from index.dates import MONTHS, Mention

# What may stand between the two ends: the connector and a few words ("and polling day on February 6").
_BETWEEN = re.compile(r"\s*(?P<word>and|to|until|till|through)\s+[^,;:.()]{0,30}$|\s*[-–—]\s*$", re.IGNORECASE)
_OPENER = {"and": re.compile(r"\bbetween\s+$", re.IGNORECASE)}
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
# "March 3-5": a second day of the same month right after the first. ("3–5 March", the day before the month,
# is read only in a phrase: ``_PHRASE_DAY_BEFORE``.)
_DAY_AFTER = re.compile(r"[-–](?P<day>[12]\d|3[01]|0?[1-9])\b(?![-–/:.,]?\d)")
_PHRASE_DAY_AFTER = re.compile(r"(?:\s*[-–—]\s*|\s+(?P<word>to|until|till|through|and)\s+)(?P<day>[12]\d|3[01]|0?[1-9])"
                               r"(?:st|nd|rd|th)?\b(?![-–/:.,]?\d)", re.IGNORECASE)
# "10-15 February", "between 10 and 15 February": a day number of the same month right before a day-first
# date (a phrase's hyphen between two numbers is written as a dash first, see ``phrase_dashes``).
_PHRASE_DAY_BEFORE = re.compile(r"(?<![\w.,/-])(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
                                r"(?:\s*[-–—]\s*|\s+(?P<word>to|until|till|through|and)\s+)$", re.IGNORECASE)
_MONTH_NEXT = re.compile(rf"\s*(?:of\s+)?(?:{'|'.join(m[:3] for m in MONTHS)})", re.IGNORECASE)
_NUMBER_HYPHEN = re.compile(r"(?<![\d-])(?P<first>\d{1,2})\s*-\s*(?=\d{1,2}(?!\d))")  # not "2021-02-10"


def phrase_dashes(phrase: str) -> str:
    """``phrase`` with a hyphen between two numbers written as a dash, the same length: "10-15 February"
    is then a range, where a day right after a hyphen is never read as a date (in an article it is part of
    a code or a score)."""
    return _NUMBER_HYPHEN.sub(lambda m: m.group("first") + "–".center(len(m.group(0)) - len(m.group("first"))), phrase)


def _joined(sentence: str, first: Mention, second: Mention, phrase: bool) -> bool:
    kinds = ("day", "named-day") if phrase else ("day",)  # a topic's "between republic day and feb 10"
    if first.kind not in kinds or second.kind not in kinds or first.future != second.future:
        return False
    found = _BETWEEN.match(sentence[first.end : second.start])
    if found is None:
        return False
    word = (found.group("word") or "").lower()
    opener = _OPENER.get(word, _FROM if word and not phrase else None)
    return opener is None or bool(opener.search(sentence[: first.start]))


def _same_month_end(sentence: str, first: Mention, phrase: bool) -> Mention | None:
    """The "5" of "March 3-5" (in a phrase also "March 3 to 5", "between March 3 and 5") as a mention of 5 March
    (the year, when written, follows it)."""
    found = (_PHRASE_DAY_AFTER if phrase else _DAY_AFTER).match(sentence, first.end)
    if found is None and not phrase and _FROM.search(sentence[: first.start]):  # "from March 3 to 5"
        found = _PHRASE_DAY_AFTER.match(sentence, first.end)
        found = found if found is not None and (found.group("word") or "").lower() not in ("", "and") and not \
            _MONTH_NEXT.match(sentence, found.end()) else None  # "from 3 March to 5 March" is ``_joined``'s
    if first.kind != "day" or first.day is None or found is None or first.year is not None:
        return None
    if phrase and (found.group("word") or "").lower() == "and" and not _OPENER["and"].search(sentence[: first.start]):
        return None  # "feb 8 and 12" lists two days; only "between" makes them a period
    day = int(found.group("day"))
    if day <= first.day:
        return None
    return replace(first, start=found.start("day"), end=found.end(), text=found.group("day"), day=day)  # "10th"


def _same_month_start(sentence: str, last: Mention, phrase: bool = True) -> Mention | None:
    """The "10" of "between 10 and 15 February" (in a phrase also "10-15 February", "10 to 15 February") as the
    first mention of a range ending at ``last``; in an article, the "3" of "on 3 and 5 March" as a day of its own
    (``through`` None)."""
    if last.kind != "day" or last.day is None or not last.text[:1].isdigit():
        return None
    found = _PHRASE_DAY_BEFORE.search(sentence[: last.start])
    if found is None or int(found.group("day")) >= last.day:
        return None
    word = (found.group("word") or "").lower()
    if word == "and" and not phrase and not _OPENER["and"].search(sentence[: found.start()]):
        # "on 3 and 5 March": two days listed, each its own event (the first was read as nothing)
        return replace(last, start=found.start("day"), end=found.end("day"), text=found.group("day"),
                       day=int(found.group("day")), through=None)
    between = word == "and" and _OPENER["and"].search(sentence[: found.start()])
    from_to = word not in ("", "and") and _FROM.search(sentence[: found.start()])  # "from 3 to 5 March"
    if not between and not from_to and (not phrase or word == "and"):
        return None
    return replace(last, start=found.start("day"), end=found.end("day"), text=found.group("day"),
                   day=int(found.group("day")), through=last)


def join_ranges(sentence: str, mentions: list[Mention], phrase: bool = False) -> list[Mention]:
    """``mentions`` with each range given as its first mention, ``through`` its last day. ``phrase``: the
    text names a period (a timeline topic) rather than reports one, see the module's docstring."""
    out: list[Mention] = []
    k = 0
    while k < len(mentions):
        m = mentions[k]
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if nxt is not None and _joined(sentence, m, nxt, phrase):
            out.append(replace(m, through=nxt))
            k += 2
            continue
        start = _same_month_start(sentence, m, phrase)
        if start is not None:
            out.extend([start] if start.through is not None else [start, m])  # a range, or two days listed
            k += 1
            continue
        end = _same_month_end(sentence, m, phrase)
        out.append(replace(m, through=end) if end else m)
        k += 1
    return out


# "in the week of April 4", "the week beginning 4 April": a week named by one of its days, not that day.
_WEEK_OF = re.compile(r"\bweek\s+(?P<word>of|beginning|starting|commencing)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|"
                      r"sun)day,?\s+)?(?:the\s+)?$", re.IGNORECASE)


def week_of(sentence: str, start: int, when: str) -> str | None:
    """The week a day at ``start`` of ``sentence`` (placed on ``when``) names, as ``first/last`` day; None when it
    names the day. "The office opened its inquiry in the week of April 4" was an event of April 4 itself, a day
    the article never gave it: "of" a day is its calendar week (Monday to Sunday, as the index's weeks are),
    "beginning"/"starting" one the seven days from it."""
    found = _WEEK_OF.search(sentence, max(0, start - 40), start)
    if found is None or len(when) != 10:
        return None
    day = date.fromisoformat(when)
    first = day - timedelta(days=day.weekday()) if found.group("word").lower() == "of" else day
    return f"{first.isoformat()}/{(first + timedelta(days=6)).isoformat()}"
