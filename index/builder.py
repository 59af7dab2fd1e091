"""Building the index: load, chunk, embed what is new, write a new folder, swap it in."""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from index import store
from index.aliases import ALIASES_VERSION, mine_aliases
from index.chunking import Chunk, ChunkSpec, Span, chunk_sentences, split_sentences
from index.date_estimate import estimate_dates
from index.documents import SkippedFile, load_corpus
from index.embedding import EncoderProvider
from index.events import EVENTS_VERSION, extract_events
from index.figures import figure_windows
from index.lexical import TERMS_VERSION, build_bm25, document_frequencies, save_bm25
from index.onnx_export import DEFAULT_VARIANT, prepare_query_encoder
from index.vector_cache import ProgressCallback, embed, load_cache, read_manifest, settings_key
from index.vectors import build_faiss, write_faiss

log = logging.getLogger(__name__)

# Bump when what is stored about figures changes (``index.figures``).
FIGURES_VERSION = 1


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


def _derived_key() -> dict[str, Any]:
    """Versions of what is derived from the text without the model: a change rebuilds without re-embedding."""
    return {"events_version": EVENTS_VERSION, "terms_version": TERMS_VERSION, "figures_version": FIGURES_VERSION,
            "aliases_version": ALIASES_VERSION}


def _query_encoder_current(manifest: dict[str, Any]) -> bool:
    """The build exported the query encoder this version ships ("torch": the export failed; it is tried
    again when the articles next change, not on every start)."""
    return manifest.get("query_encoder") in (DEFAULT_VARIANT, "torch")


def _stale_reasons(manifest: dict[str, Any], docs: dict[str, str], model: str, spec: ChunkSpec) -> list[str]:
    """Why an index with ``manifest`` differs from a build of articles ``docs`` (id -> hash) now."""
    reasons = []
    expected = settings_key(model, spec)
    if {k: manifest.get(k) for k in expected} != expected:
        reasons.append("the model or chunking settings changed")
    if any(manifest.get(k) != v for k, v in _derived_key().items()) or not _query_encoder_current(manifest):
        reasons.append("it was built by an older version")
    if docs != manifest.get("docs", {}):
        reasons.append("the articles changed")
    return reasons


def pending_changes(corpus_dir: Path, index_dir: Path, *, model: str, spec: ChunkSpec | None = None) -> list[str]:
    """Why the live index differs from what a build would make now (empty when it is current).

    Reads only the manifest and the corpus, so a bot can check at start-up, cheaply, whether articles were
    added while it was down or the code now builds differently.
    """
    live = store.live_dir(index_dir)
    manifest = read_manifest(live) if live is not None else None
    if manifest is None:
        return ["there is no readable index"]
    docs, _ = load_corpus(corpus_dir)
    return _stale_reasons(manifest, {d.doc_id: d.sha256 for d in docs}, model, spec or ChunkSpec())


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
    new_docs = {d.doc_id: d.sha256 for d in docs}
    old_manifest = read_manifest(live) if live is not None else None
    # Checked on the manifest before any vector is read: an unchanged corpus costs almost nothing.
    if not full and old_manifest is not None and not _stale_reasons(old_manifest, new_docs, model, spec):
        counts = old_manifest.get("counts", {})
        return BuildReport(
            docs=len(docs), chunks=counts.get("chunks", 0), sentences=counts.get("sentences", 0),
            embedded_chunks=0, reused_chunks=counts.get("chunks", 0), embedded_sentences=0,
            removed_docs=[], added_docs=[], changed_docs=[], events=counts.get("events", 0),
            seconds=time.perf_counter() - started, unchanged=True, skipped=skipped,
            faiss_factory=old_manifest.get("faiss_factory", ""),
        )

    cache, _ = load_cache(None if full else live, model, spec)
    old_docs: dict[str, str] = (old_manifest or {}).get("docs", {})
    added = sorted(set(new_docs) - set(old_docs))
    removed = sorted(set(old_docs) - set(new_docs))
    changed = sorted(k for k in set(new_docs) & set(old_docs) if new_docs[k] != old_docs[k])

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

    figure_rows: list[tuple[int, int, int]] = []
    window_texts: list[str] = []
    for row, text in enumerate(sentence_texts):
        for fig, window in figure_windows(text):
            figure_rows.append((row, fig.start, fig.end))
            window_texts.append(window)

    chunk_vectors, embedded_chunks = embed([c.text for c in chunks], cache, encoder_provider, progress)
    sentence_vectors, embedded_sentences = embed(sentence_texts, cache, encoder_provider, progress)
    # What each figure is a figure of, for count questions (see ``retrieval.answer``).
    figure_vectors, _ = embed(window_texts, cache, encoder_provider, progress)

    faiss_index, factory = build_faiss(chunk_vectors)
    bm25 = build_bm25([c.text for c in chunks])
    n_units, df = document_frequencies(sentence_texts)
    docs = estimate_dates(docs, sentences)  # undated articles: see index/date_estimate.py
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
        np.save(tmp / store.FIGURES, np.asarray(figure_rows, dtype=np.int64).reshape(-1, 3), allow_pickle=False)
        np.save(tmp / store.FIGURE_VECTORS, figure_vectors, allow_pickle=False)
        write_faiss(faiss_index, tmp / store.FAISS)
        (tmp / store.BM25).mkdir()
        save_bm25(bm25, tmp / store.BM25)
        store.write_json(tmp / store.TERMS, {"units": n_units, "df": df})
        store.write_jsonl(tmp / store.EVENTS, events)
        store.write_json(tmp / store.ALIASES, mine_aliases(d.text for d in docs))
        # Questions are encoded by this ONNX export when present (no torch in the query process).
        query_encoder = prepare_query_encoder(model, tmp, None if full else live)
        seconds = time.perf_counter() - started
        manifest = {
            **settings_key(model, spec),
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
