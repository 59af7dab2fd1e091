"""Whether a question in Latin letters is written in a language other than English ("¿Cuántas cuentas bloqueó
Twitter en India?", "Combien de comptes Twitter a-t-il bloqués ?").

Such a question was declined like any English one, naming the words it "never" finds ("the articles never use
the words “Cuantas”, “cuentas” or “bloqueo”"): true, but no help, since rewording in the same language never
finds more. A question in another script is told the bot reads English (``retrieval.wording``); one in another
language in Latin letters now is too. Romanised Hindi is read before this (``retrieval.hinglish``), so only a
question that reading left as it was gets here.

Read from its longer words (four letters or more: the English list has no shorter ones): those that are no
English word (symspellpy's frequency list), no typo of one (one slip away) and no word of the articles (a name,
"Twitter", "India"). Only a
question with no English grammar word ("the", "did", "what") most of whose longer words are foreign, at least
``FOREIGN_WORDS`` of them, counts: an English question with names the articles lack or typos stays English.
"""

from __future__ import annotations

from collections.abc import Container

import simplemma

from index.lexical import terms, unaccented
from retrieval.english import OTHER, SHORTEST, frequencies, slips

FOREIGN_WORDS = 3  # the fewest foreign words a question in another language holds
FOREIGN_SHARE = 0.5  # the share of its longer words that must be foreign (more than)
# English grammar words an English question, however short or misspelt, nearly always holds (an asking word,
# an auxiliary, an article or pronoun); a question with one is English ("why did the regulator zorblax fine
# krumholt" names two things the articles lack, it is no other language). Words that are also common words of
# the languages written in Latin letters ("in", "a", "die", "was") are left out.
_GRAMMAR = frozenset([
    "the", "and", "is", "did", "does", "was", "were", "are", "what", "whats", "who", "whom", "whose", "when",
    "where", "why", "how", "which", "has", "have", "had", "will", "would", "can", "could", "should", "about",
    "with", "this", "that", "they", "their", "them", "from", "for", "any", "there", "tell", "show", "its",
    "his", "her", "you", "your", "been", "being", "not"])


def _plain(word: str) -> str:
    """``word`` lower-cased, accents off ("bloqueó": "bloqueo"), as the index's tokens read it."""
    return unaccented(word.lower())


def _foreign(word: str) -> bool:
    """Whether ``word``, no word of the articles (the caller's ``longer`` leaves those out), is neither English
    nor a likely slip from an English word (a typo of one: "acounts", "blokced" are English questions). An extra
    letter or another consonant is no likely slip: it more often makes an English word of a foreign one ("viele":
    "vile"), as ``english`` says."""
    plain = _plain(word)
    english = frequencies()
    if plain in english:
        return False
    # the list holds names and codes too ("dijon", "estes"): a slip's word must be one simplemma knows
    return not any(variant in english and simplemma.is_known(variant, lang="en")
                   for variant, slip in slips(plain).items() if slip != OTHER)


def _named(word: str, known_terms: Container[str]) -> bool:
    """Whether the articles use ``word`` (a name of theirs, "Twitter", "India")."""
    return any(t in known_terms for t in terms(word))


def in_another_language(text: str, known_terms: Container[str]) -> bool:
    """Whether ``text`` is written in a language other than English, judged by its words against English
    and against the articles' terms (``known_terms``: the index's IDF keys); the share of foreign words is
    of the longer words the articles don't use. A capitalised word after the first
    may be a name the articles lack ("Brajesh Kumar Tiwari"), so it never counts as foreign."""
    typed = _typed_words(text)
    if any(_plain(w) in _GRAMMAR for w in typed):
        return False
    longer = [(n, w) for n, w in enumerate(typed) if len(_plain(w)) >= SHORTEST and not _named(w, known_terms)]
    foreign = [w for n, w in longer if (n == 0 or not w[0].isupper()) and _foreign(w)]
    if len(foreign) < FOREIGN_WORDS or len(foreign) <= FOREIGN_SHARE * len(longer):
        return False
    # And a mark of a language: an accented letter or "¿", or a short word no English dictionary knows
    # ("en", "se", "hai"), its grammar. Lower-cased names the articles lack ("brajesh kumar tiwari") have none.
    return (any(ch in "¿¡" or (ch.isalpha() and not ch.isascii()) for ch in text)
            or any(len(_plain(w)) < SHORTEST and not simplemma.is_known(_plain(w), lang="en")
                   and not _named(w, known_terms) for w in typed))


def _typed_words(text: str) -> list[str]:
    """The words as typed, accents kept: letters only, split at anything else ("a-t-il" is three)."""
    return "".join(ch if ch.isalpha() else " " for ch in text).split()
