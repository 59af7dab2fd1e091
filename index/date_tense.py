"""Whether a date mention is told as still to come: the future markers of its clause, a reported future
("would"), a time something was set for ("a sit-in for Monday"); and whether a date is ahead of or behind the day
its article was written (``ahead_of``, ``behind``), which the events read beside the tense.

``index.dates`` reads each mention's tense here; a sentence's clauses are read once for all its dates.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date

from index.date_roles import context_before
from index.date_values import span_of

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
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)

# The present progressive of something the date is the time of: "is meeting officials this week", "are appearing
# before the committee on Friday", "is being heard on Friday". An event told in the present progressive with a
# time of its own is arranged, still to come (what had happened is told in the past: "met", "was meeting"). The
# aspect, not the verb, says so. Not a word in -ing that names a thing ("is nothing", "is the evening").
_PROGRESSIVE = re.compile(
    r"\b(?:is|are|am|(?<=\w)['’]re)\s+(?:(?:now|still|also|currently|reportedly|not)\s+)?(?:being\s+)?"
    r"(?!\w*thing\b|during\b|morning\b|evening\b)[a-z]{2,}ing\b")
# Between the progressive verb (the nearest before the date) and the date: the verb's own object and places
# ("officials", "before the committee"), no other verb ("is facing criticism for blocking accounts on Monday":
# Monday's is the blocking) and no word opening a clause or a cause ("is facing flak over its decision on
# Monday", "… after it failed on Monday").
_OWN_WORDS = 8  # at most this many words between
# A word in -ed or -ing after a determiner is the noun's ("on the revised contract", "the existing rules").
_NOT_ITS_OWN = re.compile(
    r"\b(?:that|which|who|whom|whose|when|while|after|since|because|as|following|over|for|about|against|despite"
    r"|than|until|till)\b"
    r"|(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )(?<!\btheir )(?<!\bhis )(?<!\bher )\b\w+(?:ed|ing)\b", re.IGNORECASE)
# What may come before a date opening its clause: "On Friday, officials will meet Twitter" is told by the clause
# after it, whose tense the date takes.
_FRONTED = re.compile(r"\s*(?:(?:and|but|then)\s+)?(?:(?:on|by|from|in|during|this|next|coming|early|late|later)\s+)?",
                      re.IGNORECASE)
# A verb in the past: after it, a "will" is what was said ("On Friday, Twitter said it will comply" was said on
# Friday). A word in -ed, or one of the common irregular pasts.
_PAST_VERB = re.compile(
    r"\b(?:\w{2,}ed|said|told|met|held|sent|gave|took|made|wrote|went|came|began|sought|got|became|found|left|put|"
    r"saw|spoke|stood|won|lost|kept|brought|thought|felt|heard|knew|led|paid|read|ran|set|shut|struck|withdrew|was|"
    r"were|had|did)\b", re.IGNORECASE)


class Clauses:
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
        progressive = list(_PROGRESSIVE.finditer(sentence))
        self.progressive_starts = [m.start() for m in progressive]
        self.progressive_ends = [m.end() for m in progressive]

    def clause_start(self, at: int) -> int:
        """Where the clause holding ``at`` starts: after the last comma, semicolon or colon before it."""
        k = bisect_right(self.starts, at)
        return self.starts[k - 1] if k else 0

    def futures(self, start: int, end: int | None = None) -> tuple[int, int]:
        """(future markers, of them no "would") in the clause before ``start``, the present progressive of the
        verb the date is the time of among them (``_PROGRESSIVE``); none after a "since". A date at ``start:end``
        opening its clause ("On Friday, officials will meet …") takes those of the clause it opens
        (``fronted``)."""
        if _SINCE_BEFORE.search(context_before(self.sentence, start)):
            return 0, 0
        clause = self.clause_start(start)
        if end is not None and _FRONTED.fullmatch(self.sentence, clause, start):
            told = self.fronted(end)
            if told:
                return told, told
        first = bisect_left(self.future_starts, clause)
        last = bisect_right(self.future_ends, start)
        markers = max(last - first, 0)
        not_would = max(self.not_would[last] - self.not_would[first], 0) if last > first else 0
        progressive = self.progressive_before(clause, start)
        return markers + progressive, not_would + progressive

    def progressive_before(self, clause: int, start: int) -> int:
        """1 when the verb the date at ``start`` is the time of is in the present progressive, in its clause
        before it with only the verb's own words between (``_OWN_WORDS``, ``_NOT_ITS_OWN``); else 0."""
        k = bisect_right(self.progressive_ends, start)
        if not k or self.progressive_starts[k - 1] < clause:
            return 0
        between = self.sentence[self.progressive_ends[k - 1]:start]
        if len(between) > 20 * _OWN_WORDS or len(between.split()) > _OWN_WORDS or _NOT_ITS_OWN.search(between):
            return 0
        return 1

    def fronted(self, end: int) -> int:
        """How many markers of the future, not "would", tell the clause a date opens, ending at ``end``: those in
        it before any verb in the past ("On Friday, Twitter said it will comply" tells of Friday's saying)."""
        after = end + len(self.sentence[end:]) - len(self.sentence[end:].lstrip(" ,"))
        k = bisect_right(self.starts, after)
        stop = self.starts[k] - 1 if k < len(self.starts) else len(self.sentence)
        past = _PAST_VERB.search(self.sentence, after, stop)
        stop = past.start() if past else stop
        found = self.future_starts[bisect_left(self.future_starts, after):bisect_left(self.future_starts, stop)]
        told = [m for m in found if self.sentence[m:m + 5].lower() != "would"]
        return len(told) + bisect_left(self.progressive_starts, stop) - bisect_left(self.progressive_starts, after)

    def pastcontext_before(self, start: int) -> bool:
        """Whether a past auxiliary ("had", "was", "were") comes in the clause before ``start``."""
        k = bisect_left(self.past_starts, self.clause_start(start))
        return k < len(self.past_starts) and self.past_ends[k] <= start


