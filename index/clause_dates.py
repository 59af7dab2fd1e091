"""Which of a sentence's dates is its own happening's, and which only date something a clause of it mentions.

"The commission on Thursday fined Brightwire … during the silence period before the election on September 14."
tells Thursday's fine; the election's day is named inside a phrase hung on the sentence ("before the election on
…"), as the panel's start in "… ordered Loomline to restore the account, in its first ruling since the panel was
set up in June" and the crush in "… fined Quillo for leaving up posts, a claim that caused a crush at the harbour
last Friday". Filed under those dates too (``index.events``), the whole sentence was shown as that day's event, as
if the fine or the order had happened then. A date inside such a clause is dropped when another date of the
sentence sits in its main clause (a sentence whose every date is in one clause is left as it was): the line a
timeline shows for a date is then a sentence about that date's happening.

A clause here runs from its opening word to the next comma, semicolon, colon, dash or bracket (or the sentence's
end): a relative clause ("that caused …", "which was set up in …", "who …", "when …"), a clause or
phrase of time or cause ("since …", "before …", "after …", "until …", "while …", "because …", "ahead of …",
"following …"). Not "that" after a verb of saying or finding ("said on Monday that it had removed the posts on
Friday", "the court found that …"): what was said is the news, and its date that happening's. Nor "where": "It ran
from Delhi on January 31 to Mumbai, where it ended on February 8" goes on with the sentence's own story.
"""

from __future__ import annotations

import re
from itertools import groupby

from index.mention_dates import Located

_OPENS = re.compile(
    r"(?<![\w'’-])(?:that|which|who|whom|whose|when|since|before|after|until|till|while|because|once"
    r"|ahead\s+of|following)(?![\w'’-])",
    re.IGNORECASE)
# A clause ends at these (or the sentence's end); a dash only between spaces ("a 48-hour period" goes on).
_CLOSES = re.compile(r"[,;:()]|\s[-–—]\s|[–—]")
# A "that" after these (within the few words of an object: "told reporters that", "said on Monday that") opens
# what was said or found, not a relative clause.
_TOLD = re.compile(
    r"\b(?:said|says|say|told|tells|announced|added|stated|claimed|argued|ruled|found|finds|confirmed|denied|warned"
    r"|reported|alleged|noted|insisted|wrote|believed|believes|knew|learned|learnt|showed|shows|agreed|decided"
    r"|admitted|explained|concluded|held|acknowledged|maintained|revealed|estimated|suggested|signalled|signaled"
    r"|indicated|promised|pledged|vowed|hoped|feared|expects?|expected|argues|claims|holds|mean|means|meant)"
    r"(?:\s+[\w'’,.-]+){0,4}\s+$",
    re.IGNORECASE)


# After "before", "after", "until", "since": a time of day or a part of one, whose date is the main verb's ("switched
# off the links shortly before midnight on Thursday").
_TIME_OF_DAY = re.compile(
    r"\s+(?:(?:shortly|just|soon|right|long|well)\s+)?(?:the\s+)?(?:(?:early|late)\s+)?(?:midnight|noon|midday|dawn"
    r"|dusk|daybreak|sunrise|sunset|morning|afternoon|evening|night|weekend|start|end|beginning|middle|close|\d)",
    re.IGNORECASE)


def _clauses(sentence: str, starts: list[int]) -> list[tuple[int, int]]:
    """The spans of the sentence's subordinate clauses and phrases (module docstring); not a date right after its
    opening word ("before February 8", "after midnight on Thursday"): that is the time of the sentence's verb."""
    spans: list[tuple[int, int]] = []
    for opened in _OPENS.finditer(sentence):
        if opened.group(0).lower() == "that" and _TOLD.search(sentence[max(0, opened.start() - 80):opened.start()]):
            continue
        gap = len(sentence[opened.end():]) - len(sentence[opened.end():].lstrip())
        if opened.end() + gap in starts or _TIME_OF_DAY.match(sentence, opened.end()):
            continue
        close = _CLOSES.search(sentence, opened.end())
        spans.append((opened.start(), close.start() if close else len(sentence)))
    return spans


def in_side_clauses(sentence: str, starts: list[int]) -> set[int]:
    """Of the dates starting at ``starts`` in ``sentence``, those inside a subordinate clause or phrase while
    another is in the main clause: they date what the clause mentions, not the sentence's happening. Empty when
    none is in the main clause (a sentence all of whose dates are subordinate is left as it was)."""
    spans = _clauses(sentence, starts)
    side = {s for s in starts if any(a <= s < b for a, b in spans)}
    return side if len(side) < len(set(starts)) else set()


def side_dates(text: str, located: list[Located]) -> set[int]:
    """The offsets (``Located.offset``) of the dates of ``located`` (in reading order) that ``in_side_clauses``
    finds in their sentence of ``text``."""
    side: set[int] = set()
    for span, group in groupby(located, key=lambda item: item.sentence):
        items = list(group)
        found = in_side_clauses(text[span.start : span.end], [item.mention.start for item in items])
        side.update(item.offset for item in items if item.mention.start in found)
    return side
