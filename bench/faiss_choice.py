"""Flat vs HNSW vs IVF on the scaled indexes' chunk vectors: build time, size, latency, recall@10.

Recall@10 is against exact inner-product search over the same vectors. Queries: the dev questions, the
seed corpus's sentences, and draws from the synthetic distribution, 200 in all. Built indexes are cached
under ``var/bench/faiss/``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from bench.common import percentiles
from index.vectors import HNSW_EF_CONSTRUCTION

DEPTH = 64  # hybrid_search asks FAISS for max(4 * 16, 32) rows


@dataclass
class FactoryResult:
    n: int
    factory: str
    params: str
    build_s: float
    size_mb: float
    p50_ms: float
    p95_ms: float
    recall10: float


def _build(vectors: np.ndarray, factory: str, path: Path) -> tuple[faiss.Index, float]:
    if path.exists():
        return faiss.read_index(str(path)), float(path.with_suffix(".seconds").read_text())
    start = time.perf_counter()
    index = faiss.index_factory(vectors.shape[1], factory, faiss.METRIC_INNER_PRODUCT)
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    if not index.is_trained:
        rng = np.random.default_rng(0)
        sample = vectors[rng.choice(len(vectors), size=min(len(vectors), 100_000), replace=False)]
        index.train(sample)
    index.add(vectors)
    seconds = time.perf_counter() - start
    path.parent.mkdir(parents=True, exist_ok=True)
    faiss.write_index(index, str(path))
    path.with_suffix(".seconds").write_text(f"{seconds:.3f}")
    return index, seconds


def _set(index: faiss.Index, params: str) -> None:
    if params:
        name, value = params.split("=")
        faiss.ParameterSpace().set_index_parameter(index, name, int(value))


def compare(vectors: np.ndarray, queries: np.ndarray, plans: list[tuple[str, list[str]]],
            cache: Path) -> list[FactoryResult]:
    """``plans``: (factory string, search settings like ["efSearch=64", ...]) to measure."""
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    _, truth = exact.search(queries, 10)
    results = []
    for factory, settings in plans:
        path = cache / f"{len(vectors)}-{factory.replace(',', '_')}.index"
        index, build_s = (exact, 0.0) if factory == "Flat" else _build(vectors, factory, path)
        size_mb = vectors.nbytes / 2**20 if factory == "Flat" else path.stat().st_size / 2**20
        for params in settings or [""]:
            _set(index, params)
            samples = []
            found = np.empty((len(queries), 10), dtype=np.int64)
            for i, q in enumerate(queries):
                start = time.perf_counter()
                _, rows = index.search(q.reshape(1, -1), DEPTH)
                samples.append((time.perf_counter() - start) * 1000)
                found[i] = rows[0][:10]
            recall = float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)]))
            p50, p95 = percentiles(samples)
            results.append(FactoryResult(len(vectors), factory, params, build_s, size_mb, p50, p95, recall))
        if index is not exact:
            del index
    return results


def queries_for(dev_vectors: np.ndarray, seed_sentence_vectors: np.ndarray, draws: np.ndarray,
                total: int = 200) -> np.ndarray:
    parts = [dev_vectors, seed_sentence_vectors]
    have = sum(len(p) for p in parts)
    parts.append(draws[: max(total - have, 0)])
    return np.vstack(parts)[:total].astype(np.float32)