def is_future(clauses: Clauses, start: int, end: int | None = None) -> bool:
    """A future auxiliary in the same clause before the date ("will meet on Friday"), or in the clause it opens
    (``Clauses.futures``). A date "since" which something has been so is past whatever came before it ("which
    would require … and has waited since October")."""
    return clauses.futures(start, end)[0] > 0


def told_as_future(text: str) -> bool:
    """Whether any clause of ``text`` speaks of the future ("will", "is likely to", "would"): a sentence dated
    from the one before ("The next day the ministry will …") has no date of its own to read the tense before."""
    return bool(_FUTURE.search(text))


def told_in_past(text: str) -> bool:
    """Whether ``text`` has a verb in the past (``_PAST_VERB``): "This week, the Centre had sent a notice" tells
    what has happened, where "the talks are likely this week" may still be ahead."""
    return bool(_PAST_VERB.search(text))


def tense(clauses: Clauses, start: int, end: int | None = None) -> tuple[bool, bool]:
    """(future, as ``is_future``; reported: future only by a "would", "said it would be announced on February
    25", no "will" or "is due to"), the clause read once for both."""
    markers, not_would = clauses.futures(start, end)
    return markers > 0, markers > 0 and not_would == 0


# A day or weekday right after "for" is the time something is set for, not when it happened: "it has called a
# sit-in for Monday" in a Friday report is the coming Monday's, as "a hearing is set for March 21" is. Not when
# its clause is told in the past ("the meeting had been called for Monday", "was scheduled for Monday"), nor a
# possessive ("fined for Monday's post").
_SET_FOR = re.compile(r"\bfor\s+$", re.IGNORECASE)
_PAST_CLAUSE = re.compile(r"\b(?:had|was|were)\b", re.IGNORECASE)


def set_for(clauses: Clauses, start: int, end: int) -> bool:
    """Whether the day at ``start:end`` is one something was set for (``_SET_FOR``)."""
    sentence = clauses.sentence
    if not _SET_FOR.search(context_before(sentence, start)) or sentence[end:end + 1] in ("'", "’"):
        return False
    return not clauses.pastcontext_before(start)


def ahead_of(when: str, reported: date | None) -> bool:
    """Whether a date (a day, month, year, part of one or span: ``index.date_values``) starts after the day the
    article was written: then it was a plan or a deadline when reported ("the hearing on March 5"), whatever the
    tense, and the timeline must not show it as what happened. An estimated article date is the latest day it
    reports as past, so it can't tell: only the tense does."""
    return reported is not None and span_of(when)[0] > reported


def behind(when: str, reported: date | None) -> bool:
    """Whether every day of a date (a day, month, year, part of one or span) is before the day the article was
    written: then it had come when reported, whatever the tense. "said the rules would be announced on February 25,
    2021" in an article of 2 March reports a plan of before that day, and "(still ahead when reported)" would be
    false of it; whether the plan was carried out, its quote says as much as it says."""
    return reported is not None and span_of(when)[1] < reported


# A sentence ending with a question mark, before any closing quote or bracket.
_ASKS = re.compile(r"\?[\"'”’)\]]*\s*\Z")


def asks(sentence: str) -> bool:
    """Whether ``sentence`` is a question: it reports no event on the day it names. An interviewer's "How many
    orders has the company received this year?" was the year's event, and a heading "What happens on April 2?"
    one of April 2."""
    return _ASKS.search(sentence) is not None
