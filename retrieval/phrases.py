"""The plain noun phrase a follow-up's "it" or "they" stands for, when it is no name: "what is lestria's new
fact-check unit?" then "how much does it cost a year": "it" is the unit, not Lestria.

``retrieval.pronouns.thing_referent`` reads the first name of the earlier question; these read the phrases a
name can't stand for, by grammar and number alone (no topic, no word list of nouns):

- a name owning a phrase ("Lestria's new fact-check unit", "Calvendra's new draft rules") is the phrase when
  the pronoun agrees with it in number ("it" and a singular head, "they" and a plural one);
- the plural things a question asked about ("which groups have applied ...", "how many creators moved ...")
  are what a later "they" most likely means: the asker now goes on about them;
- "any of them", "some of them" count members of a set: a plural phrase, never the company named beside it
  ("did brevio fight any of them" after "... disagree on the number of requests": the requests);
- a pronoun whose noun the question itself puts before it ("and the police, what have they done?") is no
  earlier turn's.
"""

from __future__ import annotations

import re

from retrieval.pronouns import AUXILIARIES, PREPOSITIONS, words

_SINGULAR = frozenset(["it", "its", "itself"])
_PLURAL = frozenset(["they", "them", "their", "theirs", "themselves"])
_DO = frozenset(["do", "does", "did"])
# Words that end a noun phrase: what asks, joins, points or refers, and the infinitive's "to".
_ENDS = PREPOSITIONS | AUXILIARIES | frozenset(
    ["what", "which", "who", "whom", "whose", "when", "where", "why", "how", "the", "a", "an", "this", "that",
     "these", "those", "and", "or", "but", "if", "whether", "not", "to", "it", "they", "them", "he", "she", "we",
     "you", "i", "its", "their", "his", "her", "any", "some", "all", "so", "still", "now", "also", "yet"]
)
MAX_PHRASE = 4  # words after its determiner: "new draft rules for social media" ends at "for"
_POSSESSIVE = re.compile(r"['’]s$")
# A plural noun ends in "s", not in "ss", "us" or "is" ("access", "status", "analysis"), nor is it a possessive.
_PLURAL_NOUN = re.compile(r"^[a-z][a-z-]*[^su'’]s$", re.IGNORECASE)
_PARTITIVE = re.compile(r"\b(?:any|some|all|none|many|most|few|each|which|one|both|either|neither|several)\s+of\s+"
                        r"(?:them|those)\b", re.IGNORECASE)
# "and the police, what have they done?": a noun phrase, then a comma, then the part with the pronoun.
_DISLOCATED = re.compile(r"\b(?:the|a|an|those|these)\s+[\w'’-]+[^,?.!]*,[^,]*\b(?:they|them|their|it|its)\b",
                         re.IGNORECASE)


def plural(word: str) -> bool:
    return _PLURAL_NOUN.match(word) is not None


def _run(found: list[str], spans: list[tuple[int, int]], text: str, start: int, stop_at_past: bool = False
         ) -> list[str]:
    """The words of a phrase from ``start`` on: up to a word that ends phrases, a punctuation mark, or
    ``MAX_PHRASE`` words; with ``stop_at_past``, before a past form after its first word ("which committee
    summoned ...": its verb)."""
    taken: list[str] = []
    for i in range(start, min(len(found), start + MAX_PHRASE)):
        word = found[i]
        if word.lower() in _ENDS or (i > start and not text[spans[i - 1][1]:spans[i][0]].isspace()):
            break
        if stop_at_past and taken and word.lower().endswith("ed"):
            break
        taken.append(word)
    return taken


def _tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    spans = [m.span() for m in re.finditer(r"[A-Za-z][\w'’-]*|\d[\d,./]*", text)]
    return [text[a:b] for a, b in spans], spans


def possessed(reference: str | None, question: str, name: str) -> str | None:
    """The phrase the earlier ``question``'s ``name`` owns there ("Lestria's new fact-check unit"), when
    ``reference`` agrees with its last word in number: "it" and a singular, "they" and a plural. A name's
    thing is what the question asked about; the name only says whose. A do-question's subject runs on into its
    verb ("how did Lunmark's government react to ..."): that verb is left out."""
    if reference is None or reference.lower() not in _SINGULAR | _PLURAL:
        return None
    found, spans = _tokens(question)
    for i, word in enumerate(found):
        if not _POSSESSIVE.search(word) or _POSSESSIVE.sub("", word).lower() != name.split()[-1].lower():
            continue
        phrase = _run(found, spans, question, i + 1)
        if i and found[i - 1].lower() in _DO and found[-1].lower() != "do":
            phrase = phrase[:-1]  # "does Quirinia's review committee for ... do?" keeps its phrase whole
        if not phrase or any(w[0].isupper() for w in phrase):
            return None
        if plural(phrase[-1]) != (reference.lower() in _PLURAL):
            return None
        return " ".join([f"{name}'s", *phrase])
    return None


def asked_plural(reference: str | None, question: str, text: str) -> str | None:
    """For a plural ``reference`` of the follow-up ``text``, the plural things the earlier ``question`` asked
    about ("which groups ...", "how many creators ..."), or for "any of them" the last plural phrase it gave;
    with "the" ("the groups"). None when there is none or the follow-up names it itself."""
    if reference is None or reference.lower() not in _PLURAL:
        return None
    found, spans = _tokens(question)
    own = {w.lower() for w in words(text)}
    phrases: list[list[str]] = []
    for i, word in enumerate(found):
        lower = word.lower()
        if lower in ("which", "what") or (lower == "many" and i and found[i - 1].lower() == "how"):
            phrases.append(_run(found, spans, question, i + 1, stop_at_past=True))
    asked = [p for p in phrases if p and plural(p[-1])]
    if not asked and _PARTITIVE.search(text):
        # A set counted: any plural phrase the question gave, after an article or "of" ("the number of requests").
        for i, word in enumerate(found[:-1]):
            if word.lower() in ("the", "of", "these", "those", "many"):
                phrase = _run(found, spans, question, i + 1)
                if phrase and plural(phrase[-1]):
                    asked.append(phrase)
    asked = [p for p in asked if not own & {w.lower() for w in p}]
    return f"the {' '.join(asked[-1] if _PARTITIVE.search(text) else asked[0])}" if asked else None


def dislocated(text: str) -> bool:
    """Whether ``text`` names what its pronoun stands for before a comma ("and the police, what have they
    done?", "what about the two who disagreed, what did they say"): no earlier turn's name replaces it."""
    return _DISLOCATED.search(text) is not None
