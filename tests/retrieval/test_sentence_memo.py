"""What each sentence yields whatever the question, kept on the loaded index it describes."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import sentence_memo
from retrieval.coverage import sentence_terms
from retrieval.loaded import load_index


def test_a_sentence_is_read_once_and_pooled_only_with_its_own_article(seed_index_dir: Path) -> None:
    index = load_index(seed_index_dir)
    docs = index.sentence_spans[:, 0]
    for row in range(len(docs)):
        assert index.memo.text(row) is index.memo.text(row)  # one string: per-text caches find it at once
        assert index.memo.text(row) == index.sentence_text(row)
        assert index.memo.terms(row) == sentence_terms(index.sentence_text(row))
        pooled = set().union(*(sentence_terms(index.sentence_text(r)) for r in (row - 1, row, row + 1)
                               if 0 <= r < len(docs) and docs[r] == docs[row]))
        assert index.memo.pooled(row) == pooled
    chunk = index.memo.chunk(0)
    assert [row for row, _, _ in chunk] == list(index.chunk_sentence_rows(0))
    assert all(key == " ".join(text.lower().split()) for _, text, key in chunk)


def test_each_loaded_index_has_its_own_memo(seed_index_dir: Path) -> None:
    """A rebuild or an add is loaded as a new ``LoadedIndex``: nothing read from the old one can answer for it."""
    first, second = load_index(seed_index_dir), load_index(seed_index_dir)
    assert first.memo is first.memo
    assert first.memo is not second.memo


def test_the_memo_is_bounded(seed_index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentence_memo, "MAX_ROWS", 3)
    index = load_index(seed_index_dir)
    for row in range(8):
        index.memo.pooled(row)
    assert all(len(kept) <= 3 for kept in (index.memo._texts, index.memo._terms, index.memo._pooled))
    assert index.memo.pooled(0) == index.memo.pooled(0)  # still right after it was emptied
