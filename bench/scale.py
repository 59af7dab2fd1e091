"""Index folders for the benchmark, cached under ``var/bench/``.

* ``seed``: the shipped corpus, built by the real builder (with its ONNX export).
* ``encoded-N``: the seed articles plus synthetic distractor articles, built by the real builder, every
  chunk and sentence encoded by the model (used at 10k chunks).
* ``synthetic-N``: the seed index plus distractor docs written directly: texts from the same generator,
  vectors drawn from a Gaussian fitted to the encoded distractor sentences (used at 100k and 1M chunks,
  where encoding would take hours on two cores). Chunk vectors are the normalised sum of their sentences.

Every folder is a complete index that ``retrieval.loaded.load_index`` reads like any other.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.synthetic import article, sentences
from index import store
from index.builder import build_index
from index.chunking import text_hash
from index.embedding import DEFAULT_MODEL, EncoderProvider
from index.lexical import terms
from index.onnx_export import QUERY_ENCODER_DIR
from index.vectors import build_faiss, choose_factory, write_faiss

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
SEED_CORPUS = ROOT / "corpus"
CHUNKS_PER_ARTICLE = 3.68  # measured on the generator's articles with the default ChunkSpec
SENTENCES_PER_DOC = 9  # synthetic-N docs: chunks of three sentences overlapping by one
WINDOWS = ((0, 3), (2, 5), (4, 7), (6, 9))
GENERATOR_VERSION = 1


def seed_index(provider: EncoderProvider) -> tuple[Path, float]:
    """The seed index (built once; an unchanged rebuild returns at once) and its build seconds."""
    index_dir = BENCH_DIR / "seed" / "index"
    started = time.perf_counter()
    build_index(SEED_CORPUS, index_dir, model=DEFAULT_MODEL, encoder_provider=provider)
    return index_dir, time.perf_counter() - started


def distractor_corpus(folder: Path, n_articles: int, first_seed: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in SEED_CORPUS.iterdir():
        if path.is_file() and not (folder / path.name).exists():
            shutil.copy2(path, folder / path.name)
    for i in range(first_seed, first_seed + n_articles):
        path = folder / f"syn_{i:07d}.txt"
        if not path.exists():
            path.write_text(article(1_000_003 * GENERATOR_VERSION + i), encoding="utf-8")


def encoded_index(n_chunks: int, provider: EncoderProvider) -> tuple[Path, dict[str, Any]]:
    """Seed plus encoded distractors, about ``n_chunks`` chunks; returns the folder and the build report."""
    base = BENCH_DIR / f"encoded-{n_chunks}"
    corpus = base / "corpus"
    distractor_corpus(corpus, math.ceil(max(n_chunks - 26, 0) / CHUNKS_PER_ARTICLE))
    report = build_index(corpus, base / "index", model=DEFAULT_MODEL, encoder_provider=provider)
    return base / "index", report.to_dict()


def _gaussian(source: Path) -> tuple[np.ndarray, np.ndarray]:
    """Mean and Cholesky factor of the distractor sentence vectors of an encoded index."""
    vectors = np.load(source / store.SENTENCE_VECTORS).astype(np.float64)
    spans = np.load(source / store.SENTENCES)
    docs = store.read_jsonl(source / store.DOCS)
    synthetic_rows = np.isin(spans[:, 0], [i for i, d in enumerate(docs) if d["doc_id"].startswith("syn_")])
    sample = vectors[synthetic_rows]
    mean = sample.mean(axis=0)
    cov = np.cov(sample, rowvar=False) + 1e-6 * np.eye(sample.shape[1])
    return mean, np.linalg.cholesky(cov)


def _seed_key(seed_dir: Path) -> str:
    """What the synthetic index depends on: the seed articles, the model and chunking (not events etc.)."""
    live = store.live_dir(seed_dir)
    assert live is not None
    manifest = json.loads((live / store.MANIFEST).read_text(encoding="utf-8"))
    return text_hash(json.dumps([manifest.get(k) for k in ("docs", "model", "chunking", "format")]))


def synthetic_index(n_chunks: int, seed_dir: Path, fit_from: Path, factory: str | None = None) -> Path:
    """Seed index plus synthetic docs up to about ``n_chunks`` chunks, written straight to an index folder."""
    folder = BENCH_DIR / (f"synthetic-{n_chunks}" + (f"-{factory.replace(',', '_')}" if factory else ""))
    key: dict[str, Any] = {"n": n_chunks, "factory": factory, "version": GENERATOR_VERSION,
                           "seed": _seed_key(seed_dir)}
    stamp = folder / "bench-key.json"
    if stamp.exists() and {k: v for k, v in json.loads(stamp.read_text()).items() if k in key} == key:
        _refresh_faiss(folder, factory)
        _from_seed(folder, seed_dir)
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seed = store.live_dir(seed_dir)
    assert seed is not None
    started = time.perf_counter()
    manifest = json.loads((seed / store.MANIFEST).read_text(encoding="utf-8"))
    docs = store.read_jsonl(seed / store.DOCS)
    chunks = store.read_jsonl(seed / store.CHUNKS)
    spans = [tuple(int(v) for v in row) for row in np.load(seed / store.SENTENCES)]
    seed_sentences = [docs[d]["text"][s:e] for d, s, e in spans]
    n_docs = math.ceil(max(n_chunks - len(chunks), 0) / len(WINDOWS))
    stream = sentences(7 * GENERATOR_VERSION)
    sentence_terms: list[list[str]] = [terms(t) for t in seed_sentences]
    chunk_rows: list[list[int]] = []  # global sentence rows of each synthetic chunk
    for n in range(n_docs):
        doc_row = len(docs)
        parts = [next(stream) for _ in range(SENTENCES_PER_DOC)]
        text = " ".join(parts)
        offsets, pos = [], 0
        for part in parts:
            offsets.append((pos, pos + len(part)))
            pos += len(part) + 1
        first_row = len(spans)
        spans.extend((doc_row, s, e) for s, e in offsets)
        sentence_terms.extend(terms(p) for p in parts)
        doc_id = f"syn_{n:07d}"
        docs.append({"doc_id": doc_id, "title": parts[0][:120], "date": None, "url": None, "source": "synthetic",
                     "filename": f"{doc_id}.txt", "sha256": text_hash(text), "body_offset": 0, "text": text})
        for a, b in WINDOWS:
            start, end = offsets[a][0], offsets[b - 1][1]
            chunks.append({"id": len(chunks), "doc_id": doc_id, "start": start, "end": end, "first_sentence": a,
                           "last_sentence": b, "hash": text_hash(text[start:end]), "text": text[start:end]})
            chunk_rows.append(list(range(first_row + a, first_row + b)))

    # Vectors: the seed's real ones, then Gaussian draws for every synthetic sentence.
    mean, chol = _gaussian(fit_from)
    seed_sent = np.load(seed / store.SENTENCE_VECTORS)
    seed_chunk = np.load(seed / store.CHUNK_VECTORS)
    n_new = len(spans) - len(seed_sent)
    rng = np.random.default_rng(12345)
    sent = np.empty((len(spans), seed_sent.shape[1]), dtype=np.float32)
    sent[: len(seed_sent)] = seed_sent
    for lo in range(0, n_new, 200_000):
        hi = min(lo + 200_000, n_new)
        draw = rng.standard_normal((hi - lo, len(mean))) @ chol.T + mean
        draw /= np.linalg.norm(draw, axis=1, keepdims=True)
        sent[len(seed_sent) + lo : len(seed_sent) + hi] = draw
    rows = np.asarray(chunk_rows, dtype=np.int64).reshape(-1, 3)
    synthetic_chunk = sent[rows[:, 0]] + sent[rows[:, 1]] + sent[rows[:, 2]]
    synthetic_chunk /= np.linalg.norm(synthetic_chunk, axis=1, keepdims=True)
    chunk_vectors = np.vstack([seed_chunk, synthetic_chunk]).astype(np.float32)
    _write(folder, seed, manifest, docs, chunks, spans, sent, chunk_vectors, sentence_terms, factory)
    key["seconds"] = round(time.perf_counter() - started, 1)
    stamp.write_text(json.dumps(key))
    _from_seed(folder, seed_dir)
    return folder


def _refresh_faiss(folder: Path, factory: str | None) -> None:
    """The served index type changed since the cache was made (``index.vectors``): rebuild only that file."""
    manifest = json.loads((folder / store.MANIFEST).read_text(encoding="utf-8"))
    vectors = np.load(folder / store.CHUNK_VECTORS, mmap_mode="r")
    wanted = factory or choose_factory(len(vectors))
    if manifest.get("faiss_factory") == wanted:
        return
    started = time.perf_counter()
    index, used = build_faiss(np.ascontiguousarray(vectors, dtype=np.float32), wanted)
    # A new file, not a rewrite: the old one may be hard-linked into ``bench-faiss/`` as a cached variant.
    write_faiss(index, folder / "faiss.index.new")
    os.replace(folder / "faiss.index.new", folder / store.FAISS)
    manifest.update(faiss_factory=used, faiss_build_seconds=round(time.perf_counter() - started, 1))
    store.write_json(folder / store.MANIFEST, manifest)


def _from_seed(folder: Path, seed_dir: Path) -> None:
    """The seed build's query encoder export and figure vectors, linked in (again) on every use, as the seed
    build may be newer than the synthetic index. Synthetic docs state no figures and the seed's sentences
    keep their row numbers, so the seed's figures are the whole index's."""
    seed = store.live_dir(seed_dir)
    assert seed is not None
    shutil.rmtree(folder / QUERY_ENCODER_DIR, ignore_errors=True)
    items = [p for p in (seed / QUERY_ENCODER_DIR).glob("*") if p.is_file()]
    items += [seed / name for name in (store.FIGURES, store.FIGURE_VECTORS) if (seed / name).exists()]
    for item in items:
        target = folder / item.relative_to(seed)
        target.parent.mkdir(exist_ok=True)
        target.unlink(missing_ok=True)
        os.link(item, target)


def _write(folder: Path, seed: Path, manifest: dict[str, Any], docs: list[dict[str, Any]],
           chunks: list[dict[str, Any]], spans: list[tuple[int, ...]], sent: np.ndarray, chunk_vectors: np.ndarray,
           sentence_terms: list[list[str]], factory: str | None) -> None:
    import bm25s

    from index.lexical import save_bm25

    store.write_jsonl(folder / store.DOCS, docs)
    store.write_jsonl(folder / store.CHUNKS, chunks)
    np.save(folder / store.SENTENCES, np.asarray(spans, dtype=np.int64), allow_pickle=False)
    np.save(folder / store.SENTENCE_VECTORS, sent, allow_pickle=False)
    np.save(folder / store.CHUNK_VECTORS, chunk_vectors, allow_pickle=False)
    started = time.perf_counter()
    index, used = build_faiss(chunk_vectors, factory)
    faiss_seconds = time.perf_counter() - started
    write_faiss(index, folder / store.FAISS)
    del index
    # Chunk terms are the concatenation of its sentences' terms (tokens never span a sentence boundary).
    doc_first: dict[int, int] = {}
    for row, (d, _, _) in enumerate(spans):
        doc_first.setdefault(d, row)
    doc_row = {d["doc_id"]: i for i, d in enumerate(docs)}
    tokens = []
    for c in chunks:
        base = doc_first[doc_row[c["doc_id"]]]
        tokens.append([t for r in range(base + c["first_sentence"], base + c["last_sentence"])
                       for t in sentence_terms[r]] or ["\x00"])
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    (folder / store.BM25).mkdir()
    save_bm25(bm25, folder / store.BM25)
    df: dict[str, int] = {}
    for words in sentence_terms:
        for t in set(words):
            df[t] = df.get(t, 0) + 1
    store.write_json(folder / store.TERMS, {"units": len(sentence_terms), "df": df})
    shutil.copy2(seed / store.EVENTS, folder / store.EVENTS)
    manifest = {**manifest, "faiss_factory": used, "synthetic": True, "faiss_build_seconds": round(faiss_seconds, 1),
                "counts": {**manifest.get("counts", {}), "docs": len(docs), "chunks": len(chunks),
                           "sentences": len(spans)}}
    store.write_json(folder / store.MANIFEST, manifest)
