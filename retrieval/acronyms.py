"""Acronyms typed in lower case, read as the articles write them.

Chat is typed in lower case, and an acronym that is also an English word reads as that word: "what did the
us say" read "us", a stop word, and was told it names nothing to look for. After "the", where no pronoun
stands, such a word is the acronym when the articles write it as one ("US", "U.S.", "IT"), and a question
that names nothing else is searched with it in the articles' own form (``restore_acronyms`` says why only
then).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from index.lexical import terms
from retrieval.loaded import LoadedIndex
from retrieval.question import analyse, has_subject

# "US", "IT", "U.S.", "U.K.": two to five capitals, or two to four letters each followed by a full stop.
_WRITTEN = re.compile(r"\b(?:[A-Z]\.){2,4}(?![A-Za-z])|\b[A-Z]{2,5}\b")
_AFTER_THE = re.compile(r"\b(the\s+)([a-z]{2,5})\b")
_THE_US = re.compile(r"\b([Tt]he\s+)us\b")
_FORMS: dict[Path, dict[str, str]] = {}


def written_acronyms(index: LoadedIndex) -> dict[str, str]:
    """Each acronym of the articles whose lower-case letters are a stop word ("us", "it"), by those letters,
    in the form the articles use most; once per live index (a new build is a new folder)."""
    known = _FORMS.get(index.folder)
    if known is None:
        counts: Counter[str] = Counter(m.group() for doc in index.docs for m in _WRITTEN.finditer(doc.text))
        known = {}
        for form, _ in counts.most_common():
            letters = form.replace(".", "").lower()
            if letters not in known and not terms(letters):
                known[letters] = form
        _FORMS.clear()  # one live index at a time
        _FORMS[index.folder] = known
    return known


def restore_acronyms(text: str, index: LoadedIndex) -> str | None:
    """``text`` with each lower-case acronym after "the" in the articles' form ("the us" -> "the U.S."), or
    None when there is none or the question names something to look for without it. Read as "IT", "the it
    ministry" searched every sentence of the "IT Act" and "Secretary IT" too: of the 30 blind seed questions,
    "who from the it ministry is gonna sit down with the twitter people" lost the sentence naming him from its
    three closest passages. Where the question names nothing else ("what did the us say") the acronym is all
    there is to search."""
    forms = written_acronyms(index)
    restored = _AFTER_THE.sub(lambda m: m.group(1) + forms.get(m.group(2), m.group(2)), text) if forms else text
    # Read only for a question that has such a word: every question is read again once searched.
    if restored == text or has_subject(analyse(text)):
        return _the_us(text, forms)
    return restored


def _the_us(text: str, forms: dict[str, str]) -> str | None:
    """"the us" is the country, whatever else the question names: no pronoun follows "the". Read as the stop
    word, "what did the us government say about the blocking" asked what "the government" said and was
    answered with the Indian government's orders over articles that never mention the US; read as "US" it is
    a word no article uses, and declined, or found where an article writes it (in its form, "U.S."), or
    spelled out where one writes "United States" (``retrieval.initialisms``)."""
    read = _THE_US.sub(lambda m: m.group(1) + forms.get("us", "US"), text)
    return read if read != text else None
