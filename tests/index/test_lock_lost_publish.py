"""A build asks its caller's lock, just before publishing, whether it still holds it (``index.lock_check``): one
that lost it publishes nothing, the last good index keeps serving, and the reason is kept for ``index status``."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import build_failures, store
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, Encoder
from index.manage import Upload, add_articles, remove_article

ARTICLE = """---
title: Ministry writes to the platform again
date: 2021-02-12
---
The ministry wrote to the platform a second time about the accounts it had named. The letter asked for an answer
within a week and said the earlier reply had not been enough.
"""


def _tmp_folders(index_dir: Path) -> list[Path]:
    return list(store.builds_dir(index_dir).glob(".tmp-*"))


def test_a_build_that_lost_its_lock_publishes_nothing_and_says_why(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    (corpus / "second-letter.md").write_text(ARTICLE, encoding="utf-8")
    live = store.live_dir(index_dir)
    asked: list[bool] = []

    def lost() -> str:
        # Asked once the new folder is complete, so nothing but the swap comes after it.
        asked.append(any((folder / store.MANIFEST).exists() for folder in _tmp_folders(index_dir)))
        return "its database session ended"

    with pytest.raises(store.LockLost, match="its database session ended"):
        build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder, still_held=lost)
    assert asked == [True]
    assert store.live_dir(index_dir) == live
    assert not _tmp_folders(index_dir)  # its own folder removed
    failure = build_failures.last_failure(index_dir)
    assert failure is not None and "lost its lock" in failure["reason"]

    report = build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder,
                         still_held=lambda: None)  # held: published as ever
    assert report.added_docs == ["second-letter"]
    assert store.live_dir(index_dir) != live and build_failures.last_failure(index_dir) is None


def test_an_add_or_remove_that_lost_its_lock_changes_nothing(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    before = sorted(p.name for p in corpus.iterdir())
    with pytest.raises(store.LockLost):
        add_articles([Upload("second-letter.md", ARTICLE.encode())], corpus, index_dir, model=DEFAULT_MODEL,
                     encoder_provider=lambda: encoder, max_bytes=100_000, still_held=lambda: "lost")
    victim = next(p for p in corpus.iterdir() if p.suffix in (".md", ".txt"))
    with pytest.raises(store.LockLost):
        remove_article(victim.stem, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder,
                       still_held=lambda: "lost")
    assert store.live_dir(index_dir) == live
    assert sorted(p.name for p in corpus.iterdir()) == before  # the change's files put back
