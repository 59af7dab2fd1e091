"""Moderator operations on the corpus: add and remove (status: ``index.index_status``). Each change and its
rebuild are one step under the build lock, so two moderators can never interleave a half-applied change."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index import store
from index.add_notes import reading_note, written_notes
from index.add_screen import Incoming, screen, uploaded
from index.article_match import indexed_articles, matching
from index.article_names import CLOSE_IDS, NoSuchArticle, close_ids, named_files
from index.build_report import BuildReport
from index.builder import ProgressCallback, build_locked
from index.change_journal import Journal, recover
from index.chunking import ChunkSpec
from index.corpus_files import article_paths
from index.corpus_writes import CorpusUndo, write_article
from index.documents import ARTICLE_SUFFIXES
from index.embedding import EncoderProvider
from index.front_matter import unlinked_url
from index.index_status import index_status
from index.kept_articles import Retention, SetAside
from index.lock_check import LockCheck
from index.pdf_article import is_pdf
from index.text_decoding import utf8_bytes
from index.upload_checks import MAX_STEM, Upload, check_upload, pdf_upload, safe_filename
from index.url_note import unlinked_url_note
from index.web_article import NoArticleText, WebArticle, is_saved_page, saved_page_article

# Checking an upload and reading the status live in their own modules; named here too, as callers import them.
__all__ = ["MAX_STEM", "AddOutcome", "Upload", "add_articles", "check_upload", "index_status", "pdf_upload",
           "remove_article", "safe_filename"]

log = logging.getLogger(__name__)


@dataclass
class AddOutcome:
    report: BuildReport | None
    stored: list[str] = field(default_factory=list)  # file names written into the corpus
    rejected: list[dict[str, str]] = field(default_factory=list)
    notes: list[dict[str, str]] = field(default_factory=list)  # added, but worth a moderator's look

    def change(self) -> dict[str, Any]:
        """The build's report with the notes, as moderators are shown an add."""
        if self.report is None:
            raise ValueError("nothing was built")
        report = self.report.to_dict()
        return {**report, "notes": [*report["notes"], *self.notes]}


def add_articles(
    uploads: list[Upload],
    corpus_dir: Path,
    index_dir: Path,
    *,
    model: str,
    encoder_provider: EncoderProvider,
    max_bytes: int,
    spec: ChunkSpec | None = None,
    progress: ProgressCallback | None = None,
    web_articles: Sequence[WebArticle] = (),
    force: bool = False,
    still_held: LockCheck | None = None,
    retention: Retention | None = None,
) -> AddOutcome:
    """Copy the acceptable uploads and fetched pages into the corpus and rebuild once.

    A file with the same name is replaced (a page's file name comes from its address). A file or page
    already in the corpus under another name, by address or nearly the same text, is refused unless
    ``force``: a second copy would be listed, cited and dated twice. With ``force``, one at an indexed address
    replaces that article and one of nearly the same text is added beside it (``index.add_screen``). Raises
    ``store.BuildInProgress`` (and changes nothing) when another build is running. ``still_held``: the
    caller's lock around this one, asked before publishing (``index.lock_check``). A file replaced is kept
    for ``index restore`` within ``retention`` (``index.kept_articles``).
    """
    outcome = AddOutcome(report=None)
    accepted: list[tuple[str, bytes]] = []
    named: dict[str, str] = {}  # article id -> what this add took it from

    def take(name: str, given: str) -> str:
        """Two files of one add that clean to one name ("my article.md", "my-article.md") would be one file:
        the second is refused instead of silently replacing the first."""
        doc_id = Path(name).stem
        if doc_id in named:
            raise ValueError(f"it would be stored as {doc_id}, like {named[doc_id]} in this same add; rename one")
        named[doc_id] = given
        return name

    given_names: list[str] = []
    for upload in uploads:
        if is_saved_page(upload.name):  # read as its page would be when fetched, then added like one
            try:
                web_articles = [*web_articles, saved_page_article(upload.name, upload.data)]
            except NoArticleText as exc:
                outcome.rejected.append({"file": upload.name, "reason": str(exc)})
            continue
        try:
            as_text = pdf_upload(upload) if is_pdf(upload.name) else upload  # converted once, then added as .md
            # Stored as UTF-8 whatever it was saved in, so the corpus folder holds UTF-8 only.
            accepted.append((take(check_upload(as_text, max_bytes), upload.name), utf8_bytes(as_text.data)))
            given_names.append(upload.name)
        except ValueError as exc:  # PdfRefused among them
            outcome.rejected.append({"file": upload.name, "reason": str(exc)})
    pages: list[tuple[WebArticle, str, bytes]] = []
    for article in web_articles:
        upload = Upload(article.filename(), article.markdown().encode("utf-8"))
        try:
            pages.append((article, take(check_upload(upload, max_bytes), article.requested_url), upload.data))
        except ValueError as exc:
            outcome.rejected.append({"file": article.requested_url, "reason": str(exc)})
    if not accepted and not pages:
        return outcome
    store.require_corpus(corpus_dir, "added")
    with store.build_lock(index_dir):
        # Before anything is screened against the corpus: an add a killed process left half done is undone.
        outcome.notes += [{"file": n.filename, "note": n.reason} for n in recover(index_dir, corpus_dir)]
        kept = screen([uploaded(name, given, data) for (name, data), given in zip(accepted, given_names, strict=True)]
                      + [Incoming(a.requested_url, name, tuple(a.urls), a.text, data, page=True, title=a.title or "")
                         for a, name, data in pages],
                      corpus_dir, outcome.rejected, {Path(name).stem for name, _ in accepted}, force)
        undo = CorpusUndo(Journal(index_dir, "add"), SetAside(index_dir, "replaced", retention or Retention()))
        same = {filename for filename, data in kept if _holds(corpus_dir / filename, data)}
        with undo.guarding():
            for filename, data in kept:
                write_article(corpus_dir, filename, data, undo)
                outcome.stored.append(filename)
                text = data.decode("utf-8", errors="replace")
                note = reading_note(text)
                if note is not None:
                    outcome.notes.append({"file": filename, "note": note})
                if (url := unlinked_url(text)) is not None:
                    outcome.notes.append({"file": filename, "note": unlinked_url_note(url)})
            if not outcome.stored:
                return outcome
            outcome.report = build_locked(corpus_dir, index_dir, model=model, encoder_provider=encoder_provider,
                                          spec=spec, progress=progress, still_held=still_held)
        outcome.notes += _unchanged_notes(same, outcome.report)
        # After the undo's reach: the build is live, and a note that can't be made must not take it back.
        try:
            outcome.notes += written_notes(index_dir, [*outcome.report.added_docs, *outcome.report.changed_docs])
        except (OSError, ValueError, KeyError) as exc:
            log.warning("could not compare the added articles' dates and titles with the others': %s", exc)
    return outcome


