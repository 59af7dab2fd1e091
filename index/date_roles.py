"""Whose time a date mention names: the sentence's own event (``primary``) or a noun's (``reference``).

"The ministry met Twitter on February 10" dates the meeting; "in the wake of the January 26 violence" dates
the violence, and the sentence's own event is another, usually later one. ``index.dates`` reads each mention's
role here, from the few words before and after it.
"""

from __future__ import annotations

import re

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
# A preposition after a date opens a phrase of the sentence's, never a noun the date qualifies: "servers crashed for
# several hours last week under the load" was read as a "last week under" like "the January 26 violence", and the
# crash dated nothing.
_PREPOSITIONS = {"under", "over", "against", "across", "despite", "without", "because", "about", "around", "toward",
                 "towards", "from", "near", "via", "among", "amongst", "between", "behind", "beyond", "within", "upon",
                 "onto", "throughout", "per", "unlike", "alongside", "outside", "inside", "ahead", "due"}
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
NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")

# How far before a date its own context is read (the word before it, "since the", "for", the subject it opens):
# the words right before it. Read over the whole sentence before each date, a sentence packed with dates took
# time growing with the square of its length (20,000 characters: 3.5 s); no word or subject is this long.
_BEFORE = 200


def context_before(sentence: str, start: int) -> str:
    """The ``_BEFORE`` characters before ``start``: what a date's own context is read in."""
    return sentence[max(0, start - _BEFORE):start]


def word_before(sentence: str, start: int) -> str:
    prev = _PREV_WORD.search(context_before(sentence, start))
    return prev.group(1).lower() if prev else ""


# A date a state has held since ("has been blocked since 3 March", "43 arrested since Saturday night", "ever since
# the morning of 3 March"): the sentence tells how things stand when written, not a happening of that day.
_SINCE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+(?:(?:very\s+)?(?:morning|afternoon|evening|night|start|beginning"
                    r"|middle|end|first\s+week|first\s+days?)\s+of\s+)?)?$", re.IGNORECASE)


def held_since(sentence: str, start: int, text: str) -> bool:
    """Whether the date ``text`` at ``start`` is one a state has held since, as "since" before it says (the
    month of "since March" holds the word itself)."""
    return text[:6].lower() == "since " or _SINCE.search(context_before(sentence, start)) is not None


def date_role(sentence: str, start: int, end: int) -> str:
    if start <= _BEFORE and _SUBJECT_START.fullmatch(sentence, 0, start):
        return "primary"  # "The January 26 violence left …", "Twitter's Monday statement came late": its subject
    prev_word = word_before(sentence, start)
    if sentence.startswith(("'s", "’s"), end):  # "Tuesday's order"; "at Wednesday's session" is when something was
        return "primary" if prev_word in _DURING else "reference"
    led = _LED_BY.search(context_before(sentence, start))
    if led and _noun_phrase(led.group("noun").split()):
        return "reference"
    nxt = NEXT_WORD.match(sentence, end)
    if nxt and nxt.group(1).islower() and nxt.group(1) not in _FUNCTION_WORDS | _PREPOSITIONS:
        return "primary" if prev_word in _TEMPORAL_PREPS else "reference"
    return "primary"


def _noun_phrase(words: list[str]) -> bool:
    """Whether the words between a leading "after the" and a date's preposition read as a noun phrase: no
    function word, no past tense after its first word ("since their agreement expired on February 28" is a
    clause, whose date is its verb's), and no time of its own ("since the start of February")."""
    return (not any(w.lower() in _FUNCTION_WORDS for w in words)
            and not any(w.lower().endswith("ed") for w in words[1:])
            and words[-1].lower() not in _TIME_NOUNS)
