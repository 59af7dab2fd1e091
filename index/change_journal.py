"""A moderator's corpus change, written down before it touches the corpus, so that a process killed mid-change
(``kill -9``, a power cut, the out-of-memory killer) leaves the next build something to finish or undo.

An add or remove writes its files into the corpus, then builds and publishes the new index. Killed between
the two, it left a file in the corpus that the live index did not hold: the next build published an article
the moderator had never been told was added (and a removal came back as removed by whoever built next). The
in-process undo (``index.corpus_writes.CorpusUndo``) covers an exception or a signal the process can catch,
not SIGKILL.

So every file a change is about to touch is recorded first, with its bytes as they were, in
``<INDEX_DIR>.journal.json`` (beside the index's lock and builds: written atomically and fsynced, and removed
once the change is over, kept or put back). The next build, add or remove takes the build lock and, before
anything else, reads a journal left behind (``recover``): if the live index is still the one the change
started from, the change was never published and its files are put back; if another index went live, the
change was published and only its journal is left to clear. Either way the report says which, so an add is
all or nothing: the article is in both the corpus and the index, or in neither, and the moderator is told.

The journal names its files by absolute path, and the corpus folder may have been moved (or ``CORPUS_DIR``
pointed at a copy) before the next build: putting a file back into a folder that no longer exists failed every
build ("cannot write the index … No such file or directory"), to be fixed by hand. So the change is settled in
the corpus folder the build reads, by file name, and each file is written down with a digest of what the change
wrote: in another folder than the change's own, a file is undone only while it is exactly what the change left
(or a removed one still absent); one changed since is left as it is, and the report says so. Never is a file
the change did not write deleted or overwritten. The live index is recognised by its build folder's name, so
moving ``INDEX_DIR`` with its builds does not make an unpublished change look published.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index import store
from index.corpus_files import SkippedFile
from index.corpus_writes import write_atomically

log = logging.getLogger(__name__)

JOURNAL_VERSION = 2  # 2: "wrote", a digest of what the change wrote to each file


def journal_path(index_dir: Path) -> Path:
    return index_dir.parent / f"{index_dir.name}.journal.json"


def _live_name(index_dir: Path) -> str | None:
    live = store.live_dir(index_dir)
    return None if live is None else str(live)


class Journal:
    """The record of one change in progress; call only while holding the build lock."""

    def __init__(self, index_dir: Path, action: str) -> None:
        """``action``: "add" or "remove", as the report names the change that was interrupted."""
        self.path = journal_path(index_dir)
        self._data: dict[str, Any] = {
            "version": JOURNAL_VERSION, "action": action, "pid": os.getpid(),
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "live": _live_name(index_dir), "files": {}, "wrote": {},
        }

    def record(self, path: Path, before: bytes | None, after: bytes | None) -> None:
        """Write down ``path`` as it is (``None``: absent) before the change touches it, and the digest of what
        the change will leave there (``after``; ``None``: it deletes the file). An index folder that can't be
        written stops the change here, before the corpus is touched."""
        files = self._data["files"]
        key = str(path.absolute())
        if key in files:
            return
        files[key] = None if before is None else base64.b64encode(before).decode("ascii")
        self._data["wrote"][key] = _digest(after)
        write_atomically(self.path, json.dumps(self._data).encode("utf-8"), prefix=f".{self.path.name}.")

    def close(self) -> None:
        """The change is over (published, or its files put back): nothing is left to recover. Failing to
        delete the journal must not turn a published change into an error: the next build finds the index
        published and only clears it."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not delete the finished change's journal %s (%s); the next build clears it",
                        self.path, exc)


def _what(action: str) -> str:
    """The change as a report names it: "removal", "restore" or "add"."""
    return {"remove": "removal", "restore": "restore"}.get(action, "add")


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


_UNKNOWN = "?"  # a version 1 journal did not say what it wrote


@dataclass(frozen=True)
class _Left:
    action: str
    live: str | None
    files: dict[str, bytes | None]
    wrote: dict[str, str | None]

    def left_by_it(self, name: str, now: bytes | None) -> bool:
        """Whether ``now`` is exactly what the change left in its file ``name``."""
        return self.wrote.get(name, _UNKNOWN) == _digest(now)


def _read(path: Path) -> _Left:
    data = json.loads(path.read_text(encoding="utf-8"))
    files = {name: None if raw is None else base64.b64decode(raw) for name, raw in data["files"].items()}
    return _Left(str(data["action"]), data["live"], files, dict(data.get("wrote", {})))


