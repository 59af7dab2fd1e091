"""``index remove`` where the article's file is not where the index says: no corpus folder at all (a wrong
CORPUS_DIR), or a file deleted by hand. Both refused "No article with id 'x'; did you mean 'x'?", the very id
asked for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index import store
from index.article_names import NoSuchArticle
from index.embedding import DEFAULT_MODEL, Encoder
from index.manage import remove_article


def _first_id(index_dir: Path) -> str:
    return str(store.read_jsonl((store.live_dir(index_dir) or index_dir) / "docs.jsonl")[0]["doc_id"])


def test_removing_with_no_corpus_folder_says_so(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    doc_id = _first_id(index_dir)
    shutil.rmtree(corpus)
    with pytest.raises(store.CorpusError, match=r"no corpus folder at .*\(CORPUS_DIR\); nothing was removed"):
        remove_article(doc_id, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)


def test_a_refused_name_is_never_its_own_suggestion(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    doc_id = _first_id(index_dir)
    for path in corpus.glob(f"{doc_id}.*"):
        path.unlink()  # deleted by hand: still in the index until the next build
    with pytest.raises(NoSuchArticle) as refused:
        remove_article(doc_id, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    assert doc_id not in refused.value.close


def test_an_indexed_article_whose_file_is_gone_is_said_to_be_still_served(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """Its file deleted by hand, an article the index still answers from was refused as "No article with id 'x'",
    which /sources, listing it, contradicted; nothing said what takes it out of the answers."""
    corpus, index_dir = built_copy
    doc_id = _first_id(index_dir)
    [path] = corpus.glob(f"{doc_id}.*")
    path.unlink()
    for given in (doc_id, path.name):
        with pytest.raises(NoSuchArticle) as refused:
            remove_article(given, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
        told = refused.value.did_you_mean()
        assert "the index still holds it" in told and "a rebuild of the index drops it" in told, told
    assert doc_id in {d["doc_id"] for d in store.read_jsonl((store.live_dir(index_dir) or index_dir) / "docs.jsonl")}
