"""Chat's misspellings of ordinary English words, read as the word meant when the articles offer none.

``retrieval.spelling`` mends a typo only to a word the articles use. A misspelt ordinary word they don't use
("actualy", "definately", "recieve", "tryin", "flaged") stayed as typed: it counted as a question word no
sentence holds (word coverage fell, and the model declined), and the decline said the articles "never use the
word “actualy”". Its stem is often one the articles do use ("protestin" is "protesting", whose stem
"protest" they hold), so mending it also finds the sentence.

The words and how common each is come from the English frequency list symspellpy ships (82,765 words).
A typed word is mended to a word one edit away (Damerau: a letter dropped, added, changed, or two swapped).
Which one is meant is read from the kinds of slip chat makes most: a letter doubled or not doubled
("flaged": "flagged", not the commoner "flawed"), two letters swapped ("recieve": "receive", not "relieve")
and a dropped final "g" ("tryin": "trying", not "train"). Where one such reading is plainly the one meant
(the only one, or ten times as common as the next), it is taken; otherwise only a word with no rival near
as common (ten times), reached by a letter left out or a vowel for another ("definately"). An extra letter
or another consonant more often makes an English word of another language's ("dilli": "dill") and is left,
as is anything else.

The list is read once, lazily, into a dict; a word is checked by looking up its few hundred one-edit
variants (no scan of the list per question).
"""

from __future__ import annotations

import importlib.resources
import string
from functools import cache

import simplemma

SHORTEST = 4  # the shortest word a typo is mended to: shorter ones are too many for one edit to tell apart
CLEAR = 10  # how many times commoner the word meant must be than its nearest rival
_LETTERS = string.ascii_lowercase


@cache
def frequencies() -> dict[str, int]:
    """The English words (lower-case letters only, at least ``SHORTEST`` long) and their counts, read once."""
    path = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    counts: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition(" ")
        if len(word) >= SHORTEST and word.isascii() and word.isalpha():
            counts[word] = int(count)
    return counts


COMMON, LIKELY, OTHER = 2, 1, 0  # how likely an edit is a slip of chat's, most likely first
_VOWELS = frozenset("aeiou")


def slips(word: str) -> dict[str, int]:
    """The words one edit from ``word``, each with how likely that edit is a slip: ``COMMON`` for a letter
    doubled or undoubled, two letters swapped, a final "g" dropped after "in"; ``LIKELY`` for a letter left
    out or a vowel for another ("definately"); ``OTHER`` for an extra letter or another consonant, which
    more often turn a word of another language into an English one ("dilli": "dill", "sundar": "sunday")."""
    found: dict[str, int] = {}

    def add(variant: str, slip: int) -> None:
        found[variant] = max(found.get(variant, OTHER), slip)

    for i in range(len(word) + 1):
        left, right = word[:i], word[i:]
        if right:
            # a letter the typist added: common when it doubled its neighbour ("occurr": one "r" too many)
            doubled = (i > 0 and word[i - 1] == right[0]) or (len(right) > 1 and right[1] == right[0])
            add(left + right[1:], COMMON if doubled else OTHER)
            for letter in _LETTERS:
                if letter != right[0]:
                    vowels = letter in _VOWELS and right[0] in _VOWELS
                    add(left + letter + right[1:], LIKELY if vowels else OTHER)
        if len(right) > 1 and right[0] != right[1]:
            add(left + right[1] + right[0] + right[2:], COMMON)
        for letter in _LETTERS:  # a letter the typist left out: common when it doubles a neighbour
            doubled = (bool(left) and left[-1] == letter) or (bool(right) and right[0] == letter)
            dropped_g = not right and letter == "g" and word.endswith("in")
            add(left + letter + right, COMMON if doubled or dropped_g else LIKELY)
    found.pop(word, None)
    return found


def _plainly_meant(ranked: list[tuple[int, str]]) -> str | None:
    """The first of ``ranked`` (most common first) when no other comes within ``CLEAR`` times its count."""
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] >= CLEAR * ranked[1][0]:
        return ranked[0][1]
    return None


def english_word_meant(word: str) -> str | None:
    """The ordinary English word plainly meant by ``word`` (lower case), or None: ``word`` is a word itself,
    typed with a capital or other characters (a name, a code), or no one word is clearly meant."""
    if len(word) < SHORTEST + 1 or not (word.isascii() and word.isalpha() and word.islower()):
        return None
    counts = frequencies()
    if word in counts or simplemma.is_known(word, lang="en"):
        return None
    edits = slips(word)
    near = [(counts[w], w, slip) for w, slip in edits.items()
            if w in counts and simplemma.is_known(w, lang="en")]  # the list holds names and codes too
    if any(slip == COMMON for *_, slip in near):  # the likelier reading: two of them as likely, no telling
        return _plainly_meant(sorted(((c, w) for c, w, slip in near if slip == COMMON), reverse=True))
    meant = _plainly_meant(sorted(((c, w) for c, w, _ in near), reverse=True))
    return meant if meant is not None and edits[meant] == LIKELY else None
