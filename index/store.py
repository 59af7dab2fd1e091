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
import functools
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index import build_folders
from index.lock_check import LockCheck, confirm
from index.lock_check import LockLost as LockLost  # raised by ``publish``; callers catch it as ``store.LockLost``

FORMAT_VERSION = 1
# A build finding the lock taken looks again this many times, this far apart, before it is "already running".
LOCK_ATTEMPTS = 10
LOCK_RETRY_SECONDS = 0.05

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


# A setup mistake as chat shows it: the operator's log has the path.
SETUP_IN_CHAT = ("The bot's {} setting points at the wrong place, so nothing was changed. Whoever runs the bot "
                 "can see which folder in its log.")


class CorpusError(ValueError):
    """A build or change the corpus can't take (no corpus folder, no article left); the message says why and
    the live index is left as it was."""

    def __init__(self, message: str, in_chat: str | None = None) -> None:
        super().__init__(message)
        # What a moderator in chat is told: a setup mistake's message names the server's folders, which are
        # the operator's to see and fix, not every moderator's.
        self.in_chat = in_chat or message


def require_corpus(corpus_dir: Path, undone: str) -> None:
    """Raise ``CorpusError`` when ``corpus_dir`` is no folder (a typo in CORPUS_DIR, or run from another folder):
    never a second corpus made there. ``undone``: what was not done, "added", "built"."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"There is no corpus folder at {corpus_dir} (CORPUS_DIR); nothing was {undone}.",
                          SETUP_IN_CHAT.format("CORPUS_DIR"))


class NewerFormat(CorpusError):
    """The live index was written by a newer release, in a format this one can't read. Rebuilding it here would
    replace it with the older format under the replicas already upgraded (a rolling deploy), so builds refuse
    unless the operator asks for it (``index build --full``, e.g. after rolling back)."""

    def __init__(self, index_dir: Path, found: object) -> None:
        super().__init__(
            f"The index at {index_dir} has format {found}, written by a newer release of dispute-bot; this release "
            f"reads format {FORMAT_VERSION}, so it was left as it was. Upgrade this replica (to replace the index "
            "with this release's format anyway, after rolling back: dispute-bot index build --full).",
            "The index was written by a newer release of the bot than this one runs, so it was left as it was; "
            "whoever runs the bot needs to upgrade it.")


def newer_format(found: object) -> bool:
    """Whether a manifest's ``format`` is one a later release wrote (this one can't read it, and must not
    overwrite it unasked). An older or missing format is just stale: the next build replaces it."""
    return isinstance(found, int) and not isinstance(found, bool) and found > FORMAT_VERSION


class ManifestUnreadable(RuntimeError):
    """The live index's manifest is missing or damaged; the message names it and the fix."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"The index file {path} {problem}. Rebuild the index with: dispute-bot index build --full")


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


@functools.lru_cache(maxsize=64)
def _target(index_dir: Path, link: str) -> Path:
    """Where ``link``, the text of the ``index_dir`` symlink, leads, as ``Path.resolve`` says. Every question
    asks where the index points (to load a build another process published): one ``readlink`` a question, and
    resolving (a system call per folder of the path, 0.1 ms) only when the link was swapped. Builds get folders
    of their own, so a link's text never comes back meaning another folder."""
    return (index_dir.parent / link).resolve()


def live_dir(index_dir: Path) -> Path | None:
    """The complete build folder the index currently points at, or None when there is no index."""
    try:
        link = os.readlink(index_dir)
    except OSError:  # no link: a plain folder, or nothing
        link = None
    if link is not None:
        target = _target(index_dir.absolute(), link)
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
        # A status check (``is_build_running``: index status, /status, every metrics scrape) holds the lock
        # for a moment; a build must not be refused as "already running" because it started in that moment.
        for attempt in range(LOCK_ATTEMPTS):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                    raise
                if attempt == LOCK_ATTEMPTS - 1:
                    raise BuildInProgress("an index build is already running") from exc
                time.sleep(LOCK_RETRY_SECONDS)
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
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # shared: status checks never hold up one another
    except OSError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def clear_debris(index_dir: Path) -> None:
    """Delete half-written build folders whose build is over (``index.build_folders``: its process gone, or a
    day old); call only while holding the build lock. Every build starts with it, an unchanged corpus included:
    otherwise a killed build's folder stayed until the corpus next changed. Never a live build's: a replica whose
    lock was lost mid-build is still writing into its own."""
    build_folders.clear(builds_dir(index_dir))


def check_index_dir(index_dir: Path) -> None:
    """Refuse an INDEX_DIR that holds something other than an index: publishing moves a plain folder aside,
    and the next build deletes it. A typo (INDEX_DIR=var, or the project's own ``index`` package) would
    otherwise have lost that folder. Absent, a link, an empty folder or a hand-copied index are fine."""
    if index_dir.is_symlink() or not index_dir.exists():
        return
    if index_dir.is_dir() and ((index_dir / MANIFEST).exists() or not any(index_dir.iterdir())):
        return
    kind = "a folder that holds no index" if index_dir.is_dir() else "a file"
    raise CorpusError(f"INDEX_DIR={index_dir} is {kind}; a build would replace it. Point INDEX_DIR at an unused "
                      "path (default: var/index) or at an index this bot built.", SETUP_IN_CHAT.format("INDEX_DIR"))


def new_build_folder(index_dir: Path) -> Path:
    """A fresh temporary folder; call only while holding the build lock."""
    root = builds_dir(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    clear_debris(index_dir)
    folder = root / build_folders.folder_name()  # its owner and time: the debris rule's to read
    folder.mkdir()
    return folder


def publish(index_dir: Path, tmp_folder: Path, still_held: LockCheck | None = None) -> Path:
    """Make a finished build live in one atomic step, then prune old builds. The build checked INDEX_DIR
    (``check_index_dir``) under the same lock before any work: a plain folder here is a hand-copied index.
    ``still_held``: asked last, once the files are on disk; a lost lock is ``LockLost`` and nothing changes."""
    root = builds_dir(index_dir)
    final = root / f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    _fsync_tree(tmp_folder)
    confirm(still_held)
    previous = live_dir(index_dir) if index_dir.is_symlink() else None
    os.rename(tmp_folder, final)
    link_tmp = index_dir.parent / f".{index_dir.name}.link-{uuid.uuid4().hex[:8]}"
    os.symlink(os.path.relpath(final, index_dir.parent), link_tmp)
    if index_dir.exists() and not index_dir.is_symlink():
        # A hand-made plain folder: moved aside (the link ready, so it is gone only between two renames).
        previous = root / f"legacy-{uuid.uuid4().hex[:8]}"
        os.rename(index_dir, previous)
    os.replace(link_tmp, index_dir)
    _fsync_dir(index_dir.parent)
    _prune(root, {final, previous})
    return final


def _prune(root: Path, keep: set[Path | None]) -> None:
    """Keep the new build and the one it replaced (a process still loading that finds it intact); delete the
    rest, including a complete build that a killed process never made live: by age alone it could outlive,
    and so push out, the build it was meant to replace."""
    kept = {p.resolve() for p in keep if p is not None}  # INDEX_DIR may be relative; the link's target is not
    for old in root.iterdir():
        if old.is_dir() and not old.name.startswith(".tmp-") and old.resolve() not in kept:
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
