"""Whether a date mention is told as still to come: the future markers of its clause, a reported future
("would"), a time something was set for ("a sit-in for Monday").

``index.dates`` reads each mention's tense here; a sentence's clauses are read once for all its dates.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from index.date_roles import context_before

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

    def clause_start(self, at: int) -> int:
        """Where the clause holding ``at`` starts: after the last comma, semicolon or colon before it."""
        k = bisect_right(self.starts, at)
        return self.starts[k - 1] if k else 0

    def futures(self, start: int) -> tuple[int, int]:
        """(future markers, of them no "would") in the clause before ``start``; none after a "since"."""
        if _SINCE_BEFORE.search(context_before(self.sentence, start)):
            return 0, 0
        first = bisect_left(self.future_starts, self.clause_start(start))
        last = bisect_right(self.future_ends, start)
        return max(last - first, 0), max(self.not_would[last] - self.not_would[first], 0) if last > first else 0

    def pastcontext_before(self, start: int) -> bool:
        """Whether a past auxiliary ("had", "was", "were") comes in the clause before ``start``."""
        k = bisect_left(self.past_starts, self.clause_start(start))
        return k < len(self.past_starts) and self.past_ends[k] <= start


def is_future(clauses: Clauses, start: int) -> bool:
    """A future auxiliary in the same clause before the date ("will meet on Friday"). A date "since" which
    something has been so is past whatever came before it ("which would require … and has waited since
    October")."""
    return clauses.futures(start)[0] > 0


def told_as_future(text: str) -> bool:
    """Whether any clause of ``text`` speaks of the future ("will", "is likely to", "would"): a sentence dated
    from the one before ("The next day the ministry will …") has no date of its own to read the tense before."""
    return bool(_FUTURE.search(text))


def tense(clauses: Clauses, start: int) -> tuple[bool, bool]:
    """(future, as ``is_future``; reported: future only by a "would", "said it would be announced on February
    25", no "will" or "is due to"), the clause read once for both."""
    markers, not_would = clauses.futures(start)
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

