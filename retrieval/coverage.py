"""How much of a question's vocabulary a text holds, weighted by rarity: the answer model's strongest signal.

A question is checked against every candidate sentence, the sentence with its neighbours, and each candidate's
whole article, so the check is made once per text for all of the question's terms (``held``), and the shares
the features read are derived from that one pass. Corpus texts' terms are kept per text: every question reads
the same sentences again.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from index.lexical import terms
from index.place_dateline import words_start

if TYPE_CHECKING:
    from retrieval.loaded import LoadedIndex


@lru_cache(maxsize=65_536)
def sentence_terms(sentence: str) -> frozenset[str]:
    """The words a sentence says, its dateline left out (``index.place_dateline.words_start``: a question naming
    that city, "will it rain in delhi tomorrow", is no closer to the sentence for it); every question reads the
    same corpus sentences again, so each is tokenized once per process."""
    return frozenset(terms(sentence[words_start(sentence) :]))


@lru_cache(maxsize=4096)
def document_terms(text: str) -> frozenset[str]:
    return frozenset(terms(text))


class Coverage:
    """Share of the question's IDF weight a text holds; an alias counts as the form it stands for."""

    def __init__(self, index: LoadedIndex, question_terms: list[str]) -> None:
        self.terms = sorted(set(question_terms))
        self.weights = [index.idf.get(t, index.unknown_idf) for t in self.terms]
        self.total = float(sum(self.weights))
        self.alternatives: dict[str, list[frozenset[str]]] = {t: [frozenset([t])] for t in self.terms}
        qset = set(self.terms)
        for short, long_terms in index.aliases.items():
            if short in qset:
                self.alternatives[short].append(frozenset(long_terms))
            if all(t in qset for t in long_terms):
                for t in long_terms:
                    self.alternatives[t].append(frozenset([short]))
        unknown = [w for t, w in zip(self.terms, self.weights, strict=True) if t not in index.idf]
        self.unknown_share = float(sum(unknown) / self.total) if self.total else 1.0
        # The terms with other forms that stand for them (most have none), and the shares each set of found
        # terms gives: a question is checked against about 150 texts, most of which hold the same few of its
        # terms, so each text costs one set intersection and a look-up.
        self._plain = frozenset(self.terms)
        self._alternatives = [(t, tuple(self.alternatives[t][1:])) for t in self.terms if len(self.alternatives[t]) > 1]
        self._shares: dict[frozenset[str], tuple[float, float, float, float]] = {}

    def found(self, words: frozenset[str]) -> frozenset[str]:
        """The question's terms ``words`` holds, a term counted when a form standing for it is there."""
        found = self._plain & words
        extra = [t for t, alts in self._alternatives if t not in found and any(alt <= words for alt in alts)]
        return found | frozenset(extra) if extra else found

    def shares(self, found: frozenset[str]) -> tuple[float, float, float, float]:
        """``of`` and then ``missing`` of a text holding the terms ``found``."""
        known = self._shares.get(found)
        if known is None:
            known = self._shares[found] = (*self._of(found), *self._missing(found))
        return known

    def missing(self, words: frozenset[str]) -> tuple[float, float]:
        """(share of the question's IDF weight, largest IDF relative to the question's largest) of the terms
        ``words`` lacks: "which court ..." asked of an article that never names a court can't be answered
        from it, however close the rest of the question comes."""
        return self.shares(self.found(words))[2:]

    def _missing(self, found: frozenset[str]) -> tuple[float, float]:
        gone = [w for term, w in zip(self.terms, self.weights, strict=True) if term not in found]
        if not self.terms or not gone:
            return 0.0, 0.0
        return sum(gone) / self.total, max(gone) / max(self.weights)

    def of(self, words: frozenset[str]) -> tuple[float, float]:
        """(IDF-weighted share, plain share) of the question's terms found in ``words``."""
        return self.shares(self.found(words))[:2]

    def _of(self, found: frozenset[str]) -> tuple[float, float]:
        if not self.terms:
            return 0.0, 0.0
        weight, hits = 0.0, 0
        for term, w in zip(self.terms, self.weights, strict=True):
            if term in found:
                weight += w
                hits += 1
        return weight / self.total, hits / len(self.terms)
