"""A "today" that sets the present against a "tomorrow" that may come: a figure of speech, not a day.

'"Today it is paid advertising. Tomorrow someone may ask whether a citizen's unpaid post … is illegal," said the
group's director.' and '"Today the government's panel helped a union. Tomorrow it may order …"' were events of the
article's day: "today" there means "now, in this case", and the sentence tells a worry, no happening of that day.
Read so when the sentence pairs "today" with a "tomorrow" whose clause is a possibility ("may", "might", "could",
"can"), and the "today" is inside a quotation or its clause tells nothing done (no verb in the past): "The court
said today it may rule tomorrow" is still the day of the court's saying. Neither day dates an event then.
"""

from __future__ import annotations

import re

from index.date_tense import _PAST_VERB

_TODAY = re.compile(r"\btoday\b", re.IGNORECASE)
_TOMORROW = re.compile(r"\btomorrow\b", re.IGNORECASE)
_POSSIBLY = re.compile(r"\b(?:may|might|could|can)\b", re.IGNORECASE)
# Where a clause of a quotation ends: a sentence's end inside it, a semicolon, a closing quote mark.
_CLAUSE_END = re.compile(r"[.!?;]\s|[.!?]?[\"”]")


def _clause(sentence: str, at: int) -> str:
    """The words from the clause start before ``at`` to its end after it (``_CLAUSE_END``)."""
    before = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, at)]
    after = _CLAUSE_END.search(sentence, at)
    return sentence[(before[-1] if before else 0):(after.start() if after else len(sentence))]


def _quoted(sentence: str, at: int) -> bool:
    """Whether ``at`` is inside a direct quotation: more opening than closing marks before it, or an odd number of
    straight double quotes."""
    head = sentence[:at]
    return head.count("“") > head.count("”") or head.count('"') % 2 == 1


def rhetorical(sentence: str, start: int) -> bool:
    """Whether the "today" or "tomorrow" at ``start`` of ``sentence`` is the figure of speech (module docstring)."""
    today, tomorrow = _TODAY.search(sentence), _TOMORROW.search(sentence)
    if today is None or tomorrow is None or start not in (today.start(), tomorrow.start()):
        return False
    if not _POSSIBLY.search(_clause(sentence, tomorrow.start())):
        return False
    return _quoted(sentence, today.start()) or not _PAST_VERB.search(_clause(sentence, today.start()))
