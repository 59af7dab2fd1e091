"""The articles of an add set against the corpus they join: a second copy of an article (at an address
already in it, or nearly the same text under another name) would be listed, cited and dated twice, and a
page added again with ``force`` must replace its file rather than become a second article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from index.corpus_files import load_corpus
from index.documents import Document, parse_article
from index.duplicates import DuplicateFinder, normalise_url, resemblance, shingles
from index.furniture import story_text
from index.web_article import WebArticle


@dataclass(frozen=True)
class Incoming:
    """An article of this add, as the duplicate screen reads it."""

    label: str  # what the moderator gave: a file name or an address
    filename: str
    urls: tuple[str, ...]
    text: str
    data: bytes
    page: bool = False  # fetched from its address (or a saved page): its file name is not the moderator's
    title: str = ""


def screen(incoming: list[Incoming], corpus_dir: Path, rejected: list[dict[str, str]], replaced: set[str]
           ) -> list[tuple[str, bytes]]:
    """The articles that are neither at an address already in the corpus nor nearly the same text as an
    article in it (or as one accepted before them in this batch); the others are refused by id. ``replaced``:
    ids of articles a file of this add overwrites (the same name: how a moderator corrects an article), so
    they are not compared with it. A page fetched again is refused, as before; ``force`` updates it."""
    indexed = load_corpus(corpus_dir)[0]
    by_id = {doc.doc_id: doc for doc in indexed}
    docs = [doc for doc in indexed if doc.doc_id not in replaced]
    finder = DuplicateFinder(docs)
    files = {doc.doc_id: doc.filename for doc in docs}
    kept: list[tuple[str, bytes]] = []
    for item in incoming:
        there = by_id.get(Path(item.filename).stem)
        if there is not None and (why := _another_article(there, item)):
            rejected.append({"file": item.label, "reason": (
                f"{there.filename} in the corpus is another article ({why}), which a file of its name would "
                f"replace; rename this file to add it beside {there.doc_id}, or remove {there.doc_id} first")})
            continue
        duplicate = finder.find(item.urls, item.text)
        if duplicate is not None:
            rejected.append({"file": item.label, "duplicate_of": duplicate.doc_id,
                             "reason": _refusal(item, duplicate.doc_id, duplicate.why, files)})
            continue
        finder.add(Path(item.filename).stem, item.urls, item.text)
        kept.append((item.filename, item.data))
    return kept


def _another_article(there: Document, item: Incoming) -> str:
    """Why ``item``, to be stored under ``there``'s file name, is not a version of it, or "". A file of an
    article's own name replaces it (how an article is corrected), so a different story saved under a common name
    ("article.md", "news.txt") silently took an indexed article's place, the report saying only "changed". An
    address names one article, so two different addresses are two; without one, a correction keeps its title or
    some of its phrases, so a new title and not one 4-word phrase in common are another article."""
    mine = {normalise_url(url) for url in item.urls}
    if there.url and mine and normalise_url(there.url) not in mine:
        return f"at {there.url}"
    same_title = (there.title or "").casefold().strip() == item.title.casefold().strip()
    if not same_title and resemblance(shingles(story_text(there.text)), shingles(story_text(item.text))) == 0.0:
        return f"“{there.title}”, sharing no phrase with this one" if there.title else "sharing no phrase with this one"
    return ""


def _refusal(item: Incoming, doc_id: str, why: str, files: dict[str, str]) -> str:
    """Why a second copy is refused, and the way to replace the article with it. A newer version of an article
    (its text updated, at the same address) was told only "remove koo first": two builds, the article missing
    from answers between them. A file added under the article's own file name replaces it in one build (how
    ``add_articles`` takes corrections), so a file is told that name; a page's name comes from its address."""
    said = f"already in the index as {doc_id} ({why})"
    if item.page or doc_id not in files:
        return f"{said}; to replace it, remove {doc_id} first"
    return (f"{said}; to replace it with this version, add it named {files[doc_id]} (a file of an article's own "
            f"name replaces it in one step), or remove {doc_id} first")


def uploaded(filename: str, label: str, data: bytes) -> Incoming:
    doc = parse_article(data.decode("utf-8"), Path(filename).stem, filename)  # check_upload has read it
    return Incoming(label, filename, (doc.url,) if doc.url else (), doc.text, data, title=doc.title or "")


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
