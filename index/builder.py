"""Building the index: load, chunk, embed what is new, write a new folder, swap it in."""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from index import store
from index.chunking import Chunk, ChunkSpec, Span, chunk_sentences, split_sentences, text_hash
from index.documents import Document, SkippedFile, load_corpus
from index.embedding import EncoderProvider
from index.events import EVENTS_VERSION, extract_events
from index.lexical import TERMS_VERSION, build_bm25, document_frequencies, save_bm25
from index.onnx_export import prepare_query_encoder
from index.vectors import build_faiss, write_faiss

log = logging.getLogger(__name__)

# stage name, items done, items total
ProgressCallback = Callable[[str, int, int], None]

ENCODE_BATCH = 64


@dataclass
class BuildReport:
    docs: int
    chunks: int
    sentences: int
    embedded_chunks: int
    reused_chunks: int
    embedded_sentences: int
    removed_docs: list[str]
    added_docs: list[str]
    changed_docs: list[str]
    events: int
    seconds: float
    unchanged: bool
    skipped: list[SkippedFile] = field(default_factory=list)
    faiss_factory: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "chunks": self.chunks,
            "embedded_chunks": self.embedded_chunks,
            "reused_chunks": self.reused_chunks,
            "removed_docs": len(self.removed_docs),
            "seconds": round(self.seconds, 3),
            "sentences": self.sentences,
            "embedded_sentences": self.embedded_sentences,
            "events": self.events,
            "added_doc_ids": self.added_docs,
            "changed_doc_ids": self.changed_docs,
            "removed_doc_ids": self.removed_docs,
            "unchanged": self.unchanged,
            "faiss_factory": self.faiss_factory,
            "skipped": [{"file": s.filename, "reason": s.reason} for s in self.skipped],
        }


@dataclass
class _VectorCache:
    """Vectors of the live index by content hash: only text never embedded with this model is encoded."""

    rows: dict[str, np.ndarray] = field(default_factory=dict)

    def get(self, key: str) -> np.ndarray | None:
        return self.rows.get(key)


def _settings_key(model: str, spec: ChunkSpec) -> dict[str, Any]:
    return {"model": model, "chunking": spec.to_dict(), "format": store.FORMAT_VERSION}


def _derived_key() -> dict[str, Any]:
    """Versions of what is derived from the text without the model: a change rebuilds without re-embedding."""
    return {"events_version": EVENTS_VERSION, "terms_version": TERMS_VERSION}


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        manifest: dict[str, Any] = json.loads((folder / store.MANIFEST).read_text(encoding="utf-8"))
        return manifest
    except (OSError, ValueError):
        return None


def _load_cache(live: Path | None, model: str, spec: ChunkSpec) -> tuple[_VectorCache, dict[str, Any] | None]:
    if live is None:
        return _VectorCache(), None
    try:
        manifest = json.loads((live / store.MANIFEST).read_text(encoding="utf-8"))
        if {k: manifest.get(k) for k in ("model", "chunking", "format")} != _settings_key(model, spec):
            log.info("model or chunking changed since the last build: every chunk is embedded again")
            return _VectorCache(), manifest
        cache = _VectorCache()
        chunk_rows = store.read_jsonl(live / store.CHUNKS)
        chunk_vecs = np.load(live / store.CHUNK_VECTORS, mmap_mode="r", allow_pickle=False)
        for row, vec in zip(chunk_rows, chunk_vecs, strict=True):
            cache.rows[row["hash"]] = np.array(vec)
        docs = [Document.from_dict(d) for d in store.read_jsonl(live / store.DOCS)]
        spans = np.load(live / store.SENTENCES, allow_pickle=False)
        sent_vecs = np.load(live / store.SENTENCE_VECTORS, mmap_mode="r", allow_pickle=False)
        for (doc_idx, start, end), vec in zip(spans, sent_vecs, strict=True):
            cache.rows[text_hash(docs[int(doc_idx)].text[int(start):int(end)])] = np.array(vec)
        return cache, manifest
    except (OSError, ValueError, KeyError, json.JSONDecodeError) as exc:
        log.warning("cannot reuse vectors from %s (%s): embedding everything", live, exc)
        return _VectorCache(), None


def _embed(
    texts: list[str],
    cache: _VectorCache,
    encoder_provider: EncoderProvider,
    progress: ProgressCallback | None,
) -> tuple[np.ndarray, int]:
    """Vectors for ``texts`` in order, encoding each distinct uncached text once."""
    keys = [text_hash(t) for t in texts]
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if cache.get(key) is None and key not in missing:
            missing[key] = text
    fresh: dict[str, np.ndarray] = {}
    if missing:
        encoder = encoder_provider()
        items = list(missing.items())
        # Longest first: batches of similar length waste less padding, and the ETA starts pessimistic.
        items.sort(key=lambda kv: len(kv[1]), reverse=True)
        for i in range(0, len(items), ENCODE_BATCH):
            batch = items[i : i + ENCODE_BATCH]
            vecs = encoder.encode([t for _, t in batch], batch_size=ENCODE_BATCH)
            for (key, _), vec in zip(batch, vecs, strict=True):
                fresh[key] = vec
            if progress:
                progress("embedding", min(i + ENCODE_BATCH, len(items)), len(items))
    cache.rows.update(fresh)
    if not keys:
        return np.zeros((0, encoder_provider().dimension), dtype=np.float32), 0
    matrix = np.vstack([cache.rows[k] for k in keys]).astype(np.float32)
    return matrix, len(missing)


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    *,
    model: str,
    encoder_provider: EncoderProvider,
    spec: ChunkSpec | None = None,
    full: bool = False,
    progress: ProgressCallback | None = None,
) -> BuildReport:
    """Build or update the index from ``corpus_dir``; the live index is replaced only on success.

    Raises ``store.BuildInProgress`` when another build holds the lock.
    """
    with store.build_lock(index_dir):
        return build_locked(corpus_dir, index_dir, model=model, encoder_provider=encoder_provider,
                            spec=spec, full=full, progress=progress)


