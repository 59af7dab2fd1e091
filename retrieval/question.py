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
_MEASURE = re.compile(r"\b(?P<how>how)\s+(?:long|big|large|fast|far|old|soon|often)\b", re.IGNORECASE)
# Chat writes "number" as "no." ("no. of orders the firm wants scrapped").
_NUMBER_OF = re.compile(r"(?:\b(?:number|count|total)\s+|\bno\.\s*)of\b(?P<focus>[^?.!]*)", re.IGNORECASE)
# "what weekday", "which weekday": a day is asked for, as "what day" asks; read as a name, "what weekday was the
# report approved" wanted a proper name beside "weekday" and was declined over "adopted its final report on Monday".
_WHEN = re.compile(
    r"\b(?:when|what\s+(?:date|day|weekday|time|year|month)|which\s+(?:date|day|weekday|year|month))\b", re.IGNORECASE)
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
# An adverb right after the asking word ("what exactly did X say", "who actually leads", "what precisely
# happened") stresses the question, it does not name a sort of thing: "what exactly" was read as "what + noun",
# a name of the sort "exact" asked for, and "what exactly did the government say" was declined while "what did
# the government say" was answered.
_STRESSED = re.compile(
    r"\b(what|which|who|whom|when|where|why|how)\s+(?:exactly|precisely|actually|really|specifically)\b",
    re.IGNORECASE)
# "going to" before a verb says "will" ("what is he going to do", "is the centre going to promote koo"): searched,
# "going" (stemmed "go") was a word of the question no sentence about what he will do holds, and "who is ajay
# sawhney and what is he going to do" was declined in its second half while "what will he do" was answered. Not
# before a determiner or a name ("going to the court", "going to Delhi"), where it is a movement.
_GOING_TO = re.compile(r"\b(?:going|gonna)(?=\s+to\s+(?!(?:the|a|an|his|her|their|its|my|our|your)\b)(?-i:[a-z]))",
                       re.IGNORECASE)
# Chat drops the apostrophe: "whats", "whos", "hows" are "what is", "who is", "how is"; and so are "what's",
# "who's": "what's the leaked doc called" was no "what is the" and named no sort of name.
_CONTRACTED = re.compile(r"\b(what|who|where|when|why|how)['\u2019]?s\b", re.IGNORECASE)
# "how come" is chat's "why"; searched, "come" counted against every sentence giving a reason.
_HOW_COME = re.compile(r"\bhow\s+come\b", re.IGNORECASE)
# "when"/"where" after another asking word in the same clause joins a clause, it does not ask: "why did the firm get
# a notice when it complied" asks why, "what did the judges do when the hearing ended" asks what. Not after a
# preposition ("from when till when", "since when"), "and"/"or" ("when and where"), or a noun of time or place
# ("the date when", "the place where"), where it still asks for one.
_JOINING = re.compile(r"\b(?:when|where)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:?.!]")
_STILL_ASKS = frozenset(["from", "till", "til", "until", "since", "by", "to", "and", "or",
                         "date", "day", "time", "year", "month", "place", "location", "venue"])
# Chat asks with a bare noun phrase whose last word names the sort of answer wanted ("fine amount?", "next
# hearing date?", "deadline?"): read as the question word it stands for would be.
_ASKING = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how)\b", re.IGNORECASE)
# "what is the deadline", "whats the fine amount": the same phrase after "what is the".
_WHAT_IS = re.compile(r"^\s*what\s+(?:is|was|are|were)\s+(?:the\s+)?", re.IGNORECASE)
# A keyword query ("blocked accounts count first notice", "deadline compliance notice") puts the word naming the
# sort of answer anywhere, not only last. Read there only for words that are not also part of a name or a
# phrase about something else ("Republic Day", "took place", "at the time"): those stay read only last.
_SORT_ANYWHERE = frozenset(["date", "deadline", "amount", "amt", "number", "total", "count", "cost", "price", "toll",
                            "location", "venue", "reason", "motive"])
