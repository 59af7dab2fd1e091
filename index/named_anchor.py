"""The day a sentence counts from when it names the event: "The day before the filing, …", "Two days after the
ruling, …" (``index.relative_days``).

Such a phrase counts from the day of the event it names, and an article often dates that event paragraphs away
("Chirrup filed its challenge on February 18." … "met its regional head on February 14." … "The day before the
filing, it wrote to the authority"): counted from the sentence just before, it landed on February 13, the day
before the meeting. The named event is found by its word: the nearest other sentence of the article that dates
one day and has a word of the same stem ("filing" and "filed", "ruling" and "ruled", "hearing" and "heard"). When
none does, the sentence before is still the one counted from, as for "Two days later, …".

Stems are ``index.lexical``'s (a dictionary form, then the Snowball stemmer), the ones search reads words by: a
crude suffix cut of its own (-ing, -ed, -s, -e) left "the hearing" apart from "heard", "the announcement" from
"announced" and "the meeting" from "met", and those sentences counted from the sentence before instead.
"""

from __future__ import annotations

import re
from typing import Any

from index.lexical import terms
from index.relative_days import RelativeDay

# After "before"/"after": a determiner, a noun of one to three words, then the comma closing the phrase
# ("the filing,", "the court's ruling,"). Without the comma the words may run on into the clause: read none.
_NAMED = re.compile(r"\s+(?:the|its|their|this|that|his|her)\s+([\w'’-]+(?:\s+[\w'’-]+){0,2}?)\s*,", re.IGNORECASE)
_MIN_STEM = 3


def _stem(word: str) -> str:
    """A word's search term: "filing", "filed" and "file" are "file", "hearing" and "heard" "hear"; "" for a
    function word."""
    found = terms(word)
    return found[0] if len(found) == 1 else ""


def named_event(sentence: str, phrase: RelativeDay) -> str | None:
    """The stem of the event ``phrase`` counts from when it is named right after "before"/"after" ("The day
    before the filing, …" gives "file"); None for "Two days later", or a noun running on without a comma."""
    if not re.search(r"\b(?:before|after)$", phrase.text, re.IGNORECASE):
        return None
    found = _NAMED.match(sentence, phrase.start + len(phrase.text))
    if found is None:
        return None
    head = re.sub(r"['’]s?$", "", found.group(1).split()[-1])
    stem = _stem(head)
    return stem if len(stem) >= _MIN_STEM else None


def named_anchor(stem: str, position: int, dated: dict[int, list[dict[str, Any]]]) -> list[dict[str, Any]] | None:
    """The records of the sentence that dates the event named by ``stem``: the nearest one before ``position``
    (else after it) that dates exactly one day and has a word of that stem; None when no sentence does."""
    named = [start for start, records in dated.items()
             if start != position and len({r["date"] for r in records}) == 1 and len(records[0]["date"]) == 10
             and stem in terms(str(records[0]["quote"]))]
    before = [start for start in named if start < position]
    if before:
        return dated[max(before)]
    after = [start for start in named if start > position]
    return dated[min(after)] if after else None
