"""On-disk layout of an index and its atomic replacement.

``INDEX_DIR`` is a symlink to one complete build folder in ``<INDEX_DIR>.builds/``. A build writes a new
folder, then swaps the link with ``os.replace`` (atomic on POSIX): a reader resolves the link once and
reads every file from that one folder, so it sees the old index or the new one, never a mix. A build that
dies leaves only a ``.tmp-*`` folder, which the next build removes.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1

MANIFEST = "manifest.json"
DOCS = "docs.jsonl"
CHUNKS = "chunks.jsonl"
SENTENCES = "sentences.npy"
CHUNK_VECTORS = "chunk_vectors.npy"
SENTENCE_VECTORS = "sentence_vectors.npy"
# Optional (builds before them lack both): (sentence row, start, end) of each figure, and the vectors of
# the words around it.
FIGURES = "figures.npy"
FIGURE_VECTORS = "figure_vectors.npy"
FAISS = "faiss.index"
BM25 = "bm25"
TERMS = "terms.json"
EVENTS = "events.jsonl"
# Optional (older builds lack it): aliases the articles define, short-form term -> long-form terms.
ALIASES = "aliases.json"

REQUIRED_FILES = (MANIFEST, DOCS, CHUNKS, SENTENCES, CHUNK_VECTORS, SENTENCE_VECTORS, FAISS, BM25, TERMS)


class BuildInProgress(RuntimeError):
    """Another build holds the lock; callers tell the user rather than queueing a second build."""


def builds_dir(index_dir: Path) -> Path:
    return index_dir.parent / f"{index_dir.name}.builds"


def encoders_dir(index_dir: Path) -> Path:
    """ONNX exports of the model, shared by every build (``index.encoder_cache``)."""
    return index_dir.parent / f"{index_dir.name}.encoders"


def articles_dir(index_dir: Path) -> Path:
    """What each article yields (sentences, figures, events, vectors ...), by content (``index.article_cache``)."""
    return index_dir.parent / f"{index_dir.name}.articles"


def lock_path(index_dir: Path) -> Path:
    return index_dir.parent / f"{index_dir.name}.lock"


def live_dir(index_dir: Path) -> Path | None:
    """The complete build folder the index currently points at, or None when there is no index."""
    if index_dir.is_symlink():
        target = index_dir.resolve()
        return target if target.is_dir() else None
    if index_dir.is_dir() and (index_dir / MANIFEST).exists():
        return index_dir  # a plain folder (copied by hand): readable, replaced on the next build
    return None


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time across threads and processes; the OS drops the lock if the process dies."""
    path = lock_path(index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise BuildInProgress("an index build is already running") from exc
            raise
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def is_build_running(index_dir: Path) -> bool:
    path = lock_path(index_dir)
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def new_build_folder(index_dir: Path) -> Path:
    """A fresh temporary folder; call only while holding the build lock."""
    root = builds_dir(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.glob(".tmp-*"):
        # Under the lock no other build is writing, so any temp folder is debris from a dead build.
        shutil.rmtree(stale, ignore_errors=True)
    folder = root / f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    return folder


def publish(index_dir: Path, tmp_folder: Path, keep: int = 2) -> Path:
    """Make a finished build live in one atomic step, then prune old builds."""
    root = builds_dir(index_dir)
    final = root / f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    _fsync_tree(tmp_folder)
    os.rename(tmp_folder, final)
    if index_dir.exists() and not index_dir.is_symlink():
        # A hand-made plain folder: move it aside so the link can take its name.
        os.rename(index_dir, root / f"legacy-{uuid.uuid4().hex[:8]}")
    link_tmp = index_dir.parent / f".{index_dir.name}.link-{uuid.uuid4().hex[:8]}"
    os.symlink(os.path.relpath(final, index_dir.parent), link_tmp)
    os.replace(link_tmp, index_dir)
    _fsync_dir(index_dir.parent)
    _prune(root, final, keep)
    return final


def _prune(root: Path, current: Path, keep: int) -> None:
    """Keep the newest ``keep`` builds: a process still loading the previous one finds it intact."""
    builds = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".tmp-")),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[keep:]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
