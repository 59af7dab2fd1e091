"""Hybrid search: dense FAISS and BM25 rankings fused by reciprocal rank."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from index.aliases import expand_terms
from index.lexical import bm25_top
from retrieval.loaded import LoadedIndex
from retrieval.types import Passage

RRF_K = 60


def rrf_fuse(rankings: list[list[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion: robust to the two scorers' incomparable scales."""
    scores: dict[int, float] = defaultdict(float)
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            scores[item] += 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def dense_top(index: LoadedIndex, query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
    if index.faiss.ntotal == 0:
        return []
    k = min(k, index.faiss.ntotal)
    scores, rows = index.faiss.search(query_vector.reshape(1, -1).astype(np.float32), k)
    return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]


def hybrid_search(
    index: LoadedIndex, query_vector: np.ndarray, query_terms: list[str], k: int = 8
) -> list[Passage]:
    """Top-k distinct chunks; a chunk whose text repeats an earlier one (a syndicated copy) is dropped."""
    depth = max(4 * k, 32)
    dense = dense_top(index, query_vector, depth)
    lexical = bm25_top(index.bm25, expand_terms(query_terms, index.aliases), depth, len(index.chunks))
    dense_rank = {r: i for i, (r, _) in enumerate(dense)}
    lexical_rank = {r: i for i, (r, _) in enumerate(lexical)}
    fused = rrf_fuse([[r for r, _ in dense], [r for r, _ in lexical]])
    passages: list[Passage] = []
    seen: set[str] = set()
    for row, score in fused:
        chunk = index.chunks[row]
        if chunk["hash"] in seen:
            continue
        seen.add(chunk["hash"])
        passages.append(Passage(row, chunk["doc_id"], chunk["start"], chunk["end"], chunk["text"], score,
                                dense_rank.get(row, -1), lexical_rank.get(row, -1)))
        if len(passages) == k:
            break
    return passages
