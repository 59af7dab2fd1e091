"""What each sentence of one loaded index yields whatever the question: kept on that index, made on first use.

Every question reads the sentences of its 16-32 passages, their neighbours and their words again; on the seed
corpus that is most of the corpus each time. Slicing each sentence out of its article, tokenizing it (through a
per-text cache that hashes the fresh slice first) and pooling its neighbours' words was about a quarter of a
question's feature time. The memo belongs to the ``LoadedIndex`` it describes (``LoadedIndex.memo``): a rebuild
or an add publishes a new folder, loaded as a new object with a memo of its own, so nothing here can go stale.
It is filled lazily, so loading an index of a million chunks costs nothing more, and it is emptied when it
holds more than ``MAX_ROWS`` sentences (a long-running bot on a large index keeps a bounded working set). It
refers to its index weakly: index and memo held each other, so a replaced index (gigabytes at a million chunks)
stayed in memory until Python's cycle collector next ran, not freed when its last question ended.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, TypeVar

from retrieval.coverage import sentence_terms

if TYPE_CHECKING:
    from retrieval.loaded import LoadedIndex

MAX_ROWS = 200_000
T = TypeVar("T")


class SentenceMemo:
    def __init__(self, index: LoadedIndex) -> None:
        self._index: LoadedIndex = weakref.proxy(index)  # the index holds the memo (``LoadedIndex.memo``)
        self._texts: dict[int, str] = {}
        self._terms: dict[int, frozenset[str]] = {}
        self._pooled: dict[int, frozenset[str]] = {}
        self._chunks: dict[int, tuple[tuple[int, str, str], ...]] = {}

    def text(self, row: int) -> str:
        """The sentence's text; the same string object every time, so per-text caches find it at once."""
        text = self._texts.get(row)
        return text if text is not None else _keep(self._texts, row, self._index.sentence_text(row))

    def terms(self, row: int) -> frozenset[str]:
        """``sentence_terms`` of the sentence."""
        words = self._terms.get(row)
        return words if words is not None else _keep(self._terms, row, sentence_terms(self.text(row)))

    def pooled(self, row: int) -> frozenset[str]:
        """The sentence's words with those of the sentences either side of it in the same article."""
        words = self._pooled.get(row)
        if words is not None:
            return words
        spans = self._index.sentence_spans
        doc = int(spans[row, 0])
        words = self.terms(row)
        if row > 0 and int(spans[row - 1, 0]) == doc:
            words = words | self.terms(row - 1)
        if row + 1 < len(spans) and int(spans[row + 1, 0]) == doc:
            words = words | self.terms(row + 1)
        return _keep(self._pooled, row, words)

    def chunk(self, chunk_row: int) -> tuple[tuple[int, str, str], ...]:
        """The chunk's sentences: (row, text, text in lower case with its spacing made single), the last to
        tell a sentence an article repeats verbatim."""
        found = self._chunks.get(chunk_row)
        if found is not None:
            return found
        return _keep(self._chunks, chunk_row, tuple(
            (row, text, " ".join(text.lower().split()))
            for row in self._index.chunk_sentence_rows(chunk_row) for text in (self.text(row),)))


def _keep(kept: dict[int, T], key: int, value: T) -> T:
    """``value`` kept under ``key``; a memo holding ``MAX_ROWS`` is emptied first."""
    if len(kept) >= MAX_ROWS:
        kept.clear()
    kept[key] = value
    return value
