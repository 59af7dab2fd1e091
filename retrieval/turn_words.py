"""The words of an earlier turn a follow-up may borrow: the asker's words, and the names an answer gave.

Kept apart from ``retrieval.followup``, which weighs them: these only find them in a turn's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from index.lexical import terms
from retrieval.pronouns import words
from retrieval.question import REQUEST_TERMS
from retrieval.turns import Turn

# Capitalised, but a time, not something "it" or "they" could stand for.
_CALENDAR = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december)$", re.IGNORECASE)


def answer_names(
    sentence: str, idf: Mapping[str, float], floor: float, asked: set[str]
) -> list[tuple[str, str, float, int]]:
    """(word, term, idf, distance in words to the nearest asked term) for each capitalised word of
    ``sentence`` that does not start it (a name, not a sentence opener) and that the index knows."""
    written = words(sentence)
    asked_at = [i for i, w in enumerate(written) if asked.intersection(terms(w))]
    found: list[tuple[str, str, float, int]] = []
    for i, word in enumerate(written[1:], start=1):
        if not word[0].isupper() or _CALENDAR.match(word):
            continue
        distance = min((abs(i - j) for j in asked_at), default=len(written))
        for term in terms(word):
            value = idf.get(term)
            if value is not None and value >= floor and term not in asked:
                found.append((word, term, value, distance))
    return found


def asked_words(text: str, idf: Mapping[str, float], floor: float) -> list[tuple[str, str, float]]:
    """(surface word, term, idf) for each word of ``text`` the index knows and that is not too common; words
    that ask ("tell me") or speak of the articles ("the coverage") name nothing "it" could stand for."""
    found: list[tuple[str, str, float]] = []
    for word in words(text):
        for term in terms(word):
            value = idf.get(term)
            if value is not None and value >= floor and term not in REQUEST_TERMS:
                found.append((word, term, value))
    return found


def topic_turns(turns: Sequence[Turn], leans: Callable[[str], bool]) -> list[Turn]:
    """The latest ``turns`` back to the last question that named its own subject (``leans`` is False for it):
    the turns before it were about another topic. "how many accounts were blocked?", then "who is the IT
    minister?", then "and what did he say about twitter?" borrowed "koo" from an "and koo?" asked before both."""
    start = next((i for i in range(len(turns) - 1, -1, -1) if not leans(turns[i].question)), 0)
    return list(turns[start:])