def _same_index(index_dir: Path, live: str | None) -> bool:
    """Whether the live index is the one a change started from: its build folder's name (a timestamp and a
    random suffix), wherever ``INDEX_DIR`` has been moved since."""
    now = store.live_dir(index_dir)
    return (now is None) if live is None else (now is not None and now.name == Path(live).name)


def _same_folder(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def recover(index_dir: Path, corpus_dir: Path) -> list[SkippedFile]:
    """Finish or undo a change a killed process left half done, in ``corpus_dir`` (the folder being built,
    wherever the change's own folder is now); call only while holding the build lock (no change is under way
    then, so a journal is one whose process died). Returns a note per file for the build's report, empty when
    there was nothing to recover."""
    path = journal_path(index_dir)
    for debris in path.parent.glob(f".{path.name}.*"):  # a journal being written when the process died
        debris.unlink(missing_ok=True)
    if not path.exists():
        return []
    try:
        left = _read(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # Written atomically, so this is a damaged disk or a hand edit: kept aside for the operator, not lost.
        aside = path.with_name(f"{path.name}.unreadable-{datetime.now(UTC):%Y%m%dT%H%M%S}")
        os.replace(path, aside)
        log.error("the journal of an interrupted corpus change, %s, can't be read (%s); moved to %s", path, exc,
                  aside)
        return [SkippedFile(path.name, "an interrupted change's journal could not be read, so the change "
                            "could not be checked; whoever runs the bot can see it in its log")]
    what = _what(left.action)
    if not _same_index(index_dir, left.live):
        # Another index went live after the change began: the change's own build published it, under its lock.
        log.warning("an interrupted %s had published its index; its journal is cleared", what)
        notes = [SkippedFile(Path(name).name, f"an earlier {what} stopped (the process was killed) after its "
                             "index was published, so it stands: nothing was undone") for name in left.files]
        path.unlink()
        return notes
    for debris in corpus_dir.glob(".upload-*"):  # a corpus file being written when it died
        debris.unlink(missing_ok=True)
    notes = [_undo(name, before, left, corpus_dir, what) for name, before in left.files.items()]
    log.warning("an interrupted %s of %s was settled: the live index had not changed", what,
                ", ".join(n.filename for n in notes))
    path.unlink()
    return notes


def _undo(name: str, before: bytes | None, left: _Left, corpus_dir: Path, what: str) -> SkippedFile:
    """Put one file of an unpublished change back as it was, in ``corpus_dir``; its note for the report."""
    file = corpus_dir / Path(name).name
    now = file.read_bytes() if file.exists() else None
    elsewhere = not _same_folder(Path(name).parent, corpus_dir)
    if now != before and elsewhere and not left.left_by_it(name, now):
        # The corpus was moved or replaced since, and this file is not what the change left: someone's since.
        log.warning("an interrupted %s wrote %s; the corpus is now %s, where %s is not what it wrote: left as "
                    "it is", what, name, corpus_dir, file.name)
        return SkippedFile(file.name, f"an earlier {what} stopped (the process was killed) before its index was "
                           "published, in a corpus folder that has moved since; this file has changed since then, "
                           "so it was left as it is and is indexed as it is now")
    if now != before:
        if before is None:
            file.unlink()
        else:
            write_atomically(file, before)
    if left.action == "remove":
        outcome = "it is back in the corpus and still indexed; remove it again if that is still wanted"
    elif before is None:
        outcome = ("it was taken back out of the corpus and is not indexed; "
                   f"{'restore' if left.action == 'restore' else 'add'} it again")
    else:
        outcome = "the file was put back as it was, which is what the index holds; add it again"
    return SkippedFile(file.name, f"an earlier {what} stopped (the process was killed) before its index was "
                       f"published, so it was undone: {outcome}")


def pending(index_dir: Path) -> str | None:
    """What a journal left behind says, for ``index status``: an interrupted change the next build, add,
    remove or start undoes or finishes; None when there is none."""
    path = journal_path(index_dir)
    try:
        left = _read(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return "an interrupted corpus change left a journal that can't be read; the next build sets it aside"
    names = ", ".join(Path(n).name for n in left.files)
    what = _what(left.action)
    return (f"{'an' if what == 'add' else 'a'} {what} of {names} was interrupted; the next index build, "
            "add, remove or start finishes it if its index was published, or undoes it")
