"""Hybrid search: dense FAISS and BM25 rankings fused by reciprocal rank."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from index.aliases import expand_terms
from index.lexical import bm25_top
from retrieval.loaded import LoadedIndex
from retrieval.types import Passage

RRF_K = 60


def rrf_fuse(rankings: Sequence[Sequence[int]], k: int = RRF_K, weights: Sequence[float] | None = None
             ) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion: robust to the scorers' incomparable scales. ``weights`` (default 1 each)
    let a ranking count for less, as borrowed follow-up terms do."""
    scores: dict[int, float] = defaultdict(float)
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, item in enumerate(ranking):
            scores[item] += weight / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def dense_top(index: LoadedIndex, query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
    if index.faiss.ntotal == 0:
        return []
    k = min(k, index.faiss.ntotal)
    scores, rows = index.faiss.search(query_vector.reshape(1, -1).astype(np.float32), k)
    # As Python numbers in one call each (the same values): NumPy scalars one at a time cost more than the search.
    return [(r, s) for r, s in zip(rows[0].tolist(), scores[0].tolist(), strict=True) if r >= 0]


def hybrid_search(
    index: LoadedIndex, query_vector: np.ndarray, query_terms: list[str], k: int = 8
) -> list[Passage]:
    """Top-k distinct chunks; a chunk whose text repeats an earlier one (a syndicated copy) is dropped."""
    depth = max(4 * k, 32)
    dense = dense_top(index, query_vector, depth)
    lexical = bm25_top(index.bm25, expand_terms(query_terms, index.aliases), depth, len(index.chunks))
    dense_rows, lexical_rows = [r for r, _ in dense], [r for r, _ in lexical]
    return distinct_passages(index, rrf_fuse([dense_rows, lexical_rows]), k, dense_rows, lexical_rows)


def distinct_passages(index: LoadedIndex, fused: list[tuple[int, float]], k: int, dense_rows: list[int],
                      lexical_rows: list[int]) -> list[Passage]:
    """The first ``k`` fused chunks whose text is new, each with its place in the dense and lexical lists
    (which the answer model reads)."""
    dense_rank = {r: i for i, r in enumerate(dense_rows)}
    lexical_rank = {r: i for i, r in enumerate(lexical_rows)}
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
