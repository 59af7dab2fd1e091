"""The FAISS index type follows the corpus size, and search settings survive a write and read."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from index.vectors import build_faiss, choose_factory, read_faiss, write_faiss


def test_the_index_type_follows_the_corpus_size() -> None:
    assert choose_factory(26) == choose_factory(49_999) == "Flat"
    assert choose_factory(100_000) == "HNSW32,Flat"
    assert choose_factory(1_000_000) == "IVF4096,Flat"


def _vectors(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_ivf_probes_a_quarter_of_its_lists_after_a_reload(tmp_path: Path) -> None:
    vectors = _vectors(4_000)
    index, factory = build_faiss(vectors, "IVF64,Flat")
    write_faiss(index, tmp_path / "faiss.index")
    loaded = read_faiss(tmp_path / "faiss.index")
    assert factory == "IVF64,Flat" and faiss.extract_index_ivf(loaded).nprobe == 16
    flat = faiss.IndexFlatIP(32)
    flat.add(vectors)
    _, truth = flat.search(vectors[:50], 10)
    _, got = loaded.search(vectors[:50], 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got, truth, strict=True)])
    assert recall >= 0.8  # random vectors are the hard case; the bench measures the real setting


def test_hnsw_search_depth_is_set_again_when_read(tmp_path: Path) -> None:
    index, _ = build_faiss(_vectors(500), "HNSW32,Flat")
    write_faiss(index, tmp_path / "faiss.index")
    assert read_faiss(tmp_path / "faiss.index").hnsw.efSearch == 512