def _holds(path: Path, data: bytes) -> bool:
    """Whether the corpus file ``path`` already holds exactly ``data``."""
    try:
        return path.is_file() and path.read_bytes() == data
    except OSError:
        return False


def _unchanged_notes(same: set[str], report: BuildReport) -> list[dict[str, str]]:
    """A note for each file of an add that was already indexed byte for byte (a moderator adding a file a second
    time): the reply was "Index already up to date", naming no file, so it read as if the add had been lost. A file
    put in the corpus folder by hand and never built is reported as added instead."""
    built = {*report.added_docs, *report.changed_docs}
    return [{"file": name, "note": f"already in the index as {Path(name).stem} with exactly this text: nothing "
             "changed (a corrected version under the same name replaces it)"}
            for name in sorted(same) if Path(name).stem not in built]


def remove_article(
    doc_id: str,
    corpus_dir: Path,
    index_dir: Path,
    *,
    model: str,
    encoder_provider: EncoderProvider,
    spec: ChunkSpec | None = None,
    still_held: LockCheck | None = None,
    retention: Retention | None = None,
) -> BuildReport:
    """Delete the article whose file stem is ``doc_id`` (or whose file is named ``doc_id``: "koo.md", as the
    moderator sees it in the corpus folder; or that was added as ``doc_id``: "koo surge (1).txt") and rebuild;
    ``NoSuchArticle`` (a ``KeyError``, with the ids most like it) if there is none. Its file is kept for
    ``index restore`` within ``retention`` (``index.kept_articles``)."""
    # Before the name is looked up: it was "no article with id 'x' …; did you mean 'x'", the one asked for.
    store.require_corpus(corpus_dir, "removed")
    with store.build_lock(index_dir):
        recovered = recover(index_dir, corpus_dir)
        found = named_files(corpus_dir, doc_id, safe_filename)
        if not found or "/" in doc_id or doc_id.startswith("."):
            raise _no_such_article(doc_id, corpus_dir, index_dir)
        if len({p.stem for p in found}) > 1:
            # Saved pages are often all "page.html": the name they were added under may name several articles,
            # and removing it removed every one of them.
            ids = ", ".join(sorted({p.stem for p in found}))
            raise store.CorpusError(f"{doc_id} names {len({p.stem for p in found})} articles ({ids}); nothing was "
                                    "removed: remove the one you mean by its id.")
        if len(article_paths(corpus_dir)) == len(found):
            raise store.CorpusError(f"{doc_id} is the only article: the index needs at least one. Add another "
                                    "article first, then remove this one.")
        undo = CorpusUndo(Journal(index_dir, "remove"), SetAside(index_dir, "removed", retention or Retention()))
        with undo.guarding():
            for path in found:
                undo.keep(path, None)
                path.unlink()
            report = build_locked(corpus_dir, index_dir, model=model, encoder_provider=encoder_provider, spec=spec,
                                  still_held=still_held)
            report.notes[:0] = recovered
            return report


def _no_such_article(given: str, corpus_dir: Path, index_dir: Path) -> NoSuchArticle:
    """The refusal of a name that matches no article, suggesting the articles whose title holds its words (as
    the Discord autocomplete offers them: "Koo crosses", words of a headline, was offered no article at all),
    then the ids spelled most like it, each named with its title."""
    articles = indexed_articles(index_dir)
    titled = [a.doc_id for a in matching(articles, given)] if given.strip() else []
    close = [doc_id for doc_id in dict.fromkeys([*titled[:CLOSE_IDS], *close_ids(corpus_dir, given, safe_filename)])
             if doc_id != given][:CLOSE_IDS]  # never the name just refused
    named = {given, Path(given).stem} if Path(given).suffix.lower() in ARTICLE_SUFFIXES else {given}
    unfiled = any(a.doc_id in named for a in articles)
    return NoSuchArticle(given, [] if unfiled else close, {a.doc_id: a.title for a in articles}, unfiled)
