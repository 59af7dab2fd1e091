"""Shortening a long sentence to the part that answers, without changing a word of it."""

from __future__ import annotations

import re
from functools import lru_cache

from index.lexical import terms

ELLIPSIS = "…"
_CLAUSE_END = re.compile(r"[,;:](?=\s)|\s[—–-]\s|\s(?=\"|“)")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans; each keeps its trailing punctuation so windows read naturally."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _CLAUSE_END.finditer(text):
        spans.append((begin, match.end()))
        begin = match.end()
    spans.append((begin, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@lru_cache(maxsize=16_384)
def _clause_terms(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[frozenset[str], ...]]:
    """The clauses of a sentence and the terms of each, kept per text: answers, related passages and declines
    trim the same corpus sentences for question after question, and tokenizing their clauses anew was a fifth
    of composing an answer."""
    clauses = tuple(_clauses(text))
    return clauses, tuple(frozenset(terms(text[s:e])) for s, e in clauses)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    return s, e


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _cost(text: str, words: list[tuple[int, int]], lo: int, hi: int) -> int:
    """Characters shown for words ``lo`` to ``hi``, with an ellipsis for each cut."""
    s, e = words[lo][0], words[hi][1]
    return (e - s) + (len(ELLIPSIS) + 1 if s > 0 else 0) + (len(ELLIPSIS) if e < len(text) else 0)


def _shown(text: str, words: list[tuple[int, int]], lo: int, hi: int) -> tuple[str, tuple[int, int]]:
    s, e = _strip(text, words[lo][0], words[hi][1])
    return (ELLIPSIS + " " if s > 0 else "") + text[s:e] + (ELLIPSIS if e < len(text) else ""), (s, e)


def _words_around(text: str, must: tuple[int, int], budget: int) -> tuple[str, tuple[int, int]]:
    """No run of whole clauses holding ``must`` fits: grow a window of words around it instead."""
    words = _word_spans(text)
    inside = [i for i, (s, e) in enumerate(words) if e > must[0] and s < must[1]]
    if not inside:
        return trim_to_window(text, set(), budget)
    lo, hi = inside[0], inside[-1]
    grew = True
    while grew:  # alternate sides so the figure stays near the middle
        grew = False
        if hi + 1 < len(words) and _cost(text, words, lo, hi + 1) <= budget:
            hi, grew = hi + 1, True
        if lo > 0 and _cost(text, words, lo - 1, hi) <= budget:
            lo, grew = lo - 1, True
    return _shown(text, words, lo, hi)


def _words_on_from(text: str, keep: set[str], budget: int) -> tuple[str, tuple[int, int]] | None:
    """No clause fits whole: the words from the first that holds a question term, read on toward the end
    (what the question's words lead to is the answer), then back toward the start with the room left; None
    when the sentence holds no question term. Cut from its start instead, a later sentence of "what did the
    govt accuse twitter of on monday" ended "...the government's allegation that Twitter was promoting…",
    the allegation itself left out."""
    words = _word_spans(text)
    first = next((i for i, (s, e) in enumerate(words) if keep.intersection(terms(text[s:e]))), None)
    if first is None or _cost(text, words, first, first) > budget:
        return None
    lo = hi = first
    while hi + 1 < len(words) and _cost(text, words, lo, hi + 1) <= budget:
        hi += 1
    while lo > 0 and _cost(text, words, lo - 1, hi) <= budget:
        lo -= 1
    return _shown(text, words, lo, hi)


def trim_to_window(
    text: str, keep: set[str], budget: int, must: tuple[int, int] | None = None
) -> tuple[str, tuple[int, int]]:
    """Return the text to show and the (start, end) of the verbatim slice inside ``text``.

    Short sentences come back whole. A long one is cut to the run of clauses holding the most question
    terms (and always ``must``, e.g. the figure a count question asks for, when it fits); ellipses mark each
    cut, and the offsets always describe the exact quoted slice.
    """
    if len(text) <= budget:
        return text, (0, len(text))
    clauses, clause_terms = _clause_terms(text)
    weight = [len(keep.intersection(found)) for found in clause_terms]
    best: tuple[int, int] | None = None
    best_value = (-1, -1)
    for i in range(len(clauses)):
        for j in range(i, len(clauses)):
            s, e = _strip(text, clauses[i][0], clauses[j][1])
            cost = (e - s) + (len(ELLIPSIS) + 1 if s > 0 else 0) + (len(ELLIPSIS) if e < len(text) else 0)
            if cost > budget:
                break
            if must is not None and not (s <= must[0] and must[1] <= e):
                continue
            # Most question terms first, then the most surrounding context that still fits.
            value = (sum(weight[i : j + 1]), e - s)
            if value > best_value:
                best, best_value = (i, j), value
    if best is None and must is not None:
        return _words_around(text, must, budget)
    on_from = _words_on_from(text, keep, budget) if best is None else None
    if on_from is not None:
        return on_from
    if best is None:  # not even one clause fits, nor a question term: cut at a word boundary
        cut = text.rfind(" ", 0, max(budget - len(ELLIPSIS), 1))
        end = cut if cut > 0 else budget - len(ELLIPSIS)
        s, e = _strip(text, 0, end)
        return text[s:e] + ELLIPSIS, (s, e)
    i, j = best
    s, e = _strip(text, clauses[i][0], clauses[j][1])
    shown = text[s:e]
    if s > 0:
        shown = ELLIPSIS + " " + shown
    if e < len(text):
        shown = shown + ELLIPSIS
    return shown, (s, e)
