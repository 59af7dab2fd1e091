"""A dateline naming only where a story was filed, before a colon or a spaced dash: "NEW DELHI:", "MARESK —",
"LONDON (Reuters) -", the place's region or country after a comma ("VALMERE, Tavrenia -", "AUSTIN, Texas —",
"NEW DELHI, India:"), and a wire story's place written as a name with its agency in brackets ("Brussels (AFP) -",
"Paris, France (AP) —"). A timeline quoted it as the event's words and the answer model read its place as words
of the sentence; it is page furniture, as a dateline with the day is (``index.lead_dateline``).

Strict, since a story's sentence may open the same way ("Twitter, Koo - …", "Officials, however - …", "On Monday,
Twitter -"): its first word is the place in capitals, or the agency's brackets follow the place, and the story
after it opens with a capital or a quote mark. No list of places: any place written so is one.
"""

from __future__ import annotations

import re

# A news dateline of a place written as a name, before a colon ("New Delhi: Twitter on Monday ..."): no quote starts
# after it (``index.lead_dateline.lead_end``: "Twitter: a platform under pressure" opens the same way), but no
# words of the sentence either, for the answer model (``retrieval.coverage``) nor a title (``index.article_head``).
DATELINE = re.compile(r"^(?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’.-]*:\s+")
# The place in capitals, one to three words of two letters at least ("I: …" is no place).
_CAPS = r"[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,2}"
# A place, a region or a country written as a name: one to three capitalised words ("Tavrenia", "Tamil Nadu").
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
# After a place in capitals, its agency as any bracketed words opening with a capital ("(Reuters)", "(Tidewire)").
_ANY_AGENCY = r"\([A-Z][\w .&-]{0,30}\)"
# After a place written as a name, the agency is all that tells it from a story's words: capitalised words only
# ("(AFP)", "(Thomson Reuters Foundation)"), and the place's first word no sentence's opener ("The Koo app (Koo) -").
_AGENCY = r"\([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}\)"
_PLACE_DATELINE = re.compile(
    rf"\s*(?:{_CAPS}(?:\s*,\s*{_NAME})?\s*(?:{_ANY_AGENCY}\s*)?|(?P<name>{_NAME})(?:\s*,\s*{_NAME})?\s*{_AGENCY}\s*)"
    r"(?::|\s[-–—])\s+(?=[A-Z\"“‘'])")
_NOT_A_PLACE = frozenset(["the", "a", "an", "on", "in", "by", "at", "since", "until", "from", "before", "after",
                          "during", "as", "for", "of", "then", "and", "but", "so", "this", "that", "its", "their"])


def place_dateline_end(sentence: str) -> int:
    """Where a dateline of its place alone opening ``sentence`` ends, the spaces after it included; 0 for none."""
    found = _PLACE_DATELINE.match(sentence)
    if found is None:
        return 0
    if found.group("name") is not None and found.group("name").split()[0].lower() in _NOT_A_PLACE:
        return 0
    return found.end()


def words_start(sentence: str) -> int:
    """Where ``sentence``'s own words start after a dateline naming its place ("New Delhi: ", "VALMERE, Tavrenia -
    "); 0 when none opens it. A question naming the place ("will it rain in valmere") is no closer to the
    sentence for it: the dateline says where the story was filed, not what it is about."""
    found = DATELINE.match(sentence)
    return max(found.end() if found else 0, place_dateline_end(sentence))
