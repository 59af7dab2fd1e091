"""Finding date mentions in a sentence: what each says (month, day, year if written) and how it is said.

dateparser reads what a mention says (which month, day and, if written, year). What a mention *means*
depends on where the article sits in time, which no library can know: those rules (which year a yearless
date falls in, which Monday "on Monday" is) are ``index.date_resolution``'s. This module reads what the
sentence tells them: whether the clause speaks of the future, or only reports a promise ("would").

Only forms that name a month or a weekday, and weeks relative to the article ("this week", "last week"),
are recognised. Bare numbers ("1,178", "24/7", "Section 69A",
"2021" alone) and slash dates (ambiguous between day-first and month-first) never become dates, and a
month name must be capitalised, which keeps the modal verb "may" out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import dateparser

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
    r"(?<!\w)(?P<mo>(?i:this|last|next))\s+month(?!\w)",
]
_MENTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are|am)\s+(?:scheduled|set|expected|due|slated|likely|going)\s+to|to be held"
    r"|(?:is|are)\s+(?:scheduled|set|due|slated|expected|listed|fixed)\s+for"  # "talks are scheduled for Friday"
    # "talks are expected later this week", "the ruling is due on Friday"
    r"|(?:is|are)\s+(?:expected|due|scheduled|slated)\s+(?:later|on|next|this|by|before|soon)"
    r"|(?:has|have|was\s+given|were\s+given|gets?)\s+(?:until|till)"  # a deadline: "has until Thursday"
    r"|(?:plans?|intends?|aims?|hopes?)\s+to"
    r"|would"  # reported future: "said it would restore the account by Thursday"
    r"|(?:give[sn]?|gave|giving)\b[^,;:]{0,40}?\b(?:until|till))\b",  # "gives the company until Thursday"
    re.IGNORECASE,
)
_NOT_A_DAY = {"good", "black", "super", "cyber", "ash", "holy", "easter", "maundy"}
# After these a date is an adverbial ("on February 8 said"), so a following word doesn't make it a modifier.
_TEMPORAL_PREPS = {"on", "since", "from", "until", "till", "by", "before", "after", "in", "during",
                   "beginning", "starting", "through", "dated", "mid", "early", "late"}
_FUNCTION_WORDS = {
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
    "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this",
    "to", "was", "will", "with", "when", "while", "after", "before", "following", "saying", "said",
    "says", "he", "she", "we", "i", "you", "its", "his", "her", "our", "had", "has", "have", "were",
    "would", "could", "should", "may", "might", "can", "did", "also", "amid", "where", "which", "who",
}
_PREV_WORD = re.compile(r"([A-Za-z]+)[\s-]*$")
# A date that ends a noun phrase led by a word of sequence or cause ("in connection with the tractor rally violence
# on Republic Day", "following the protests of January 26", "after the meeting on Monday"): the date is the
# noun's, and the sentence's own event is another, later one ("Twitter acted after the violence on Republic Day"
# did not act on Republic Day). Up to five words of the noun phrase, none a function word (a verb phrase,
# "after the accounts were blocked on February 8", dates what it says).
_LED_BY = re.compile(
    r"\b(?:in\s+the\s+(?:wake|aftermath)\s+of|following|after|since|in\s+connection\s+(?:with|to)"
    r"|(?:connected|related|linked)\s+to|in\s+response\s+to)\s+"
    r"(?:the|a|an|its|their|his|her|this|that|these|those)\s+"
    r"(?P<noun>(?:[\w'’-]+\s+){0,4}[\w'’-]+)\s+(?:on|of|in|at)\s+$",
    re.IGNORECASE)
# A noun phrase that is itself a time ("since the start of February", "after the morning of January 26") leaves
# the date the sentence's own.
# Where a date opens the sentence's subject (at most a dateline, a determiner and names or possessives before
# it), the noun it qualifies is what the sentence tells of: "Republic Day 2020 passed quietly", "The January 26
# violence left …", "Twitter's Monday statement came late".
_SUBJECT_START = re.compile(r"(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?:\s+)?(?:(?i:the|a|an|this|that)\s+)?"
                            r"(?:[A-Z][\w.&-]*(?:['’]s)?\s+){0,3}")
# Before a possessive date, these make it the time of what the sentence tells ("read out at Wednesday's session").
_DURING = {"at", "during", "on", "in"}
_TIME_NOUNS = {"start", "beginning", "end", "middle", "close", "turn", "morning", "afternoon", "evening", "night",
               "day", "days", "week", "weeks", "weekend", "hours", "month", "months", "first", "last", "rest"}
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


@dataclass(frozen=True)
class Mention:
    """A date expression in a sentence, as written (no year guessed yet).

    ``kind`` is ``day`` (a day of a month), ``month``, ``weekday``, ``named-day``, ``week`` ("this week",
    "last week", "next week", or "past": "the past week"; ``qualifier`` says which) or ``near-month`` ("this
    month", "last month", "next month": the article's month, or the one before or after it). ``role`` is
    ``reference`` when the date modifies a noun ("the January 26 violence", "Tuesday's order", "in the wake of
    the violence on Republic Day"): it names when that was, and the sentence's own event is another, usually
    later one; otherwise ``primary``.
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
    # The last day of a range this mention opens ("between February 19 and February 26"), set by
    # ``index.date_ranges``: one event over those days, not one at each end.
    through: Mention | None = None


@lru_cache(maxsize=4096)
def _parse(text: str) -> datetime | None:
    """dateparser on a mention; a fixed leap-year base makes a missing year recognisable and Feb 29 valid."""
    return dateparser.parse(
        text,
        languages=["en"],
        settings={"RELATIVE_BASE": datetime(2000, 1, 1), "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"},
    )


# How far before a date its own context is read (the word before it, "since the", "for", the subject it opens):
# the words right before it. Read over the whole sentence before each date, a sentence packed with dates took
# time growing with the square of its length (20,000 characters: 3.5 s); no word or subject is this long.
_BEFORE = 200
_OF_AFTER = re.compile(r"\s+of\b")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)


def _before(sentence: str, start: int) -> str:
    """The ``_BEFORE`` characters before ``start``: what a date's own context is read in."""
    return sentence[max(0, start - _BEFORE):start]


def _prev_word(sentence: str, start: int) -> str:
    prev = _PREV_WORD.search(_before(sentence, start))
    return prev.group(1).lower() if prev else ""


def _role(sentence: str, start: int, end: int) -> str:
    if start <= _BEFORE and _SUBJECT_START.fullmatch(sentence, 0, start):
        return "primary"  # "The January 26 violence left …", "Twitter's Monday statement came late": its subject
    prev_word = _prev_word(sentence, start)
    if sentence.startswith(("'s", "’s"), end):  # "Tuesday's order"; "at Wednesday's session" is when something was
        return "primary" if prev_word in _DURING else "reference"
    led = _LED_BY.search(_before(sentence, start))
    if led and _noun_phrase(led.group("noun").split()):
        return "reference"
    nxt = _NEXT_WORD.match(sentence, end)
    if nxt and nxt.group(1).islower() and nxt.group(1) not in _FUNCTION_WORDS:
        return "primary" if prev_word in _TEMPORAL_PREPS else "reference"
    return "primary"


def _noun_phrase(words: list[str]) -> bool:
    """Whether the words between a leading "after the" and a date's preposition read as a noun phrase: no
    function word, no past tense after its first word ("since their agreement expired on February 28" is a
    clause, whose date is its verb's), and no time of its own ("since the start of February")."""
    return (not any(w.lower() in _FUNCTION_WORDS for w in words)
            and not any(w.lower().endswith("ed") for w in words[1:])
            and words[-1].lower() not in _TIME_NOUNS)


class _Clauses:
    """A sentence's clauses, read once for all its dates: where each starts (after a comma, semicolon or colon),
    its future markers (``_FUTURE``: none spans a clause's end) and its past auxiliaries (``_PAST_CLAUSE``). A
    date's clause is then found by bisection: read again for every date, a long clause packed with dates took
    time growing with the square of its length."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.starts = [i + 1 for i, ch in enumerate(sentence) if ch in ",;:"]
        future = list(_FUTURE.finditer(sentence))
        self.future_starts = [m.start() for m in future]
        self.future_ends = [m.end() for m in future]
        # How many of the first k markers are no "would" (the reported future): prefix counts.
        self.not_would = [0]
        for m in future:
            self.not_would.append(self.not_would[-1] + (m.group(0).lower() != "would"))
        past = list(_PAST_CLAUSE.finditer(sentence))
        self.past_starts = [m.start() for m in past]
        self.past_ends = [m.end() for m in past]

    def clause_start(self, at: int) -> int:
        """Where the clause holding ``at`` starts: after the last comma, semicolon or colon before it."""
        k = bisect_right(self.starts, at)
        return self.starts[k - 1] if k else 0

    def futures(self, start: int) -> tuple[int, int]:
        """(future markers, of them no "would") in the clause before ``start``; none after a "since"."""
        if _SINCE_BEFORE.search(_before(self.sentence, start)):
            return 0, 0
        first = bisect_left(self.future_starts, self.clause_start(start))
        last = bisect_right(self.future_ends, start)
        return max(last - first, 0), max(self.not_would[last] - self.not_would[first], 0) if last > first else 0

    def past_before(self, start: int) -> bool:
        """Whether a past auxiliary ("had", "was", "were") comes in the clause before ``start``."""
        k = bisect_left(self.past_starts, self.clause_start(start))
        return k < len(self.past_starts) and self.past_ends[k] <= start


def _is_future(clauses: _Clauses, start: int) -> bool:
    """A future auxiliary in the same clause before the date ("will meet on Friday"). A date "since" which
    something has been so is past whatever came before it ("which would require … and has waited since
    October")."""
    return clauses.futures(start)[0] > 0


def told_as_future(text: str) -> bool:
    """Whether any clause of ``text`` speaks of the future ("will", "is likely to", "would"): a sentence dated
    from the one before ("The next day the ministry will …") has no date of its own to read the tense before."""
    return bool(_FUTURE.search(text))


def _tense(clauses: _Clauses, start: int) -> tuple[bool, bool]:
    """(future, as ``_is_future``; reported: future only by a "would", "said it would be announced on February
    25", no "will" or "is due to"), the clause read once for both."""
    markers, not_would = clauses.futures(start)
    return markers > 0, markers > 0 and not_would == 0


# A day or weekday right after "for" is the time something is set for, not when it happened: "it has called a
# sit-in for Monday" in a Friday report is the coming Monday's, as "a hearing is set for March 21" is. Not when
# its clause is told in the past ("the meeting had been called for Monday", "was scheduled for Monday"), nor a
# possessive ("fined for Monday's post").
_SET_FOR = re.compile(r"\bfor\s+$", re.IGNORECASE)
_PAST_CLAUSE = re.compile(r"\b(?:had|was|were)\b", re.IGNORECASE)


def _set_for(clauses: _Clauses, start: int, end: int) -> bool:
    """Whether the day at ``start:end`` is one something was set for (``_SET_FOR``)."""
    sentence = clauses.sentence
    if not _SET_FOR.search(_before(sentence, start)) or sentence[end:end + 1] in ("'", "’"):
        return False
    return not clauses.past_before(start)


def _build(match: re.Match[str], clauses: _Clauses) -> Mention | None:
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
        # "last week" is the calendar week before the article's, as "last Monday" is the Monday before it; "the
        # past week", "in the last week" are the seven days before the article's date, whatever its weekday.
        the_last = word == "last" and _THE_BEFORE.search(_before(sentence, start)) is not None
        qualifier = "past" if word == "past" or the_last else {"previous": "last", "coming": "next"}.get(word, word)
        return Mention(start, end, match.group(0), "week", qualifier=qualifier,
                       future=qualifier == "next" or _is_future(clauses, start), role=_role(sentence, start, end))
    elif g["mo"]:
        # "the last month of campaigning", "over the last month" (thirty days, not a calendar month): no month
        if _OF_AFTER.match(sentence, end) or _THE_BEFORE.search(_before(sentence, start)):
            return None
        qualifier = g["mo"].lower()
        return Mention(start, end, match.group(0), "near-month", qualifier=qualifier,
                       future=qualifier == "next" or _is_future(clauses, start), role=_role(sentence, start, end))
    elif g["wd"]:
        prev_word = _prev_word(sentence, match.start("wd"))
        nxt = _NEXT_WORD.match(sentence, end)
        # "Good Friday" is a feast, "the Sunday Guardian" a newspaper; "on Monday Twitter said" is a day.
        if prev_word in _NOT_A_DAY or (nxt and nxt.group(1)[0].isupper() and prev_word != "on" and not g["wq"]):
            return None
        qualifier = (g["wq"] or "").lower().replace("this past", "last").replace("this coming", "next")
        qualifier = "next" if qualifier == "coming" else qualifier
        return Mention(start, end, match.group(0), "weekday", weekday=_WEEKDAYS.index(g["wd"]),
                       qualifier=qualifier,
                       future=qualifier == "next" or _is_future(clauses, start) or _set_for(clauses, start, end),
                       role=_role(sentence, start, end))
    else:
        name = re.sub("’", "'", g["nd"]).lower()
        month, day = NAMED_DAYS[name]
        year = int(g["ny"]) if g["ny"] else None
        future, reported = _tense(clauses, start)
        return Mention(start, end, match.group(0), "named-day", month, day, year,
                       future=future, reported=reported, role=_role(sentence, start, end))
    parsed = _parse(text)
    if parsed is None:
        return None
    future, reported = _tense(clauses, start)
    if kind == "day" and not future and _set_for(clauses, start, end):
        # Ahead from when it was set, which may be days before the report, as for reported speech: "called a
        # sit-in for February 8" in a report of 10 February is that sit-in, not one a year later.
        future, reported = True, True
    return Mention(start, end, sentence[start:end], kind, parsed.month, parsed.day if kind == "day" else None,
                   year, future=future, reported=reported, role=_role(sentence, start, end))


def find_mentions(sentence: str) -> list[Mention]:
    """Every date mention in a sentence, left to right.

    A weekday written next to a full date ("Wednesday, February 10") adds nothing and could disagree
    with it, so it is dropped.
    """
    clauses = _Clauses(sentence)
    mentions = [m for m in (_build(x, clauses) for x in _MENTION.finditer(sentence)) if m is not None]
    days = [m for m in mentions if m.kind == "day"]  # left to right, none overlapping: their ends rise too
    starts = [d.start for d in days]

    def beside_a_day(m: Mention) -> bool:
        k = bisect_right(starts, m.end + 3)  # the last day starting at most 3 characters after the weekday
        return k > 0 and days[k - 1].end >= m.start - 3

    return [m for m in mentions if m.kind != "weekday" or not beside_a_day(m)]
