"""A live blog's update putting an earlier entry's figure right: the earlier entry's figure is no answer.

A live blog is written as things change, and its entries are never edited: the 11:20 entry says "1.8 million
subscribers are without mobile data", and the 14:05 one "UPDATE to our 11:20 post: the ministry now says 2.3 million
mobile subscribers are affected, not 1.8 million as it said this morning". Quoted alone, the older entry answered
"how many subscribers are affected" with the figure the blog itself has put right. As with an editor's correction
note (``index.corrections.withdrawn``), the sentence stating the figure an update says was not so is not quoted;
the update's sentence is, as it gives the right figure.

Only in a text with entry heads (``index.entry_heads``), and only for an entry opening with an update's label
("UPDATE", "Update:", "Updated 14:05 –"): a story's "… was 4,000, not 40,000 as rumoured" withdraws nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.chunking import Span
from index.entry_heads import entry_heads

_UPDATE = re.compile(r"\W*update[ds]?\b", re.IGNORECASE)
# The figure an update says was not so, with what it counts: "not 1.8 million", "not the 340 accounts".
_NOT = re.compile(r"\bnot\s+(?:the\s+)?(\d[\d,]*(?:\.\d+)?)\s+([A-Za-z]+)", re.IGNORECASE)
_FIGURE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)\s+([A-Za-z]+)")


def _figures(sentence: str, pattern: re.Pattern[str] = _FIGURE) -> set[tuple[str, str]]:
    return {(number.replace(",", ""), word.lower()) for number, word in pattern.findall(sentence)}


def superseded(text: str, sentences: Sequence[Span]) -> set[Span]:
    """The sentences of ``text`` stating a figure a later update of the live blog says was not so (the update's own
    sentences stay): empty for a text without entry heads or updates."""
    heads = entry_heads(text)
    if not heads:
        return set()
    starts = {head.end for head in heads}
    updates: list[Span] = []
    gone: set[tuple[str, str]] = set()
    for sentence in sentences:
        words = text[sentence.start:sentence.end]
        opens_entry = any(not text[end:sentence.start].strip() for end in starts if end <= sentence.start)
        if opens_entry and _UPDATE.match(words):
            updates.append(sentence)
            denied = _figures(words, _NOT)
            gone |= denied - (_figures(words) - denied)  # a figure it also states as so stays
    if not gone:
        return set()
    return {sentence for sentence in sentences
            if sentence not in updates and _figures(text[sentence.start:sentence.end]) & gone}
