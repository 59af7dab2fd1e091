"""A candidate's neighbours, found for all candidates at once: the same sentences, and the same summed vectors to
the last bit, as reading them row by row (which is how the answer model's features were fitted)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retrieval.loaded import load_index
from retrieval.neighbours import context_vectors, neighbours


def test_neighbours_stay_within_the_article(seed_index_dir: Path) -> None:
    index = load_index(seed_index_dir)
    rows = list(range(len(index.sentence_spans)))
    near = neighbours(index, rows)
    docs = index.sentence_spans[:, 0]
    first = set(index.doc_first_sentence.tolist())
    assert len(first) > 1  # the seed corpus has several articles: their boundaries are tested
    for row in rows:
        assert near.before[row] == (row not in first)
        assert near.after[row] == (row + 1 < len(docs) and row + 1 not in first)
        assert near.docs[row] == docs[row]


def test_context_vectors_are_the_row_by_row_sums_to_the_bit(seed_index_dir: Path) -> None:
    index = load_index(seed_index_dir)
    docs = index.sentence_spans[:, 0]
    rows = [5, 0, len(docs) - 1, *index.doc_first_sentence.tolist(), 7]  # any order, ends and repeats included
    vectors = index.sentence_vectors
    expected = np.array([vectors[[r for r in (row - 1, row, row + 1) if 0 <= r < len(docs) and docs[r] == docs[row]]]
                         .sum(axis=0) for row in rows], dtype=np.float32)
    expected /= np.maximum(np.linalg.norm(expected, axis=1, keepdims=True), 1e-6)
    assert np.array_equal(context_vectors(index, neighbours(index, rows)), expected)
