"""Whether a date is the time a plan was set for that the sentence says was called off or moved: "the hearing
had been scheduled for Tuesday but was moved to Thursday", "talks set for Friday were cancelled".

Such a day is when nothing happened: the timeline showed "had been scheduled for Tuesday but was postponed" as
Tuesday's event, as done. Nor was it still ahead when reported, so "(still ahead when reported)" would be false
of it too. Its date is left out (``index.dates`` gives it the role ``called-off``), as a date that only names a
noun's time is (``index.date_roles``): a reader of a timeline expects each day's entry to be what happened that
day, and the sentence is still quoted for what it says (that the plan was dropped) whenever it answers a
question. The day it was moved to ("moved to Thursday", "postponed until February 15") is the plan's new time,
ahead from when it was set (``moved_to``).

Both are read from the clause's own words: a plan's ("scheduled", "set", "slated", "due", "was to") before the
date with no clause break between, and an undoing ("postponed", "called off", "did not take place") told as done,
not as a possibility ("may be postponed").
"""

from __future__ import annotations

import re

from index.date_roles import context_before

# What was planned for the date: "had been scheduled for", "was to be held on", "was supposed to meet X on", "set
# for". Then up to eight words, no clause break nor an undoing, before the date's own preposition.
# "Due" only right before it: "postponed due to the violence on Monday" names the cause's day, no plan's.
_PLAN = re.compile(
    r"\b(?:(?:scheduled|slated|planned|fixed|listed|set|supposed|meant|expected|(?:was|were)\s+to)\b"
    r"(?P<gap>[^,;:.()\"“”]{0,80}?)\b|due\s+)(?:for|on|at|by)\s+(?:the\s+)?$",
    re.IGNORECASE)
# A plan undone, told as done: "was postponed", "called off", "did not take place".
_UNDONE = (r"postponed|deferred|rescheduled|adjourned|cancell?ed|scrapped|shelved|delayed|called\s+off|put\s+off"
           r"|pushed\s+back|put\s+back|brought\s+forward|moved\s+(?:up|ahead|forward|back)|(?:was|were|been)\s+moved"
           r"|did\s+not\s+(?:take\s+place|happen|go\s+ahead)|didn['’]t\s+(?:take\s+place|happen|go\s+ahead)"
           r"|never\s+(?:took\s+place|happened)|fell\s+through")
_UNDOING = re.compile(rf"\b(?:{_UNDONE})\b", re.IGNORECASE)
# Only a possibility, not what was done: "may be postponed", "could be called off", "is likely to be delayed".
_MAYBE = re.compile(r"\b(?:may|might|could|would|will|can|should|to)\s+(?:not\s+)?(?:be|have\s+been)\s+$",
                    re.IGNORECASE)
# The plan's new time: "moved to Thursday", "postponed until February 15", "pushed back to next week".
_MOVED_TO = re.compile(
    rf"\b(?:{_UNDONE}|moved|pushed)\b(?:\s+[\w'’-]+){{0,3}}?\s+(?:to|till|until|for)\s+(?:the\s+)?$", re.IGNORECASE)


# How far around a plan's date its undoing is looked for: the words of its own sentence near it. Read over the
# whole sentence for each date, a sentence packed with dates took time growing with the square of its length.
_AROUND = 200


def _undone(text: str) -> bool:
    """Whether ``text`` tells of a plan undone as done (not "may be postponed")."""
    return any(not _MAYBE.search(text[max(0, m.start() - 40):m.start()]) for m in _UNDOING.finditer(text))


def called_off(sentence: str, start: int) -> bool:
    """Whether the date at ``start`` is the time a plan was set for, which the sentence says (near it) was undone."""
    plan = _PLAN.search(context_before(sentence, start))
    return (plan is not None and not _UNDOING.search(plan.group("gap") or "")
            and _undone(sentence[max(0, start - _AROUND):start + _AROUND]))


def moved_to(sentence: str, start: int) -> bool:
    """Whether the date at ``start`` is the time a plan was moved to ("postponed until February 15")."""
    return _MOVED_TO.search(context_before(sentence, start)) is not None
