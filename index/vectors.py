"""FAISS index construction: exact search while it is cheap, HNSW once the corpus is large."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

# Below this many vectors an exact inner-product scan is both fastest to build and exact; above it HNSW
# keeps per-question search in single milliseconds (see bench/ for the measurements behind the number).
EXACT_SEARCH_LIMIT = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
# efSearch 512: recall@10 against exact search 0.97 at 100k chunks for about 4 ms (128 gave 0.89 for 1 ms);
# bench/RESULTS.md has the sweep. Set when an index is read, so it needs no rebuild.
HNSW_EF_SEARCH = 512


def choose_factory(n_vectors: int) -> str:
    return "Flat" if n_vectors < EXACT_SEARCH_LIMIT else f"HNSW{HNSW_M},Flat"


def build_faiss(vectors: np.ndarray, factory: str | None = None) -> tuple[faiss.Index, str]:
    """Inner-product index over normalised rows (so scores are cosines)."""
    n, dim = vectors.shape
    factory = factory or choose_factory(n)
    index = faiss.index_factory(dim, factory, faiss.METRIC_INNER_PRODUCT)
    if isinstance(index, faiss.IndexHNSWFlat):
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    if not index.is_trained and n:
        index.train(vectors)
    if n:
        index.add(vectors)
    tune_for_search(index)
    return index, factory


def tune_for_search(index: faiss.Index) -> None:
    if isinstance(index, faiss.IndexHNSWFlat):
        index.hnsw.efSearch = HNSW_EF_SEARCH


def write_faiss(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def read_faiss(path: Path) -> faiss.Index:
    index = faiss.read_index(str(path))
    tune_for_search(index)
    return index
