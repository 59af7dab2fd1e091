"""Removed and replaced articles, kept so a moderator can bring one back (``index restore``, /restore-article).

A removal deleted the article's file for good, and an add of a file of the same name overwrote the old text for
good; the history keeps only title and address. So every corpus file a change deletes or overwrites is copied
first into ``<INDEX_DIR>.removed/``, one folder per copy (the file as it was, under its own name, and
``kept.json``: its id, title, date, when and why). That folder sits beside the index's builds and journal:

- outside the corpus folder, so no build, corpus scan or seeding ever reads it (the shipped articles are copied
  only into a corpus folder with no article, and a kept copy in it would be one);
- on the index's volume, which replicas share (``docs/deploy.md``): a removal made through one replica can be
  restored through any other, and every write happens under the one build lock.

Copies are made before the change touches the corpus, so a process killed mid-change loses nothing; a change
that is undone drops its copies again. Retention bounds the disk: the newest ``copies``, none older than ``days``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from index.change_titles import article_heads
from index.documents import parse_article
from index.store import live_dir

log = logging.getLogger(__name__)

META = "kept.json"
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Retention:
    """How many copies are kept at most (0: none, so nothing can be restored) and for how many days."""

    copies: int = 200
    days: int = 90


def kept_dir(index_dir: Path) -> Path:
    return index_dir.parent / f"{index_dir.name}.removed"


@dataclass(frozen=True)
class KeptCopy:
    """One file as a change found it before deleting (``why`` "removed") or overwriting it ("replaced")."""

    folder: Path
    doc_id: str
    filename: str
    why: str
    at: datetime  # aware, UTC
    title: str
    date: str | None
    date_estimated: bool = False

    def data(self) -> bytes:
        return (self.folder / self.filename).read_bytes()

    def names(self, given: str) -> bool:
        """Whether a moderator's ``given`` names this copy: its id or its file's name."""
        return given in (self.doc_id, self.filename)


def kept_copies(index_dir: Path) -> list[KeptCopy]:
    """Every kept copy, newest first; a folder that can't be read is left out (and logged), never fatal."""
    root = kept_dir(index_dir)
    if not root.is_dir():
        return []
    found: list[KeptCopy] = []
    for folder in root.iterdir():
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        try:
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
            copy = KeptCopy(folder, str(meta["doc_id"]), str(meta["filename"]), str(meta["why"]),
                            datetime.fromisoformat(meta["at"]), str(meta.get("title") or ""), meta.get("date"),
                            bool(meta.get("date_estimated")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("a kept article's folder %s can't be read (%s); left out", folder, exc)
            continue
        if (folder / copy.filename).is_file():
            found.append(copy)
    return sorted(found, key=lambda c: (c.at, c.folder.name), reverse=True)


def newest(index_dir: Path, given: str) -> KeptCopy | None:
    """The newest copy ``given`` names, by id or file name."""
    return next((c for c in kept_copies(index_dir) if c.names(given)), None)


def restorable(index_dir: Path, live: set[str]) -> list[KeptCopy]:
    """The newest copy of each article not in ``live`` (the ids in the index or the corpus folder), newest first."""
    seen: set[str] = set()
    found = []
    for copy in kept_copies(index_dir):
        if copy.doc_id not in seen and copy.doc_id not in live:
            seen.add(copy.doc_id)
            found.append(copy)
    return found


def prune(index_dir: Path, retention: Retention, now: datetime | None = None) -> None:
    """Delete the copies past ``retention`` and what a killed process left half written; under the build lock."""
    root = kept_dir(index_dir)
    if not root.is_dir():
        return
    for debris in root.glob(".tmp-*"):
        shutil.rmtree(debris, ignore_errors=True)
    oldest = (now or datetime.now(UTC)) - timedelta(days=retention.days)
    for i, copy in enumerate(kept_copies(index_dir)):
        if i >= retention.copies or copy.at < oldest:
            shutil.rmtree(copy.folder, ignore_errors=True)


class SetAside:
    """One change's copies: made before it touches each file, dropped if the change is undone."""

    def __init__(self, index_dir: Path, why: str, retention: Retention) -> None:
        self._index_dir = index_dir
        self._why = why
        self._retention = retention
        self._made: list[Path] = []
        self._heads: dict[str, dict[str, Any]] | None = None
        self._pruned = False

    def keep(self, path: Path, after: bytes | None) -> None:
        """Copy ``path`` aside when the change would lose it (it will be deleted, or hold other bytes)."""
        if self._retention.copies < 1 or not path.is_file():
            return
        data = path.read_bytes()
        if data == after:
            return
        if not self._pruned:  # old copies first, so a full kept folder never stops a change
            prune(self._index_dir, self._retention)
            self._pruned = True
        last = newest(self._index_dir, path.stem)
        if last is not None and last.filename == path.name and last.data() == data:
            return  # the newest copy is this very text: a second would only push an older version out
        self._made.append(self._write(path, data))

    def discard(self) -> None:
        """The change was undone: its files are back, and copies of them would only crowd out older ones."""
        for folder in self._made:
            shutil.rmtree(folder, ignore_errors=True)
        self._made.clear()

    def _write(self, path: Path, data: bytes) -> Path:
        root = kept_dir(self._index_dir)
        root.mkdir(parents=True, exist_ok=True)
        now = datetime.now(UTC)
        final = root / f"{now.strftime(_STAMP)}-{uuid.uuid4().hex[:6]}"
        tmp = root / f".tmp-{final.name}"
        tmp.mkdir()
        try:
            (tmp / path.name).write_bytes(data)
            meta = {"doc_id": path.stem, "filename": path.name, "why": self._why,
                    "at": now.isoformat(timespec="microseconds"), **self._head(path, data)}
            (tmp / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return final

    def _head(self, path: Path, data: bytes) -> dict[str, Any]:
        """The title and date moderators saw the article under: the live index's, else read from the file (one
        put in the corpus folder by hand and never built)."""
        if self._heads is None:
            self._heads = article_heads(live_dir(self._index_dir))
        if path.stem in self._heads:
            return self._heads[path.stem]
        try:
            doc = parse_article(data.decode("utf-8", errors="replace"), path.stem, path.name)
        except Exception:  # any file, even one that is no article, is kept; only its title is unknown
            return {"title": "", "date": None, "date_estimated": False}
        return {"title": doc.title, "date": doc.date, "date_estimated": doc.date_estimated}
