"""The articles of an add set against the corpus they join: a second copy of an article (at an address
already in it, or nearly the same text under another name) would be listed, cited and dated twice.

``force`` (``index add --force``) has one meaning for an upload and a fetched page alike: an address or a file name
is one article's, so an article at an indexed address, or named as an indexed one, replaces it; nearly the same
text under another name and address is another article that resembles it (a second outlet's copy of a wire
story, or a resemblance the screen got wrong), added beside it. Before, an upload at an indexed address became a
second article while the page fetched from that address replaced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from index.corpus_files import load_corpus
from index.documents import Document, parse_article
from index.duplicates import Duplicate, DuplicateFinder, normalise_url, resemblance, shingles
from index.furniture import story_text


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


def screen(incoming: list[Incoming], corpus_dir: Path, rejected: list[dict[str, str]], replaced: set[str],
           force: bool = False) -> list[tuple[str, bytes]]:
    """The articles to store, each with the file name to store it under: those neither at an address already in
    the corpus nor nearly the same text as an article in it (or as one accepted before them in this batch); the
    others are refused by id. ``replaced``: ids of articles a file of this add overwrites (the same name: how a
    moderator corrects an article), so they are not compared with it. With ``force`` the indexed article it is
    refused for is replaced (same name or address) or kept beside it (nearly the same text): see the module's
    docstring. Two articles of one add at one address are refused even then: neither is the indexed one."""
    indexed = load_corpus(corpus_dir)[0]
    by_id = {doc.doc_id: doc for doc in indexed}
    docs = [doc for doc in indexed if doc.doc_id not in replaced]
    finder = DuplicateFinder(docs)
    files = {doc.doc_id: doc.filename for doc in docs}
    kept: list[tuple[str, bytes]] = []
    for item in incoming:
        filename = item.filename
        there = by_id.get(Path(filename).stem)
        if there is not None and not force and (why := _another_article(there, item)):
            rejected.append({"file": item.label, "force": "replace", "reason": (
                f"{there.filename} in the corpus is another article ({why}), which a file of its name would "
                f"replace; rename this file to add it beside {there.doc_id}, or remove {there.doc_id} first")})
            continue
        duplicate = finder.find(item.urls, item.text)
        taken = {Path(name).stem for name, _ in kept}
        if duplicate is not None and force and duplicate.doc_id in files and duplicate.doc_id not in taken:
            if duplicate.by_address:  # stored under the indexed article's id, which it replaces
                filename = Path(files[duplicate.doc_id]).stem + Path(filename).suffix
            duplicate = None
        if duplicate is not None:
            batch = duplicate.doc_id not in files or duplicate.doc_id in taken
            # What ``force`` would do with it (nothing for a copy within this add), for the reply to say.
            forced = {} if batch else {"force": "replace" if duplicate.by_address else "beside"}
            rejected.append({"file": item.label, "duplicate_of": duplicate.doc_id, **forced,
                             "reason": _refusal(item, duplicate, files, taken)})
            continue
        finder.add(Path(filename).stem, item.urls, item.text)
        kept.append((filename, item.data))
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


def _refusal(item: Incoming, duplicate: Duplicate, files: dict[str, str], taken: set[str]) -> str:
    """Why a second copy is refused, and the way to replace the article with it. A newer version of an article
    (its text updated, at the same address) was told only "remove koo first": two builds, the article missing
    from answers between them. A file added under the article's own file name replaces it in one build (how
    ``add_articles`` takes corrections), so a file is told that name; a page's name comes from its address.
    ``taken``: the ids already given to articles of this add."""
    doc_id = duplicate.doc_id
    if doc_id not in files or doc_id in taken:
        return f"the same article as {doc_id}, added just before it in this same add ({duplicate.why})"
    said = f"already in the index as {doc_id} ({duplicate.why})"
    if item.page:
        return f"{said}; to replace it, remove {doc_id} first"
    return (f"{said}; to replace it with this version, add it named {files[doc_id]} (a file of an article's own "
            f"name replaces it in one step), or remove {doc_id} first")


def uploaded(filename: str, label: str, data: bytes) -> Incoming:
    doc = parse_article(data.decode("utf-8"), Path(filename).stem, filename)  # check_upload has read it
    return Incoming(label, filename, (doc.url,) if doc.url else (), doc.text, data, title=doc.title or "")
