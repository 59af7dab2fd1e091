"""Chat's typos mended to the articles' own words before a question is searched.

"how many acounts were blokced" shares no search word with the sentence that answers it: "acounts" and
"blokced" occur in no article, so word coverage, the strongest signal the answer model has, found nothing,
and the question was declined. A word the articles never use is compared with the words they do use
(Damerau-Levenshtein, rapidfuzz), and replaced only when one article word is clearly the one meant: the
word is long enough for a slip to be told from another word, one edit away (two for long words), and no
other article word is as close. Where none is, an ordinary English word plainly meant ("actualy",
"tryin": ``retrieval.english``) is searched instead. The reply says what was searched for, as for a follow-up.
"""

from __future__ import annotations

import re
from pathlib import Path

import simplemma
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from index.lexical import terms, words
from retrieval.english import english_word_meant
from retrieval.loaded import LoadedIndex
from retrieval.question import REQUEST_TERMS
from retrieval.shorthand import WORDS

MIN_LENGTH = 5  # shorter words are too often another real word one edit away ("form" for "from")
LONG = 8  # from this length, two edits
_ALPHA = re.compile(r"^[^\W\d_]+$")
# Chat's apostrophe-less forms: "whats" is "what is" to the question reader, not "chats"; "doesnt",
# "didnt", "wont" are no typos either.
_CONTRACTED = re.compile(r"(?:what|who|where|when|why|how)s|(?:do|does|did|is|are|was|were|has|have|had|wo|ca|"
                         r"could|should|would|must|need)nt", re.IGNORECASE)
_VOCABULARY: dict[Path, list[str]] = {}
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
_COMPOUNDS: dict[Path, dict[str, str]] = {}


def vocabulary(index: LoadedIndex) -> list[str]:
    """The articles' words, lower-cased, once per live index (a new build is a new folder)."""
    known = _VOCABULARY.get(index.folder)
    if known is None:
        known = sorted({w.lower() for doc in index.docs for w in words(doc.text)
                        if len(w) >= MIN_LENGTH - 1 and _ALPHA.match(w)})
        _VOCABULARY.clear()  # one live index at a time
        _VOCABULARY[index.folder] = known
    return known


def compounds(index: LoadedIndex) -> dict[str, str]:
    """The articles' hyphenated words ("sign-ups", "non-compliance"), lower-cased, by their letters run
    together, once per live index. Chat writes them either way: "signups" is searched as the one word
    "signup", which no article holds (they hold "sign" and "up"), so "vpn signups went up by how much" was
    declined with the sentence on "sign-ups" first, the reply saying the articles "never use the word
    “signups”"."""
    known = _COMPOUNDS.get(index.folder)
    if known is None:
        known = {m.group().replace("-", "").lower(): m.group().lower()
                 for doc in index.docs for m in _COMPOUND.finditer(doc.text)}
        _COMPOUNDS.clear()  # one live index at a time
        _COMPOUNDS[index.folder] = known
    return known


def _mended(word: str, index: LoadedIndex, choices: list[str]) -> str | None:
    joined = compounds(index).get(word.lower())
    if joined is None and (len(word) < MIN_LENGTH or not _ALPHA.match(word)):
        return None  # decided without the word's terms: most words of a question are short ones
    term = terms(word)
    if joined is not None and term and term[0] not in index.idf:
        return joined[0].upper() + joined[1:] if word[0].isupper() else joined
    if len(word) < MIN_LENGTH or not _ALPHA.match(word) or not term or term[0] in index.idf \
            or term[0] in REQUEST_TERMS or _CONTRACTED.fullmatch(word) or word.lower() in WORDS:
        return None  # chat's shorthand ("accts") is read by ``retrieval.shorthand``, not taken for a slip
    if simplemma.is_known(word.lower(), lang="en"):
        return None  # a real word the articles don't use ("suing", "stuff", "unprotected") is no typo
    limit = 2 if len(word) >= LONG else 1
    close = process.extract(word.lower(), choices, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=8)
    best = close[0][1] if close else 0
    meant = {terms(choice)[0] for choice, distance, _ in close if distance == best and terms(choice)}
    if len(meant) != 1:  # no article word close, or two as close: an ordinary English word may be meant
        return english_word_meant(word)
    choice = close[0][0]
    return choice.capitalize() if word[0].isupper() else choice


def mend_typos(text: str, index: LoadedIndex) -> str | None:
    """``text`` with each word the articles never use replaced by the article word plainly meant, or None
    when nothing was replaced."""
    choices = vocabulary(index)
    changed = False
    pieces: list[str] = []
    last = 0
    for match in re.finditer(r"[^\W\d_]+", text):
        mended = _mended(match.group(), index, choices)
        if mended is not None and mended.lower() != match.group().lower():
            pieces += [text[last:match.start()], mended]
            last = match.end()
            changed = True
    return "".join([*pieces, text[last:]]) if changed else None
