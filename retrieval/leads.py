"""Which ranked sentence an answer leads with, when the best one only says the question again.

The answer model scores a sentence high for holding the question's words, and the sentence that holds them
most is often the one that restates the question ("The government has agreed to meet Twitter officials." for
"who was going to meet the twitter officials for the government?") rather than the one that answers it ("Ajay
Sawhney ... will be meeting Twitter officials."). Where the asked-for thing shows on a sentence's surface (a
name for "who", a day for "when", a figure for "how many", a place for "where": the model's
``type_match`` feature), a best sentence without it yields to the next one the model also trusts that has it.

A negated question ("which accounts did twitter not take action against?") asks about what was not done: a
sentence saying what was done ("took enforcement action ... on accounts") answers another question, so among
sentences the model trusts, one that is negated too leads.

A sentence holding the question's words only in its dateline ("New Delhi: Twitter Inc. on Monday ...") is no
answer to a question sharing only the place ("when is the next farmers market in new delhi?"): the dateline
names where the article was filed, not what it is about. Coverage already leaves datelines out
(``retrieval.features.sentence_terms``); the similarity in meaning and the sentence's day did not.
"""

from __future__ import annotations

import re

import numpy as np

from index.lexical import terms
from index.place_dateline import words_start
from retrieval.features import Candidates, sentence_terms
from retrieval.question import Kind, Question

# Kinds whose asked-for thing shows on a sentence's surface (``retrieval.features._type_match``). A "which"
# question's type match is any capitalised word the question lacks, too weak a sign to pass over the best; a
# "why"'s is any "after", "since" or "amid", as weak: with "why", 3 answers of the 24 never-fitted articles
# moved to a dateline sentence's "since" or a quote's "after" (one of them, right before, was lost).
SURFACE_KINDS = frozenset([Kind.WHO, Kind.WHEN, Kind.COUNT, Kind.WHERE])
# A sentence leads instead of the best only when the model gives it at least this share of the best's
# probability (and it clears the decline threshold): a far weaker one is likelier about something else.
LEAD_SHARE = 0.5
_NEGATION = re.compile(r"\b(?:not|never|cannot|neither|nor)\b|\w+n['’]t\b", re.IGNORECASE)


def negated(text: str) -> bool:
    """Whether ``text`` says something was not so ("not", "never", "won't", "didn't")."""
    return _NEGATION.search(text) is not None


def _holds_asked(question: Question, found: Candidates, i: int) -> bool:
    """Whether candidate ``i`` holds what the question asks for: its sort of thing (or, for a "when", in the
    next sentence, which the answer quotes with it), and a negation when the question is negated."""
    if negated(question.text) and not negated(found.texts[i]):
        return False
    if question.kind not in SURFACE_KINDS:
        return True
    held = found.column("type_match")[i] > 0
    return bool(held or (question.kind is Kind.WHEN and found.column("next_type_match")[i] > 0))


def asks_surface_thing(question: Question) -> bool:
    """Whether a candidate can be seen to lack what ``question`` asks for."""
    return question.kind in SURFACE_KINDS or negated(question.text)


def lead_first(question: Question, found: Candidates, probs: np.ndarray, order: list[int],
               threshold: float) -> list[int]:
    """``order`` (best first) with the first candidate holding what was asked moved ahead of the ones that
    restate the question without it, when the model trusts it nearly as much; those restating it go last
    (they say nothing the asker didn't). Unchanged when the best holds it or no trusted one does."""
    if not order or not asks_surface_thing(question) or _holds_asked(question, found, order[0]):
        return order
    floor = max(threshold, LEAD_SHARE * float(probs[order[0]]))
    for n, i in enumerate(order[1:], start=1):
        if probs[i] < floor:
            break
        if _holds_asked(question, found, i):
            return [i, *order[n + 1 :], *order[:n]]
    return order


def dateline_only(question: Question, text: str) -> bool:
    """Whether ``text`` shares words with the question only in its dateline ("New Delhi: ...", "VALMERE, Tavrenia -
    ...")."""
    cut = words_start(text)
    if cut == 0:
        return False
    asked = set(question.terms)
    return bool(asked.intersection(terms(text[:cut]))) and not asked.intersection(sentence_terms(text))
