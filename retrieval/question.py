"""What a question asks for, read from its wording alone.

The kind decides which sentences make a good answer: a count question wants figures, a "when" question
wants dates. Nothing here knows about any particular article or question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from index.lexical import terms
from retrieval.shorthand import asking_words


class Kind(Enum):
    COUNT = "count"
    WHEN = "when"
    WHO = "who"
    WHERE = "where"
    WHY = "why"
    NAME = "name"  # which/what + noun: a proper name is expected ("What app ...", "which law ...")
    OTHER = "other"


_COUNT = re.compile(
    r"\b(?:how\s+(?:many|much)|what\s+(?:percentage|share|proportion|fraction))\b(?P<focus>[^?.!]*)",
    re.IGNORECASE,
)
# A measure ("how long", "how fast") wants a figure too, but what follows is not the counted thing.
_MEASURE = re.compile(r"\bhow\s+(?:long|big|large|fast|far|old|soon|often)\b", re.IGNORECASE)
_NUMBER_OF = re.compile(r"\b(?:number|count|total)\s+of\b(?P<focus>[^?.!]*)", re.IGNORECASE)
_WHEN = re.compile(r"\b(?:when|what\s+(?:date|day|time|year|month)|which\s+(?:date|day|year|month))\b",
                   re.IGNORECASE)
_WHO = re.compile(r"\b(?:who|whom|whose)\b", re.IGNORECASE)
_WHERE = re.compile(r"\bwhere\b", re.IGNORECASE)
_WHY = re.compile(r"\b(?:why|what\s+(?:reason|reasons|prompted|led|caused)|for\s+what\s+reason)\b", re.IGNORECASE)
_NAME = re.compile(
    r"\b(?:which|what(?!\s+(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should|about|if|happened)\b))"
    r"\s+[a-z]",
    re.IGNORECASE,
)
# The words after "which"/"what (is the)": the sort of thing named; they end at a verb-like word.
_NAME_HEAD = re.compile(r"\b(?:which|what)\s+(?:is\s+)?(?:the\s+|a\s+|an\s+)?(?P<focus>[^?.!]*)", re.IGNORECASE)
_NAME_OF_HEAD = re.compile(r"\bname\s+of\s+(?:the\s+|a\s+|an\s+)?(?P<focus>[^?.!]*)", re.IGNORECASE)
_HEAD_END = re.compile(r"\b(?:called|named|known|name)\b", re.IGNORECASE)
_NAME_OF = re.compile(r"\bname\s+of\b|\bcalled\b|\bnamed\b", re.IGNORECASE)
# "What kind of speech ...": a sort of thing is asked for ("protected speech"), not a proper name.
_KIND_OF = re.compile(r"\bwhat\s+(?:kinds?|types?|sorts?)\s+of\b", re.IGNORECASE)
# Chat drops the apostrophe: "whats", "whos", "hows" are "what is", "who is", "how is".
_CONTRACTED = re.compile(r"\b(what|who|where|when|why|how)s\b", re.IGNORECASE)
# The focus of "how many X were ..." ends at the first verb-like word.
_FOCUS_END = re.compile(
    r"\b(?:are|is|was|were|be|been|did|do|does|has|have|had|will|would|could|can|should|may|might|got|get)\b",
    re.IGNORECASE,
)


# Words that ask for an answer ("give numbers", "please explain") rather than say what it is about; left
# in, they count against every sentence's coverage although no article would contain them.
# Words about the articles themselves ("the app mentioned in the coverage") say as little.
# Chat's filler and hedges, and words about the asker rather than the story ("im kinda confused", "gonna",
# "supposedly", "the farmers stuff or something else") say as little: no article sentence holds them, so
# "who are the 1178 accounts supposedly linked to" was declined with the articles "never use the word
# “supposedly”", and answered without it.
CHAT_FILLER = frozenset(
    terms("gonna wanna gotta kinda sorta supposedly apparently basically actually really anyway btw idk tbh lol")
    + terms("im ive ok okay hey hi guys stuff thing something else confused curious wondering")
)
REQUEST_TERMS = frozenset(
    terms("give tell show list explain describe please number numbers details summarize summarise know want")
    + terms("mention mentioned coverage article articles story stories")
) | CHAT_FILLER


@dataclass(frozen=True)
class Question:
    text: str
    kind: Kind
    terms: list[str]
    focus: list[str]  # the counted thing (head noun of "how many X"), for count questions
    # What sort of thing a name is asked for ("which law", "what's the archive called"): a proper name right
    # beside one of these words is most likely the one asked for.
    category: tuple[str, ...] = ()


def has_subject(question: Question) -> bool:
    """Whether the question names anything to look for: a search word besides those that only ask ("tell",
    "explain"). "when?" or "what is it" names nothing, and a question written in a script the keyword index
    doesn't read has no search word at all: any sentence the search ranks first for them answers nothing
    the asker named ("when?" got the first dated sentence as its answer)."""
    return any(t not in REQUEST_TERMS for t in question.terms)


# Chat leaves out the auxiliary ("how many ministers joined koo", "how many ppl used pingle b4 the ban"): the
# counted thing's phrase then ends at its verb, a past form after its first word ("registered users" is one
# phrase, "users registered" two), or at a preposition ("how many departments on koo"). Read to the end, the
# last word ("koo", "ban") was taken for the counted thing.
_PHRASE_END = re.compile(
    r"(?<=\w)\s+(?:[a-z]+ed|went|got|took|made|said|saw|came|left|lost|gave|sent|won|told|found|became|began|"
    r"grew|knew|kept|held|brought|bought|paid|spent|fell|rose|ran|wrote|chose|stood|"
    r"on|in|at|from|by|of|with|for|to|into|since|during|before|after|about|over|under|across)\b",
    re.IGNORECASE,
)


def _focus_terms(fragment: str) -> list[str]:
    cut = _FOCUS_END.search(fragment)
    head = fragment[: cut.start()] if cut else fragment
    ended = _PHRASE_END.search(head)
    head = head[: ended.start()] if ended else head
    found = terms(head)
    if not found:  # "how many were ..." : fall back to what follows
        found = terms(fragment)[:1]
    # The head of an English noun phrase is its last word: "Twitter accounts" counts accounts.
    return found[-1:]


def _category(text_read: str) -> tuple[str, ...]:
    """At most two words: English rarely puts more than one modifier before the noun asked about, and the
    head may be either ("official body", "rules set ...")."""
    match = _NAME_OF_HEAD.search(text_read) or _NAME_HEAD.search(text_read)
    if match is None:
        return ()
    fragment = match.group("focus")
    cut = _HEAD_END.search(fragment)
    fragment = fragment[: cut.start()] if cut else fragment
    cut = _FOCUS_END.search(fragment)
    return tuple(terms(fragment[: cut.start()] if cut else fragment)[:2])


def analyse(text: str) -> Question:
    """Classify by the interrogative; a question may be a bare phrase ("accounts blocked")."""
    plain = _CONTRACTED.sub(r"\1 is", asking_words(text))
    # "kind of" says the answer is a sort of thing; no article sentence would say "kind".
    kind_of = _KIND_OF.search(plain) is not None
    text_read = _KIND_OF.sub("what", plain)
    words = [w for w in terms(text_read) if w not in REQUEST_TERMS] or terms(text_read)
    match = _COUNT.search(text_read) or _NUMBER_OF.search(text_read)
    if match:
        return Question(text, Kind.COUNT, words, _focus_terms(match.group("focus")))
    if _MEASURE.search(text_read):
        return Question(text, Kind.COUNT, words, [])
    if _WHEN.search(text_read):
        return Question(text, Kind.WHEN, words, [])
    if _WHO.search(text_read):
        return Question(text, Kind.WHO, words, [])
    if _WHERE.search(text_read):
        return Question(text, Kind.WHERE, words, [])
    if _WHY.search(text_read):
        return Question(text, Kind.WHY, words, [])
    if kind_of:
        return Question(text, Kind.OTHER, words, [])
    if _NAME.search(text_read) or _NAME_OF.search(text_read):
        return Question(text, Kind.NAME, words, [], _category(text_read))
    return Question(text, Kind.OTHER, words, [])