def build_locked(
    corpus_dir: Path,
    index_dir: Path,
    *,
    model: str,
    encoder_provider: EncoderProvider,
    spec: ChunkSpec | None = None,
    full: bool = False,
    progress: ProgressCallback | None = None,
) -> BuildReport:
    """``build_index`` for a caller that already holds the build lock (to change the corpus and rebuild
    as one step)."""
    spec = spec or ChunkSpec()
    started = time.perf_counter()
    live = store.live_dir(index_dir)
    docs, skipped = load_corpus(corpus_dir)
    cache, old_manifest = _load_cache(None if full else live, model, spec)
    if full and live is not None:  # nothing is reused, but the report still says what changed
        old_manifest = _read_manifest(live)
    old_docs: dict[str, str] = (old_manifest or {}).get("docs", {}) if live else {}
    new_docs = {d.doc_id: d.sha256 for d in docs}
    added = sorted(set(new_docs) - set(old_docs))
    removed = sorted(set(old_docs) - set(new_docs))
    changed = sorted(k for k in set(new_docs) & set(old_docs) if new_docs[k] != old_docs[k])

    if (
        not full
        and old_manifest is not None
        and cache.rows
        and not (added or removed or changed)
        and all(old_manifest.get(k) == v for k, v in _derived_key().items())
        and "query_encoder" in old_manifest
    ):
        counts = old_manifest.get("counts", {})
        return BuildReport(
            docs=len(docs), chunks=counts.get("chunks", 0), sentences=counts.get("sentences", 0),
            embedded_chunks=0, reused_chunks=counts.get("chunks", 0), embedded_sentences=0,
            removed_docs=[], added_docs=[], changed_docs=[], events=counts.get("events", 0),
            seconds=time.perf_counter() - started, unchanged=True, skipped=skipped,
            faiss_factory=old_manifest.get("faiss_factory", ""),
        )

    sentences: dict[str, list[Span]] = {}
    chunks: list[Chunk] = []
    sentence_rows: list[tuple[int, int, int]] = []
    for doc_idx, doc in enumerate(docs):
        spans = split_sentences(doc.text)
        sentences[doc.doc_id] = spans
        sentence_rows.extend((doc_idx, s.start, s.end) for s in spans)
        chunks.extend(chunk_sentences(doc.doc_id, doc.text, spans, spec))
        if progress:
            progress("chunking", doc_idx + 1, len(docs))
    sentence_texts = [docs[d].text[s:e] for d, s, e in sentence_rows]

    chunk_vectors, embedded_chunks = _embed([c.text for c in chunks], cache, encoder_provider, progress)
    sentence_vectors, embedded_sentences = _embed(sentence_texts, cache, encoder_provider, progress)

    faiss_index, factory = build_faiss(chunk_vectors)
    bm25 = build_bm25([c.text for c in chunks])
    n_units, df = document_frequencies(sentence_texts)
    events = extract_events(docs, sentences)
    if progress:
        progress("writing", 0, 1)

    tmp = store.new_build_folder(index_dir)
    try:
        store.write_jsonl(tmp / store.DOCS, [d.to_dict() for d in docs])
        store.write_jsonl(
            tmp / store.CHUNKS,
            [
                {
                    "id": i,
                    "doc_id": c.doc_id,
                    "start": c.start,
                    "end": c.end,
                    "first_sentence": c.first_sentence,
                    "last_sentence": c.last_sentence,
                    "hash": c.content_hash,
                    "text": c.text,
                }
                for i, c in enumerate(chunks)
            ],
        )
        np.save(tmp / store.SENTENCES, np.asarray(sentence_rows, dtype=np.int64).reshape(-1, 3),
                allow_pickle=False)
        np.save(tmp / store.CHUNK_VECTORS, chunk_vectors, allow_pickle=False)
        np.save(tmp / store.SENTENCE_VECTORS, sentence_vectors, allow_pickle=False)
        write_faiss(faiss_index, tmp / store.FAISS)
        (tmp / store.BM25).mkdir()
        save_bm25(bm25, tmp / store.BM25)
        store.write_json(tmp / store.TERMS, {"units": n_units, "df": df})
        store.write_jsonl(tmp / store.EVENTS, events)
        # Questions are encoded by this ONNX export when present (no torch in the query process).
        query_encoder = prepare_query_encoder(model, tmp, None if full else live)
        seconds = time.perf_counter() - started
        manifest = {
            **_settings_key(model, spec),
            "dimension": int(chunk_vectors.shape[1]),
            "faiss_factory": factory,
            "query_encoder": query_encoder,
            "docs": new_docs,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "build_seconds": round(seconds, 3),
            **_derived_key(),
            "counts": {
                "docs": len(docs),
                "chunks": len(chunks),
                "sentences": len(sentence_rows),
                "events": len(events),
            },
        }
        # The manifest is written last: a folder without one is never a complete build.
        store.write_json(tmp / store.MANIFEST, manifest)
        store.publish(index_dir, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BuildReport(
        docs=len(docs), chunks=len(chunks), sentences=len(sentence_rows),
        embedded_chunks=embedded_chunks, reused_chunks=len(chunks) - embedded_chunks,
        embedded_sentences=embedded_sentences, removed_docs=removed, added_docs=added,
        changed_docs=changed, events=len(events), seconds=time.perf_counter() - started,
        unchanged=False, skipped=skipped, faiss_factory=factory,
    )
