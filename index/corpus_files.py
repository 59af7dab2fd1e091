"""Reading the corpus folder: which files are articles, and loading each one so that a bad file is reported and
skipped, never stopping a build. Parsing one article's text is ``index.documents``' job; this module deals with
files (reading bytes, decoding, refusing binaries, noting unreadable dates for the build's report)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.date_problems import date_problem
from index.documents import ARTICLE_SUFFIXES, Document, parse_article
from index.front_matter import ArticleProblem, front_matter_problem
from index.store import DOCS, read_jsonl
from index.text_decoding import decode_article

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SkippedFile:
    filename: str
    reason: str


def article_paths(corpus_dir: Path) -> list[Path]:
    """Article files in a stable order (doc ids are file stems, so order decides nothing but output). A link that
    leads to no file is listed too, for ``load_article`` to say so: left out, an indexed one was dropped from the
    index as if a moderator had removed it, and any other went unmentioned."""
    if not corpus_dir.is_dir():
        return []
    return sorted(
        p for p in corpus_dir.iterdir()
        if p.suffix.lower() in ARTICLE_SUFFIXES and (p.is_file() or _leads_nowhere(p))
    )


def _leads_nowhere(path: Path) -> bool:
    """A symbolic link whose target is gone (moved, on a disk not mounted) or is a loop of links."""
    return path.is_symlink() and not path.exists()


Parser = Callable[[str, str, str], Document]
# The version of an article the live index holds, by doc id (None: it holds none): what a build keeps of an
# article whose file is there but can't be read.
Indexed = Callable[[str], Document | None]


class Unreadable(ValueError):
    """The file is there but can't be read (its permissions, a disk error): not a change its article's
    moderator made, unlike a file deleted or rewritten."""


def indexed_versions(live: Path | None) -> Indexed:
    """The articles of the live build folder ``live`` as it holds them (its ``docs.jsonl``, read once and only
    if asked): none when there is no index or it can't be read."""
    held: list[dict[str, Document]] = []

    def version(doc_id: str) -> Document | None:
        if not held:
            held.append({})
            if live is not None:
                try:
                    held[0] = {d["doc_id"]: Document.from_dict(d) for d in read_jsonl(live / DOCS)}
                except (OSError, ValueError, KeyError, TypeError) as exc:
                    log.warning("could not read the live index's articles (%s)", exc)
        return held[0].get(doc_id)

    return version


def parsed_article(data: bytes, stem: str, name: str, parse: Parser = parse_article) -> tuple[str, Document]:
    """A file's text and the article ``parse`` reads from it, for the corpus and for an upload alike; a
    ``ValueError`` with the reason when it is no text (``NotText``), binary, or its front matter is malformed."""
    raw = decode_article(data)  # NotText is a ValueError with the reason
    if "\x00" in raw:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return raw, parse(raw, stem, name)
    except ArticleProblem:
        raise
    except Exception as exc:  # malformed YAML front matter and the like
        raise ValueError(front_matter_problem(exc)) from exc


def load_article(path: Path, parse: Parser = parse_article, notes: list[SkippedFile] | None = None) -> Document:
    """Read one article; raises ``ValueError`` with a readable reason when it can't be used. A date that can't be
    read ("2021-02-30", "10/02/2021") leaves the article undated, and why is added to ``notes`` (the build's report:
    a file put in the corpus by hand was built undated with only "cannot read the date" in the log, without the
    file's name shown where a moderator looks)."""
    if _leads_nowhere(path):  # there, but not readable now: as a disk error is (an indexed article is kept)
        raise Unreadable(f"a symbolic link to {os.readlink(path)}, which leads to no file (moved, on a disk not "
                         "mounted, or a loop of links)")
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:  # deleted since the folder was listed: as good as removed
        raise ValueError(f"cannot read: {exc.strerror or exc}") from exc
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror or exc}") from exc
    raw, doc = parsed_article(data, path.stem, path.name, parse)
    if not doc.text.strip():
        raise ValueError("empty article")
    if (problem := date_problem(raw, doc.date, doc.text)) is not None:
        log.warning("%s: %s; the article is undated", path.name, problem)
        if notes is not None:
            notes.append(SkippedFile(path.name, f"{problem}; it is indexed undated until then"))
    return doc


def load_corpus(corpus_dir: Path, parse: Parser = parse_article, notes: list[SkippedFile] | None = None,
                indexed: Indexed | None = None) -> tuple[list[Document], list[SkippedFile]]:
    """Load every article; a bad file is reported and skipped so one file never stops a build. ``parse`` may
    answer from a cache of parsed articles; ``notes`` gathers what a moderator should fix in a file that was
    loaded (``load_article``).

    With ``indexed``, an indexed article whose file is there but can't be read keeps the version the live index
    holds, with a note saying why: it was dropped from the index ("no longer indexed, as its file can't be
    read"), though nobody had removed it, by the next build anyone made, for a permission changed by hand or a
    failing disk. A file deleted, or rewritten with something that is no article, is still a change."""
    docs: list[Document] = []
    skipped: list[SkippedFile] = []
    seen: dict[str, str] = {}
    for path in article_paths(corpus_dir):
        try:
            doc = load_article(path, parse, notes)
        except Unreadable as exc:
            kept = indexed(path.stem) if indexed is not None else None
            if kept is None or kept.filename != path.name:
                log.warning("skipping %s: %s", path.name, exc)
                skipped.append(SkippedFile(path.name, str(exc)))
                continue
            log.warning("%s: %s; keeping the version the live index holds", path.name, exc)
            if notes is not None:
                notes.append(SkippedFile(path.name, f"{exc}, so the index keeps the version it last held; make the "
                                         f"file readable again, or remove the article ({kept.doc_id})"))
            doc = kept
        except ValueError as exc:
            log.warning("skipping %s: %s", path.name, exc)
            skipped.append(SkippedFile(path.name, str(exc)))
            continue
        if doc.doc_id in seen:
            reason = f"duplicate doc id {doc.doc_id!r} (already loaded from {seen[doc.doc_id]})"
            log.warning("skipping %s: %s", path.name, reason)
            skipped.append(SkippedFile(path.name, reason))
            continue
        seen[doc.doc_id] = path.name
        docs.append(doc)
    return docs, skipped