_KEYWORD_QUERY_WORDS = 8  # longer, a message without an asking word is a statement, not a keyword query
# "what was the hashtag (that) the first notice targeted": a noun, then a clause saying which one, asks the
# same as "what hashtag did the first notice target" (a name of that sort); as a definition ("what is koo")
# it was read as no name and declined, while "what hashtag did ..." was answered.
_WHAT_THE_NOUN = re.compile(
    r"^\s*what\s+(?:is|was|are|were)\s+the\s+(?P<noun>[a-z]+)\s+"
    r"(?:that|which|whom|who|the|a|an|its|his|her|their|this|these|those|they|it|he|she|we|you|i)\s",
    re.IGNORECASE)
_SORT_OF_ANSWER = {word: kind for kind, words in (
    (Kind.WHEN, "date day deadline time"), (Kind.COUNT, "amount amt number total count figure size cost price toll"),
    (Kind.WHERE, "place location venue"), (Kind.WHY, "reason motive"),
) for word in words.split()}
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
# A request for the words themselves ("quote me MeitY's words", "what did they say verbatim") asks for a quote,
# which every answer is: searched, "quote" and "words" counted against every sentence (no article uses them)
# and such requests were declined while the same question without them was answered. Not "exact(ly)" or
# "precisely" anywhere: as often as they ask for a quote, they qualify a figure or a time ("exactly how many",
# "precisely when"), a question's own words; after an asking word ("what exactly did ...") ``_STRESSED`` drops
# them. Read as request words everywhere, the one seed question so written ("Exactly how many of the 1,178
# accounts were automated bots?", unanswerable) changed the held-out threshold from 0.36 to 0.39 when refitted,
# and 298 held-out answers of 506 fell to 281 (training.fit --dry-run --c 1.0, 2026-12-06).
QUOTE_REQUEST = frozenset(terms("verbatim quote quotes word words specifically"))
REQUEST_TERMS = frozenset(
    terms("give tell show list explain describe please number numbers details summarize summarise know want")
    + terms("mention mentioned coverage article articles story stories")
) | CHAT_FILLER | QUOTE_REQUEST


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
# counted thing's phrase then ends at its verb, a past form after a noun ("users registered", not "the
# registered users" or "the 312 listed accounts"), an adverb before it going too ("members formally
# disagreed"), or at a preposition ("how many departments on koo"; not one a verb takes as often as a noun,
# "to", "from", "at", "for", "with": "how many accounts belong to"). Read to the end, the last word ("koo",
# "ban") was taken for the counted thing.
_PHRASE_END = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:(?P<verb>[a-z]{4,}ed|[a-z]{1,3}[^\We]ed|went|got|took|made|said|saw|came|left|lost|gave|sent|won|"
    r"told|found|became|began|grew|knew|kept|held|brought|bought|paid|spent|fell|rose|ran|wrote|chose|stood)|"
    r"on|in|by|of|since|during|before|after|over|under|across)\b",
    re.IGNORECASE,
)
# "how many of the blocked posts": the counted thing follows.
_OF_THE = re.compile(r"^\s*of\s+(?:(?:the|these|those|its|their|his|her|our|your|all)\s+)?", re.IGNORECASE)
_DETERMINERS = frozenset(["the", "a", "an", "these", "those", "its", "their", "his", "her", "our", "your", "all",
                          "any", "some"])


def _phrase(head: str) -> str:
    """``head`` up to where the counted thing's phrase ends."""
    head = _OF_THE.sub("", head, count=1)
    for end in _PHRASE_END.finditer(head):
        before = head[: end.start()].split()
        if not before:
            continue
        if end.group("verb") and (before[-1].lower() in _DETERMINERS or any(c.isdigit() for c in before[-1])):
            continue  # an adjective: "the blocked posts", "the 312 listed accounts"
        return head[: end.start()]
    return head


def _focus_terms(fragment: str) -> list[str]:
    cut = _FOCUS_END.search(fragment)
    head = _phrase(fragment[: cut.start()] if cut else fragment)
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


def _keyword_sort(text: str) -> Kind | None:
    """The sort of answer a short phrase with no asking word names by a word anywhere in it ("blocked accounts
    count first notice": a count); None when it names none, or two different sorts."""
    found = re.findall(r"[a-z]+", text.lower())
    if len(found) > _KEYWORD_QUERY_WORDS:
        return None
    sorts = {_SORT_OF_ANSWER[w] for w in found if w in _SORT_ANYWHERE}
    return sorts.pop() if len(sorts) == 1 else None


