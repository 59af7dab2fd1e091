"""FAISS index construction: exact search while it is cheap, HNSW for large corpora, IVF for huge ones.

The thresholds and search settings come from bench/RESULTS.md (2 cores, recall@10 against exact search):
at 100k chunks HNSW32 with efSearch 512 reaches 0.97 in about 5 ms; at 1M it falls to 0.78 (0.86 even at
efSearch 2048, 24 ms) and takes 15 minutes to build, while IVF4096 probing a quarter of its lists reaches
0.99 in about 31 ms and builds in under 2 minutes.
"""

from __future__ import annotations

import math
from pathlib import Path

import faiss
import numpy as np

# Below this many vectors an exact inner-product scan is both fastest to build and exact; above it HNSW
# keeps per-question search in single milliseconds (see bench/ for the measurements behind the number).
EXACT_SEARCH_LIMIT = 50_000
IVF_FROM = 500_000
# Share of an IVF index's lists searched per question: 1/8 gave recall@10 0.96 at 1M, 1/4 gave 0.99.
IVF_PROBE_SHARE = 4
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
# efSearch 512: recall@10 against exact search 0.97 at 100k chunks for about 4 ms (128 gave 0.89 for 1 ms);
# bench/RESULTS.md has the sweep. Set when an index is read, so it needs no rebuild.
HNSW_EF_SEARCH = 512


def choose_factory(n_vectors: int) -> str:
    if n_vectors < EXACT_SEARCH_LIMIT:
        return "Flat"
    if n_vectors < IVF_FROM:
        return f"HNSW{HNSW_M},Flat"
    # About 4·sqrt(n) lists, a power of two: 4096 at 1M chunks.
    return f"IVF{2 ** round(math.log2(4 * math.sqrt(n_vectors)))},Flat"


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
    """Search settings are not stored in the file: set them whenever an index is built or read."""
    if isinstance(index, faiss.IndexHNSWFlat):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    elif isinstance(index, faiss.IndexIVF):
        index.nprobe = max(1, index.nlist // IVF_PROBE_SHARE)


def write_faiss(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def read_faiss(path: Path) -> faiss.Index:
    index = faiss.read_index(str(path))
    tune_for_search(index)
    return index
