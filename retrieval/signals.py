"""What kind of information a sentence carries, read from its surface: figures, dates, names, reasons.

These say whether a sentence *could* answer a kind of question ("how many" wants a figure the question
doesn't already state); the answer model weighs them against similarity. None of it names a word of any
particular article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.figures import date_span, figures, has_date
from index.lexical import terms

_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_RELATIVE_TIME = re.compile(
    r"\b(?:today|yesterday|tomorrow|this\s+(?:week|month|year)|last\s+(?:week|month|year)|next\s+(?:week|month|year)"
    r"|(?:hours?|days?|weeks?|months?)\s+(?:ago|later|after|before|earlier))\b",
    re.IGNORECASE,
)
_REASON = re.compile(
    r"\b(?:because|due\s+to|owing\s+to|citing|cited|as\s+a\s+result|in\s+order\s+to|so\s+that|since|"
    r"after|over\s+(?:concerns?|fears?)|for\s+(?:allegedly|spreading|failing|violating)|reason|"
    r"on\s+the\s+grounds?|amid|following|to\s+(?:prevent|stop|protect|curb|avoid))\b",
    re.IGNORECASE,
)
# A cause stated outright, as against "after" or "amid", which more often only say what came first.
_STRONG_REASON = re.compile(
    r"\b(?:because|due\s+to|owing\s+to|on\s+the\s+grounds?|as\s+a\s+result|in\s+order\s+to|so\s+that|reasons?)\b",
    re.IGNORECASE,
)
_HOW_LONG = re.compile(r"\bhow\s+long\b|\bfor\s+how\s+many\s+(?:days|weeks|months|years|hours)\b", re.IGNORECASE)
# A figure with a unit of time: what "how long" asks for.
_DURATION = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|a|an)"
    r"(?:[\s-]+\w+)?[\s-]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b",
    re.IGNORECASE,
)
# "India Today", "USA Today": a capitalised time word right after a capitalised word is part of a name.
_IN_NAME = re.compile(r"[A-Z][\w'’.-]*\s+$")
_PLACE = re.compile(r"\b(?:in|at|from|near|outside|inside)\s+(?:the\s+)?[A-Z][a-z]+")
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]*[a-z][\w'’-]*\b|\b[A-Z]{2,}[a-z]?[A-Z]*\b")
# A name runs on over the capitalised words after its first ("Quillbridge Technologies", "Bank of Brask").
_NAME_RUN = re.compile(r"(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w'’.-]*)*")
_QUOTE = re.compile(r"[\"“”]")
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Carries:
    figures: frozenset[float]
    has_date: bool
    has_weekday: bool
    has_year: bool
    has_relative_time: bool
    names: frozenset[str]  # capitalised words past the sentence start, lower-cased
    has_reason: bool
    has_strong_reason: bool
    has_duration: bool
    has_place: bool
    has_quote: bool
    words: int


def _has_relative_time(sentence: str) -> bool:
    return any(
        not (m.group(0)[0].isupper() and _IN_NAME.search(sentence, 0, m.start()))
        for m in _RELATIVE_TIME.finditer(sentence)
    )


@lru_cache(maxsize=65_536)
def carries(sentence: str) -> Carries:
    return Carries(
        figures=frozenset(f.value for f in figures(sentence)),
        has_date=has_date(sentence),
        has_weekday=_WEEKDAY.search(sentence) is not None,
        has_year=_YEAR.search(sentence) is not None,
        has_relative_time=_has_relative_time(sentence),
        names=frozenset(m.group(0).lower() for m in _CAPITAL.finditer(sentence) if m.start() > 0),
        has_reason=_REASON.search(sentence) is not None,
        has_strong_reason=_STRONG_REASON.search(sentence) is not None,
        has_duration=_DURATION.search(sentence) is not None,
        has_place=_PLACE.search(sentence) is not None,
        has_quote=_QUOTE.search(sentence) is not None,
        words=len(_WORD.findall(sentence)),
    )


def time_span(sentence: str) -> tuple[int, int] | None:
    """Where the sentence says when: its first date, else a weekday, a time relative to the article's day
    (not one inside a name, "India Today") or a year. The things ``has_date`` and its kin look for, located."""
    found = date_span(sentence)
    if found:
        return found
    relative = (m for m in _RELATIVE_TIME.finditer(sentence)
                if not (m.group(0)[0].isupper() and _IN_NAME.search(sentence, 0, m.start())))
    for match in (_WEEKDAY.search(sentence), next(relative, None), _YEAR.search(sentence)):
        if match:
            return match.start(), match.end()
    return None


def name_span(sentence: str, question: str) -> tuple[int, int] | None:
    """Where the first name the question doesn't use sits (a capitalised word past the sentence start, as in
    ``new_names``), with the capitalised words that run on from it ("Quillbridge Technologies")."""
    asked = question_words(question)
    for match in _CAPITAL.finditer(sentence):
        if match.start() > 0 and match.group(0).lower() not in asked:
            run = _NAME_RUN.match(sentence, match.end())
            return match.start(), run.end() if run else match.end()
    return None


@lru_cache(maxsize=4096)
def question_words(question: str) -> frozenset[str]:
    """Every word of the question, lower-cased: a name or figure the question states is not news."""
    return frozenset(w.lower() for w in _WORD.findall(question))


def new_names(sentence: str, question: str) -> int:
    asked = question_words(question)
    return sum(1 for n in carries(sentence).names if n not in asked)


NEAR_WORDS = 6


def asks_duration(question: str) -> bool:
    return _HOW_LONG.search(question) is not None


@lru_cache(maxsize=65_536)
def _stems(token: str) -> frozenset[str]:
    return frozenset(terms(token))


@lru_cache(maxsize=65_536)
def _name_words(sentence: str) -> tuple[dict[str, tuple[int, ...]], tuple[tuple[int, str], ...]]:
    """The sentence's words by place, read once per sentence: where each stem stands, and the capitalised
    words past its start (place, word lower-cased). Tokenized anew for every candidate of every question that
    names a category, this was the largest share of the features' time after coverage."""
    places: dict[str, list[int]] = {}
    capitals: list[tuple[int, str]] = []
    for i, match in enumerate(_WORD.finditer(sentence)):
        token = match.group(0)
        for stem in _stems(token):
            places.setdefault(stem, []).append(i)
        if match.start() > 0 and token[0].isupper():
            capitals.append((i, token.lower()))
    return {stem: tuple(at) for stem, at in places.items()}, tuple(capitals)


def name_near(sentence: str, category: tuple[str, ...], question: str) -> bool:
    """Whether a capitalised word the question doesn't use sits within a few words of one of ``category``'s
    (stemmed) words: "the opposition Civic Renewal Party", "the archive, which the company calls the Ad
    Ledger". Its own capitals count ("Party" beside "Renewal")."""
    if not category:
        return False
    places, capitals = _name_words(sentence)
    at = [i for stem in set(category) for i in places.get(stem, ())]
    if not at:
        return False
    asked = question_words(question)
    names = [i for i, word in capitals if word not in asked]
    return any(0 < abs(i - j) <= NEAR_WORDS for i in at for j in names)


def new_figures(sentence: str, question: str) -> int:
    asked = {f.value for f in figures(question)}
    return len(carries(sentence).figures - asked)
