"""How relevant a sentence is to a timeline's topic: its words (weighted by rarity) and its sentence vector.

Split from ``retrieval.timeline``, which collects, merges and orders the events; this module only scores one
sentence (or the sentence it points back at) against the topic, so the thresholds calibrated for it sit together.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

import numpy as np

from index.lexical import terms
from retrieval.loaded import LoadedIndex

# Calibrated with all-MiniLM-L6-v2 on the seed corpus: unrelated topics ("capital of France", "football
# world cup", "weather in Delhi") score at most ~0.31 against any sentence, the sentences an on-topic
# query should find score 0.36 and up. A sentence sharing no word with the topic must be clearly closer,
# which keeps merely similar subjects ("Facebook privacy" vs Twitter's free-speech statement, 0.40) out.
LEXICAL_WEIGHT = 0.2
MIN_SCORE = 0.35
MIN_DENSE_WITHOUT_OVERLAP = 0.45
# Without a topic vector, at least half of the topic's (IDF-weighted) terms must be in the sentence.
MIN_LEXICAL_ONLY = 0.5


def sentence_row(index: LoadedIndex, doc_row: int, start: int) -> int | None:
    """The row of ``sentence_vectors`` for the sentence of a document starting at ``start``."""
    first = int(index.doc_first_sentence[doc_row]) if len(index.doc_first_sentence) else 0
    last = (
        int(index.doc_first_sentence[doc_row + 1])
        if doc_row + 1 < len(index.doc_first_sentence)
        else len(index.sentence_spans)
    )
    starts = index.sentence_spans[first:last, 1]
    pos = int(np.searchsorted(starts, start))
    if pos < len(starts) and int(starts[pos]) == start:
        return first + pos
    return None


def lexical_overlap(index: LoadedIndex, topic_terms: set[str], text: str) -> float:
    """Share of the topic's IDF weight found in ``text``; rare words count for more than "Twitter"."""
    return weight_share(index, topic_terms, set(terms(text)))


def weight_share(index: LoadedIndex, topic_terms: set[str], present: AbstractSet[str]) -> float:
    if not topic_terms:
        return 0.0
    weights = {t: index.idf.get(t, index.unknown_idf) for t in topic_terms}
    return sum(w for t, w in weights.items() if t in present) / sum(weights.values())


def topicrelevance(dense: float | None, lexical: float) -> float | None:
    """A sentence's relevance to the topic, or ``None`` when it is not relevant."""
    if dense is None:
        return lexical if lexical >= MIN_LEXICAL_ONLY else None
    score = dense + LEXICAL_WEIGHT * lexical
    if lexical > 0 and score >= MIN_SCORE:
        return score
    return score if dense >= MIN_DENSE_WITHOUT_OVERLAP else None


def sentence_relevance(
    index: LoadedIndex, doc_row: int, start: int, text: str, topic_terms: set[str], vector: np.ndarray | None
) -> float | None:
    """How relevant to the topic the sentence of the document at ``start`` is (``topic_relevance``)."""
    dense = None
    row = sentence_row(index, doc_row, start) if vector is not None else None
    if row is not None and vector is not None:
        dense = float(index.sentence_vectors[row] @ vector)
    return topicrelevance(dense, lexical_overlap(index, topic_terms, text))


def record_context(index: LoadedIndex, doc_row: int, record: dict[str, Any]) -> tuple[int, str] | None:
    """(start, text) of the sentence a record's sentence points back at ("The talks are likely to happen this
    week." after "Sawhney will meet …", ``index.sentence_refs``), whose topic it shares: a topic naming Sawhney
    or the meeting finds the talks' date. What it shares is the topic's words: the sentence before must name
    (at least half of the IDF weight of) the topic, as a sentence does without a topic vector; merely
    resembling it ("Public Facts Portal" and a journalist's report on "the sale of public land") lets a
    sentence opening "Her account …" in no more than its own words would. ``None`` when the record names none
    (or an index from before)."""
    try:
        start, end = int(record["context_start"]), int(record["context_end"])
    except (KeyError, TypeError, ValueError):
        return None
    text = index.docs[doc_row].text
    return (start, text[start:end]) if 0 <= start < end <= int(record["start"]) else None
