"""The sentences either side of each candidate, within its own article, found for all candidates at once.

The answer model reads a sentence with its neighbours (their meaning summed, their words pooled), and an answer
often runs into the next sentence. Asked row by row, each neighbour test was a NumPy scalar lookup, and each
summed vector its own small array: about a fifth of a question's feature time on the seed corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from retrieval.loaded import LoadedIndex


@dataclass(frozen=True)
class Neighbours:
    rows: np.ndarray  # the candidates' sentence rows
    before: np.ndarray  # bool per row: the sentence before it is in the same article
    after: np.ndarray  # bool per row: the sentence after it is in the same article
    docs: list[int]  # each row's article row


def neighbours(index: LoadedIndex, rows: list[int]) -> Neighbours:
    r = np.asarray(rows, dtype=np.int64)
    doc_of = index.sentence_spans[:, 0]
    last = len(doc_of) - 1
    docs = doc_of[r]
    before = (r > 0) & (doc_of[np.maximum(r - 1, 0)] == docs)
    after = (r < last) & (doc_of[np.minimum(r + 1, last)] == docs)
    return Neighbours(r, before, after, docs.tolist())


def context_vectors(index: LoadedIndex, near: Neighbours) -> np.ndarray:
    """Each sentence's vector summed with its neighbours' (before + itself, then + after: the order a row-by-row
    sum adds them in, so the figures are the same to the last bit), made unit length."""
    vectors = index.sentence_vectors
    last = len(vectors) - 1
    ctx = np.where(near.before[:, None], vectors[np.maximum(near.rows - 1, 0)], 0) + vectors[near.rows]
    ctx = ctx + np.where(near.after[:, None], vectors[np.minimum(near.rows + 1, last)], 0)
    ctx = ctx.astype(np.float32, copy=False)
    ctx /= np.maximum(np.linalg.norm(ctx, axis=1, keepdims=True), 1e-6)
    return ctx
