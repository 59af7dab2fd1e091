"""Assembling a build folder's files from every article's results (``index.articles``), in corpus order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from index import store
from index.articles import ArticleState
from index.documents import Document
from index.extractors import merge_first
from index.lexical import bm25_from_terms, save_bm25
from index.vectors import build_faiss, write_faiss


def _vectors(states: list[ArticleState], empty_width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Chunk, sentence and figure vectors in corpus order, from each article's rows (chunks, sentences,
    figure windows)."""
    chunks, sentences, figures = [], [], []
    for state in states:
        assert state.vectors is not None
        n_chunks, n_sentences = len(state.chunks), len(state.sentences)
        chunks.append(state.vectors[:n_chunks])
        sentences.append(state.vectors[n_chunks : n_chunks + n_sentences])
        figures.append(state.vectors[n_chunks + n_sentences :])
    width = states[0].vectors.shape[1] if states and states[0].vectors is not None else empty_width

    def stack(parts: list[np.ndarray]) -> np.ndarray:
        return np.ascontiguousarray(np.vstack(parts) if parts else np.zeros((0, width)), dtype=np.float32)

    return stack(chunks), stack(sentences), stack(figures)


def write_build(tmp: Path, states: list[ArticleState], stages: Callable[[str], None],
                empty_width: Callable[[], int]) -> dict[str, Any]:
    """Assemble the index files from every article's results into the new build folder; returns the
    manifest's dimension, FAISS factory and counts. ``empty_width`` gives the vector width of a corpus
    with no articles."""
    docs: list[Document] = [s.doc for s in states]
    sentence_rows: list[tuple[int, int, int]] = []
    figure_rows: list[tuple[int, int, int]] = []
    for doc_row, state in enumerate(states):
        figure_rows.extend((len(sentence_rows) + f[0], f[1], f[2]) for f in state.parts["figures"])
        sentence_rows.extend((doc_row, s.start, s.end) for s in state.sentences)
    chunks = [c for s in states for c in s.chunks]
    chunk_vectors, sentence_vectors, figure_vectors = _vectors(states, 0 if states else empty_width())
    faiss_index, factory = build_faiss(chunk_vectors)
    bm25 = bm25_from_terms([t for s in states for t in s.parts["terms"]["chunks"]])
    # How many sentences hold each term, for IDF weighting during answer selection.
    df: Counter[str] = Counter()
    for state in states:
        df.update(state.parts["terms"]["df"])
    events = [record for s in states for record in s.parts["events"]]
    stages("assemble")
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
    np.save(tmp / store.SENTENCES, np.asarray(sentence_rows, dtype=np.int64).reshape(-1, 3), allow_pickle=False)
    np.save(tmp / store.CHUNK_VECTORS, chunk_vectors, allow_pickle=False)
    np.save(tmp / store.SENTENCE_VECTORS, sentence_vectors, allow_pickle=False)
    np.save(tmp / store.FIGURES, np.asarray(figure_rows, dtype=np.int64).reshape(-1, 3), allow_pickle=False)
    np.save(tmp / store.FIGURE_VECTORS, figure_vectors, allow_pickle=False)
    write_faiss(faiss_index, tmp / store.FAISS)
    (tmp / store.BM25).mkdir()
    save_bm25(bm25, tmp / store.BM25)
    store.write_json(tmp / store.TERMS, {"units": len(sentence_rows), "df": dict(df)})
    store.write_jsonl(tmp / store.EVENTS, events)
    # Short forms the articles define ("Ministry of Electronics and IT (MeitY)"), for lexical search.
    store.write_json(tmp / store.ALIASES, merge_first(s.parts["aliases"] for s in states))
    stages("write")
    return {
        "dimension": int(chunk_vectors.shape[1]),
        "faiss_factory": factory,
        "counts": {"docs": len(docs), "chunks": len(chunks), "sentences": len(sentence_rows), "events": len(events)},
    }
