"""The query side in one object: the loaded index, the query encoder, and the answer pipeline.

Every method is synchronous and CPU-bound; the chat layer calls them from worker threads. The index can be
replaced underneath (after a rebuild) without a reader ever seeing half of one: a question captures the
current ``LoadedIndex`` reference once and uses only that.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import numpy as np

from index import store
from index.embedding import Encoder, EncoderProvider
from retrieval.answer import compose, score_sentences
from retrieval.loaded import LoadedIndex, load_index
from retrieval.question import Kind, analyse
from retrieval.search import hybrid_search
from retrieval.timeline import build_timeline
from retrieval.types import Answer, Passage, SourceInfo, Timeline

log = logging.getLogger(__name__)

PASSAGES = 16


class Engine:
    def __init__(self, index_dir: Path, encoder_provider: EncoderProvider) -> None:
        self.index_dir = index_dir
        self._encoder_provider = encoder_provider
        self._lock = threading.Lock()
        self._index: LoadedIndex | None = None

    @property
    def index(self) -> LoadedIndex:
        """The current index, reloaded when a newer build has been published."""
        current = self._index
        live = store.live_dir(self.index_dir)
        if current is not None and live is not None and live == current.folder:
            return current
        with self._lock:
            if self._index is None or store.live_dir(self.index_dir) != self._index.folder:
                fresh = load_index(self.index_dir)
                if self._index is not None and fresh.model != self._index.model:
                    log.info("index model changed from %s to %s", self._index.model, fresh.model)
                self._index = fresh
                log.info("serving index %s", fresh.folder)
            return self._index

    @property
    def encoder(self) -> Encoder:
        return self._encoder_provider()

    def encode_query(self, text: str) -> np.ndarray:
        return self.encoder.encode([text])[0]

    def search(self, text: str, k: int = 8) -> list[Passage]:
        index = self.index
        question = analyse(text)
        return hybrid_search(index, self.encode_query(text), question.terms, k)

    def ask(self, text: str) -> Answer:
        index = self.index
        question = analyse(text)
        vector = self.encode_query(text)
        # A count gathers every figure the articles give, so it reads further down the ranking.
        depth = PASSAGES * 2 if question.kind is Kind.COUNT else PASSAGES
        passages = hybrid_search(index, vector, question.terms, depth)
        ranked = score_sentences(index, question, vector, passages, self.encoder.encode)
        return compose(index, question, ranked)

    def timeline(self, topic: str | None = None) -> Timeline:
        index = self.index
        vector = self.encode_query(topic) if topic else None
        return build_timeline(index, topic, vector)

    def sources(self) -> list[SourceInfo]:
        index = self.index
        counts = np.bincount(index.chunk_doc, minlength=len(index.docs)) if len(index.chunks) else None
        return [
            SourceInfo(d.doc_id, d.title, d.date, d.url, d.source, int(counts[i]) if counts is not None else 0,
                       date_estimated=d.date_estimated)
            for i, d in enumerate(index.docs)
        ]