def _asking_only(text: str) -> str:
    """``text`` with each "when"/"where" that joins a clause rather than asks (``_JOINING``) written "while"/"at",
    for reading the kind: its words are searched as typed."""
    def read(match: re.Match[str]) -> str:
        starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, match.start())]
        before = text[starts[-1] if starts else 0: match.start()]
        previous = re.findall(r"[a-z]+", before.lower())[-1:]
        if not _ASKING.search(before) or (previous and previous[0] in _STILL_ASKS):
            return match.group()
        return "while" if match.group().lower() == "when" else "at"
    return _JOINING.sub(read, text)


# A question opening with one of these asks yes or no ("did the app change its name"), not for a name.
_YES_NO = frozenset(["is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "will", "would", "can",
                     "could", "should"])


def _named_last(phrase: str) -> tuple[str, ...] | None:
    """The sort of name a bare phrase ending in "name(s)" asks for ("interministerial committee chair name",
    "telcos told to cut data, names"): its last two words before "name"; None when it doesn't end so, or asks yes
    or no."""
    found = re.findall(r"[a-z]+", phrase.lower())
    if len(found) < 2 or found[-1] not in ("name", "names") or found[0] in _YES_NO:
        return None
    return tuple(terms(" ".join(found[:-1]))[-2:])


def analyse(text: str) -> Question:
    """Classify by the interrogative; a question may be a bare phrase ("accounts blocked")."""
    plain = _STRESSED.sub(r"\1", _CONTRACTED.sub(r"\1 is", _HOW_COME.sub("why", asking_words(text))))
    # "kind of" says the answer is a sort of thing; no article sentence would say "kind".
    kind_of = _KIND_OF.search(plain) is not None
    text_read = _KIND_OF.sub("what", plain)
    # The measure word makes "how" ask ("how long", "how far") and says nothing about the story: searched, "long"
    # (a word these articles never use) counted against every sentence, and "how long after the government's
    # allegation did Twitter issue its statement" was declined above "within 24 hours of the allegation".
    searched = _GOING_TO.sub("", _MEASURE.sub(r"\g<how>", text_read))
    words = [w for w in terms(searched) if w not in REQUEST_TERMS] or terms(searched)
    match = _COUNT.search(text_read) or _NUMBER_OF.search(text_read)
    if match:
        return Question(text, Kind.COUNT, words, _focus_terms(match.group("focus")))
    if _MEASURE.search(text_read):
        return Question(text, Kind.COUNT, words, [])
    asking = _asking_only(text_read)
    if _WHEN.search(asking):
        return Question(text, Kind.WHEN, words, [])
    if _WHO.search(text_read):
        return Question(text, Kind.WHO, words, [])
    if _WHERE.search(asking):
        return Question(text, Kind.WHERE, words, [])
    if _WHY.search(text_read):
        return Question(text, Kind.WHY, words, [])
    if kind_of:
        return Question(text, Kind.OTHER, words, [])
    phrase = _WHAT_IS.sub("", text_read, count=1)
    bare = not _ASKING.search(phrase)  # a noun phrase asking nothing in words: its last word says what it asks
    name_sort = _named_last(phrase) if bare else None
    if name_sort is not None:
        return Question(text, Kind.NAME, words, [], name_sort)
    last = re.findall(r"[a-z]+", phrase.lower())[-1:]
    sort = _SORT_OF_ANSWER.get(last[0]) if last and bare else None
    if sort is None and not _ASKING.search(text_read):
        sort = _keyword_sort(text_read)
    if sort is not None:
        return Question(text, sort, words, [])
    the_noun = _WHAT_THE_NOUN.match(text_read)
    if the_noun is not None:
        noun = the_noun.group("noun").lower()
        named = _SORT_OF_ANSWER.get(noun)
        if named is not None:  # "what was the date that ...": a date, as "what date ..." asks
            return Question(text, named, words, [])
        return Question(text, Kind.NAME, words, [], tuple(terms(noun)))
    if _NAME.search(text_read) or _NAME_OF.search(text_read):
        return Question(text, Kind.NAME, words, [], _category(text_read))
    return Question(text, Kind.OTHER, words, [])
