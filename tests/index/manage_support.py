"""What the ``test_manage*`` modules share: a story to add, and adds and removals over a test encoder."""

from __future__ import annotations

from pathlib import Path

from index.embedding import DEFAULT_MODEL, Encoder
from index.manage import Upload, add_articles, remove_article

STORY = "A short report about a platform and a ministry. It says three things about them, all of them dull.\n"


def _add(uploads: list[Upload], corpus: Path, index_dir: Path, encoder: Encoder):  # type: ignore[no-untyped-def]
    return add_articles(uploads, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder,
                        max_bytes=100_000)


def _remove(doc_id: str, corpus: Path, index_dir: Path, encoder: Encoder):  # type: ignore[no-untyped-def]
    return remove_article(doc_id, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
