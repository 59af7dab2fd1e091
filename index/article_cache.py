"""What each article yielded at its last build, kept by content, so a build redoes only what changed.

One entry per article file as it is now (doc id, file name and the sha256 of its bytes):
``<INDEX_DIR>.articles/<k[:2]>/<k>.json`` holds the parsed document, its sentences and chunks and each
extractor's result (``index.extractors``), every part under the key (rule versions, chunking settings,
context) it was computed with; ``<k>.<tag>.f32`` holds its vectors (raw little-endian float32: a build
reads thousands of them, and a header to parse for each would cost more than the data), one row per text
hash the JSON lists,
``tag`` being a digest of the model key and that list, so a JSON entry can only ever find the vectors it
describes. A part whose key no longer matches is recomputed, the others are used as they are.

Entries are written whole (a temporary file, then ``os.replace``), under the build lock, and only ever
describe one content, so a build killed at any point leaves every entry either old and right or new and
right. An entry that can't be read is a miss: logged and computed again. A full build (``--full``) reads
nothing from here and writes every entry afresh. Entries that no live article uses are pruned after each
published build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

import numpy as np

from index.documents import PARSE_VERSION, Document, parse_article

log = logging.getLogger(__name__)

VECTORS = ".f32"


def entry_key(doc_id: str, filename: str, sha256: str) -> str:
    return hashlib.sha256(f"{doc_id}\0{filename}\0{sha256}".encode()).hexdigest()[:40]


def part_key(*parts: Any) -> str:
    """A cache key from JSON-able parts (versions, settings, context)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]


class ArticleCache:
    """The entries under one root; ``read=False`` (a full build) ignores what is there."""

    def __init__(self, root: Path, read: bool = True) -> None:
        self.root = root
        self.read = read
        self._entries: dict[str, dict[str, Any] | None] = {}
        self.written: list[Path] = []  # files this build added (not replaced), for ``discard_written``

    def _path(self, key: str, suffix: str) -> Path:
        return self.root / key[:2] / f"{key}{suffix}"

    def entry(self, key: str) -> dict[str, Any] | None:
        """The stored entry (read once per build), or None."""
        if not self.read:
            return None
        if key not in self._entries:
            path = self._path(key, ".json")
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                self._entries[key] = loaded if isinstance(loaded, dict) else None
            except FileNotFoundError:
                self._entries[key] = None
            except (OSError, ValueError) as exc:
                log.warning("ignoring the damaged cache entry %s (%s); the article is analysed again", path, exc)
                self._entries[key] = None
        return self._entries[key]

    def vectors(self, key: str, tag: str, rows: int, width: int) -> np.ndarray | None:
        """The entry's vectors when the file holds exactly ``rows`` of ``width`` values."""
        if not self.read:
            return None
        path = self._path(key, f".{tag}{VECTORS}")
        try:
            flat = np.fromfile(path, dtype="<f4")
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("ignoring the damaged cache entry %s (%s); its texts are embedded again", path, exc)
            return None
        if flat.size != rows * width:
            log.warning("ignoring the damaged cache entry %s (%d values for %d×%d); its texts are embedded again",
                        path, flat.size, rows, width)
            return None
        return flat.reshape(rows, width)

    def parse(self, raw: str, doc_id: str, filename: str) -> Document:
        """``documents.parse_article``, answered from the entry of the same file content when there is one."""
        sha = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        entry = self.entry(entry_key(doc_id, filename, sha))
        if entry and entry.get("parse_version") == PARSE_VERSION and isinstance(entry.get("doc"), dict):
            try:
                return Document.from_dict(entry["doc"])
            except (KeyError, TypeError, ValueError):
                pass
        return parse_article(raw, doc_id, filename)

    def save(self, key: str, entry: dict[str, Any], vectors: np.ndarray | None, tag: str = "") -> None:
        """Write an entry whole: vectors first, so a JSON entry never names rows that are not there; then
        drop the entry's vectors of other tags (older rules or model)."""
        folder = self.root / key[:2]
        folder.mkdir(parents=True, exist_ok=True)
        temp = f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        finals = [self._path(key, f".{tag}{VECTORS}"), self._path(key, ".json")]
        new = [path for path in finals if not path.exists()]  # an entry replaced in place is kept on failure
        tmps = [folder / f"{key}{temp}{VECTORS}", folder / f"{key}{temp}.json"]
        try:  # a write that fails (a full disk) leaves no half-written file behind
            if vectors is not None:
                np.ascontiguousarray(vectors, dtype="<f4").tofile(tmps[0])
                os.replace(tmps[0], finals[0])
            tmps[1].write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            os.replace(tmps[1], finals[1])
        except BaseException:
            for path in (*tmps, *new):  # vectors without their JSON entry are no entry either
                path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                folder.rmdir()  # made for this entry alone, and empty
            raise
        self.written.extend(new)
        self._entries[key] = entry
        if vectors is not None:
            for other in folder.glob(f"{key}.*"):
                if other.name not in (f"{key}.{tag}{VECTORS}", f"{key}.json"):
                    other.unlink(missing_ok=True)

    def discard_written(self) -> None:
        """Delete the files this build added, for a build that failed for lack of space: they held the
        space the failed build needed, and stayed on the full disk until a later build succeeded."""
        for path in self.written:
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                path.parent.rmdir()  # only when empty
        self.written.clear()

    def prune(self, keep: set[str]) -> None:
        """Remove entries of article versions no longer in the corpus, and debris of killed builds."""
        if not self.root.is_dir():
            return
        for folder in self.root.iterdir():
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                key = path.name.split(".", 1)[0]
                if key not in keep or ".tmp-" in path.name:
                    path.unlink(missing_ok=True)
            if not any(folder.iterdir()):
                shutil.rmtree(folder, ignore_errors=True)
