"""Bringing back a removed or replaced article: the newest copy ``index.kept_articles`` holds of it, put back in the
corpus and rebuilt as one step under the build lock, as an add is (undone whole if the build fails)."""

from __future__ import annotations

import difflib
from pathlib import Path

from index import store
from index.article_match import indexed_articles
from index.build_report import BuildReport
from index.builder import build_locked
from index.change_journal import Journal, recover
from index.chunking import ChunkSpec
from index.corpus_files import article_paths
from index.corpus_writes import CorpusUndo, write_article
from index.embedding import EncoderProvider
from index.kept_articles import KeptCopy, newest, restorable
from index.lock_check import LockCheck

CLOSE_IDS = 3


class ArticleLive(ValueError):
    """An article of that id is in the index or the corpus folder: restoring would overwrite it."""

    def __init__(self, doc_id: str) -> None:
        super().__init__(doc_id)
        self.doc_id = doc_id


class NothingKept(KeyError):
    """No copy of that article is kept (never removed, or past the retention); ``close``: the restorable ids
    most like it, each with its title (``titles``), for a "did you mean"."""

    def __init__(self, given: str, close: list[str], titles: dict[str, str]) -> None:
        super().__init__(given)
        self.given = given
        self.close = close
        self.titles = titles

    def did_you_mean(self) -> str:
        named = [f"{doc_id!r} (“{self.titles[doc_id]}”)" if self.titles.get(doc_id) else repr(doc_id)
                 for doc_id in self.close]
        return f"; did you mean {' or '.join(named)}?" if named else ""


def live_ids(corpus_dir: Path, index_dir: Path) -> set[str]:
    """The ids a restore would overwrite: the live index's and the corpus folder's."""
    return {a.doc_id for a in indexed_articles(index_dir)} | {p.stem for p in article_paths(corpus_dir)}


def restore_article(
    given: str,
    corpus_dir: Path,
    index_dir: Path,
    *,
    model: str,
    encoder_provider: EncoderProvider,
    spec: ChunkSpec | None = None,
    still_held: LockCheck | None = None,
) -> tuple[BuildReport, KeptCopy]:
    """Put back the newest kept copy of the article ``given`` names (its id or file name) and rebuild; the
    report and the copy restored. ``ArticleLive`` when one of that id is live (it must be removed first, which
    keeps it in turn); ``NothingKept`` when no copy is kept. The copy stays kept: removed again, it is kept once."""
    store.require_corpus(corpus_dir, "restored")
    with store.build_lock(index_dir):
        recovered = recover(index_dir, corpus_dir)
        copy = None if "/" in given or given.startswith(".") else newest(index_dir, given)
        live = live_ids(corpus_dir, index_dir)
        if given in live or (copy is not None and copy.doc_id in live):
            raise ArticleLive(copy.doc_id if copy is not None else given)
        if copy is None:
            raise _nothing_kept(given, index_dir, live)
        undo = CorpusUndo(Journal(index_dir, "restore"))
        with undo.guarding():
            write_article(corpus_dir, copy.filename, copy.data(), undo)
            report = build_locked(corpus_dir, index_dir, model=model, encoder_provider=encoder_provider, spec=spec,
                                  still_held=still_held)
            report.notes[:0] = recovered
            return report, copy


def _nothing_kept(given: str, index_dir: Path, live: set[str]) -> NothingKept:
    """Suggesting the restorable articles whose id or title holds the words given, then ids spelled like it."""
    copies = restorable(index_dir, live)
    words = given.casefold().split()
    titled = [c.doc_id for c in copies if words and all(w in f"{c.doc_id} {c.title}".casefold() for w in words)]
    spelled = difflib.get_close_matches(given, [c.doc_id for c in copies], n=CLOSE_IDS)
    close = [doc_id for doc_id in dict.fromkeys([*titled, *spelled]) if doc_id != given][:CLOSE_IDS]
    return NothingKept(given, close, {c.doc_id: c.title for c in copies})
