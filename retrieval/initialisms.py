"""Initialisms the articles never write, read as the name they spell out.

Chat shortens a name to its initials ("GoI" for the Government of India, "pm" for the Prime Minister) where
an article writes it in full and never shortened. Searched as typed, "what did GoI ask twitter to block" was
declined, "the articles never use the word “GoI”", and the word, unknown to every article, counted against
each sentence as the question's rarest. A word no article uses whose letters are the initials of exactly one
name the articles write (capitalised words, with the joining words between them or without) is read as that
name. Names an article shortens itself ("MeitY") are its aliases already (``index.aliases``).
"""

from __future__ import annotations

import re
from pathlib import Path

from index.lexical import terms
from retrieval.loaded import LoadedIndex
from retrieval.question import REQUEST_TERMS

MIN_LETTERS, MAX_LETTERS = 2, 6
_JOINERS = frozenset(["of", "and", "for", "the", "on", "in", "to"])
# Capitalised words, and the joining words between two of them: "Government of India", "Prime Minister".
_NAME = re.compile(r"[A-Z][\w'’&-]*(?:\s+(?:(?:of|and|for|the|on|in|to)\s+)*[A-Z][\w'’&-]*)+")
_WORD = re.compile(r"(?<![\w.'’-])[A-Za-z]{2,6}(?![\w'’-]|\.\w)")
_NAMES: dict[Path, dict[str, set[str]]] = {}
_CASED: dict[Path, tuple[re.Pattern[str], dict[str, str]] | None] = {}


def _spellings(words: list[str]) -> set[str]:
    """The initials a run of words can be shortened to: every word's first letter, or the capitalised ones'."""
    every = "".join(w[0] for w in words).lower()
    capitals = "".join(w[0] for w in words if w.lower() not in _JOINERS).lower()
    return {every, capitals}


def names_by_initials(index: LoadedIndex) -> dict[str, set[str]]:
    """Every name the articles write (and each run of its words from one capitalised word to another), by its
    initials; once per live index (a new build is a new folder)."""
    known = _NAMES.get(index.folder)
    if known is None:
        known = {}
        for doc in index.docs:
            for match in _NAME.finditer(doc.text):
                words = match.group().split()
                for start in range(len(words)):
                    for end in range(start + 2, len(words) + 1):
                        run = words[start:end]
                        if run[0].lower() in _JOINERS or run[-1].lower() in _JOINERS:
                            continue
                        for letters in _spellings(run):
                            if MIN_LETTERS <= len(letters) <= MAX_LETTERS:
                                known.setdefault(letters, set()).add(" ".join(run))
        _NAMES.clear()  # one live index at a time
        _NAMES[index.folder] = known
    return known


def _meant(word: str, index: LoadedIndex, names: dict[str, set[str]]) -> str | None:
    # The names first: most words are no article name's initials, and that look-up is cheaper than the
    # word's terms (every short word of every question was tokenized before this).
    spelled = names.get(word.lower(), set())
    if len({name.casefold() for name in spelled}) != 1:
        return None  # none, or several names it could shorten: no guess
    found = terms(word)
    if len(found) != 1 or found[0] in index.idf or found[0] in REQUEST_TERMS:
        return None  # a stop word, a word the articles use, or one that only asks
    return next(iter(spelled))


def spell_out_initials(text: str, index: LoadedIndex) -> str | None:
    """``text`` with each initialism no article uses read as the one name it spells out, or None when there
    is none."""
    names = names_by_initials(index)
    read = _WORD.sub(lambda m: _meant(m.group(), index, names) or m.group(), text)
    return read if read != text else None


def _names_pattern(index: LoadedIndex) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """Every name of two or more words the articles write, longest first, matched in any case, and each one's
    capitals by its folded form; once per index."""
    if index.folder not in _CASED:
        cased = {n.casefold(): n for found in names_by_initials(index).values() for n in found}
        names = sorted(cased.values(), key=len, reverse=True)
        _CASED.clear()  # one live index at a time
        _CASED[index.folder] = (re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)",
                                           re.IGNORECASE), cased) if names else None
    return _CASED[index.folder]


def names_cased(text: str, index: LoadedIndex) -> str:
    """``text`` with each name the articles write (two words or more) in the articles' capitals: chat types
    "the government of india" where an article writes "Government of India", and whether a question names
    something is read from its capitals (``retrieval.followup``)."""
    found = _names_pattern(index)
    if found is None:
        return text
    pattern, cased = found
    return pattern.sub(lambda m: cased.get(m.group().casefold(), m.group()), text)
