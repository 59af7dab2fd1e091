"""The articles of an add set against the corpus they join: a second copy of an article (at an address
already in it, or nearly the same text under another name) would be listed, cited and dated twice, and a
page added again with ``force`` must replace its file rather than become a second article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from index.corpus_files import load_corpus
from index.documents import parse_article
from index.duplicates import DuplicateFinder, normalise_url
from index.web_article import WebArticle


@dataclass(frozen=True)
class Incoming:
    """An article of this add, as the duplicate screen reads it."""

    label: str  # what the moderator gave: a file name or an address
    filename: str
    urls: tuple[str, ...]
    text: str
    data: bytes


def screen(incoming: list[Incoming], corpus_dir: Path, rejected: list[dict[str, str]], replaced: set[str]
           ) -> list[tuple[str, bytes]]:
    """The articles that are neither at an address already in the corpus nor nearly the same text as an
    article in it (or as one accepted before them in this batch); the others are refused by id. ``replaced``:
    ids of articles a file of this add overwrites (the same name: how a moderator corrects an article), so
    they are not compared with it. A page fetched again is refused, as before; ``force`` updates it."""
    finder = DuplicateFinder(doc for doc in load_corpus(corpus_dir)[0] if doc.doc_id not in replaced)
    kept: list[tuple[str, bytes]] = []
    for item in incoming:
        duplicate = finder.find(item.urls, item.text)
        if duplicate is not None:
            rejected.append({
                "file": item.label, "duplicate_of": duplicate.doc_id,
                "reason": f"already in the index as {duplicate.doc_id} ({duplicate.why}); to replace it, "
                          f"remove {duplicate.doc_id} first"})
            continue
        finder.add(Path(item.filename).stem, item.urls, item.text)
        kept.append((item.filename, item.data))
    return kept


def uploaded(filename: str, label: str, data: bytes) -> Incoming:
    doc = parse_article(data.decode("utf-8"), Path(filename).stem, filename)  # check_upload has read it
    return Incoming(label, filename, (doc.url,) if doc.url else (), doc.text, data)


def same_files(pages: list[tuple[WebArticle, str, bytes]], corpus_dir: Path) -> list[tuple[str, bytes]]:
    """Pages added again with ``force``: one at an address already in the corpus replaces that article's file.
    Its new name comes from its title, which may have changed since ("… again after row over steel"), so
    without this the same page became a second article."""
    known = {normalise_url(doc.url): doc.filename for doc in load_corpus(corpus_dir)[0] if doc.url}
    kept = []
    for article, filename, data in pages:
        existing = next((known[u] for u in map(normalise_url, article.urls) if u in known), None)
        kept.append((existing or filename, data))
    return kept
