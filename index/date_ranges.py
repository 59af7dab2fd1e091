"""Ranges of days: "between February 19 and February 26", "from January 28 to February 5", "March 3-5".

A sentence reporting something that lasted days names two dates, and read one by one it became two events
with the same sentence, one at each end, and nothing on the timeline said they were one thing. Joined, the
first mention carries the last day (``Mention.through``) and the timeline shows one event over the span,
as it shows a week. Two days merely listed ("on January 31 and February 8") stay two events: only
"between … and …", "from … to/until/through …" and a dash join them, within one clause.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.dates import Mention

# What may stand between the two ends: the connector and a few words ("and polling day on February 6").
_BETWEEN = re.compile(r"\s*(?P<word>and|to|until|till|through)\s+[^,;:.()]{0,30}$|\s*[-–—]\s*$", re.IGNORECASE)
_OPENER = {"and": re.compile(r"\bbetween\s+$", re.IGNORECASE)}
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
# "March 3-5", "3–5 March": a second day of the same month right after the first.
_DAY_AFTER = re.compile(r"[-–](?P<day>[12]\d|3[01]|0?[1-9])\b(?![-–/:.,]?\d)")


def _joined(sentence: str, first: Mention, second: Mention) -> bool:
    if first.kind != "day" or second.kind != "day" or first.future != second.future:
        return False
    found = _BETWEEN.match(sentence[first.end : second.start])
    if found is None:
        return False
    opener = _OPENER.get((found.group("word") or "").lower(), _FROM if found.group("word") else None)
    return opener is None or bool(opener.search(sentence[: first.start]))


def _same_month_end(sentence: str, first: Mention) -> Mention | None:
    """The "5" of "March 3-5" as a mention of 5 March (the year, when written, follows it)."""
    found = _DAY_AFTER.match(sentence, first.end)
    if first.kind != "day" or first.day is None or found is None or first.year is not None:
        return None
    day = int(found.group("day"))
    if day <= first.day:
        return None
    return replace(first, start=found.start("day"), end=found.end(), text=found.group(0)[1:], day=day)


def join_ranges(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each range given as its first mention, ``through`` its last day."""
    out: list[Mention] = []
    k = 0
    while k < len(mentions):
        m = mentions[k]
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if nxt is not None and _joined(sentence, m, nxt):
            out.append(replace(m, through=nxt))
            k += 2
            continue
        end = _same_month_end(sentence, m)
        out.append(replace(m, through=end) if end else m)
        k += 1
    return out
