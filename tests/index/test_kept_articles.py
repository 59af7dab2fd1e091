"""Removed and replaced articles are kept beside the index (``index.kept_articles``): a removal deleted the file
for good, and an add of a file of the same name overwrote the old text for good. Each test fails before."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from index import store
from index.corpus_files import article_paths
from index.embedding import DEFAULT_MODEL, Encoder
from index.kept_articles import Retention, kept_copies, kept_dir
from index.manage import Upload, add_articles, remove_article
from tests.index.conftest import FailingEncoder


def _first(corpus: Path) -> Path:
    return article_paths(corpus)[0]


def _title(index_dir: Path, doc_id: str) -> str:
    docs = store.read_jsonl((store.live_dir(index_dir) or index_dir) / store.DOCS)
    return next(str(d["title"]) for d in docs if d["doc_id"] == doc_id)


def test_a_removed_article_is_kept_beside_the_index(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    path = _first(corpus)
    text, title = path.read_bytes(), _title(index_dir, path.stem)
    remove_article(path.stem, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    [copy] = kept_copies(index_dir)
    assert (copy.doc_id, copy.filename, copy.why, copy.title) == (path.stem, path.name, "removed", title)
    assert copy.data() == text
    assert copy.folder.parent == kept_dir(index_dir) and kept_dir(index_dir).parent == index_dir.parent
    assert not any(p.is_dir() for p in corpus.iterdir())  # nothing in the corpus folder a scan could read


def test_a_file_replaced_by_an_add_is_kept(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    path = _first(corpus)
    old = path.read_bytes()
    new = old + b"\nCorrection: an earlier version of this story misstated the day of the meeting.\n"
    outcome = add_articles([Upload(path.name, new)], corpus, index_dir, model=DEFAULT_MODEL,
                           encoder_provider=lambda: encoder, max_bytes=100_000)
    assert outcome.report is not None and outcome.report.changed_docs == [path.stem]
    [copy] = kept_copies(index_dir)
    assert (copy.doc_id, copy.why, copy.data()) == (path.stem, "replaced", old)


def test_the_same_text_added_again_keeps_nothing(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    path = _first(corpus)
    add_articles([Upload(path.name, path.read_bytes())], corpus, index_dir, model=DEFAULT_MODEL,
                 encoder_provider=lambda: encoder, max_bytes=100_000)
    assert kept_copies(index_dir) == []


def test_a_failed_removal_keeps_no_copy(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """The file is back in the corpus: a copy would only crowd out older ones."""
    corpus, index_dir = built_copy
    path = _first(corpus)
    (store.live_dir(index_dir) or index_dir).joinpath(store.MANIFEST).unlink()  # forces a full build, which fails
    with pytest.raises(RuntimeError):
        remove_article(path.stem, corpus, index_dir, model=DEFAULT_MODEL,
                       encoder_provider=lambda: FailingEncoder(encoder, after=0))
    assert path.exists() and kept_copies(index_dir) == []
    assert kept_dir(index_dir).is_dir()  # it was made: the copy existed, then was dropped


def test_copies_past_the_retention_are_deleted(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    first, second, third = article_paths(corpus)[:3]
    keep_two = Retention(copies=2, days=30)
    for path in (first, second):
        remove_article(path.stem, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder,
                       retention=keep_two)
    assert [c.doc_id for c in kept_copies(index_dir)] == [second.stem, first.stem]
    old = kept_copies(index_dir)[0].folder / "kept.json"  # the second removal, dated 40 days back
    meta = json.loads(old.read_text(encoding="utf-8"))
    old.write_text(json.dumps({**meta, "at": (datetime.now(UTC) - timedelta(days=40)).isoformat()}), "utf-8")
    remove_article(third.stem, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder,
                   retention=keep_two)
    assert [c.doc_id for c in kept_copies(index_dir)] == [third.stem, first.stem]


def test_no_copies_kept_when_the_retention_is_zero(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    remove_article(_first(corpus).stem, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder,
                   retention=Retention(copies=0))
    assert kept_copies(index_dir) == []
