"""Writing the corpus: an article replaced or removed as one file change that can be undone, each file
written whole or not at all."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from index.corpus_files import article_paths

if TYPE_CHECKING:  # the journal writes its records with ``write_atomically``
    from index.change_journal import Journal
    from index.kept_articles import SetAside

log = logging.getLogger(__name__)


def article_files(corpus_dir: Path, doc_id: str) -> list[Path]:
    """The files whose stem is ``doc_id``: the build reads ``.TXT`` as it reads ``.txt``, so removing or
    replacing an article must find either."""
    return [p for p in article_paths(corpus_dir) if p.stem == doc_id]


def write_article(corpus_dir: Path, filename: str, data: bytes, undo: CorpusUndo) -> None:
    """An article's id is its file stem, so ``koo.md`` replaces ``koo.txt`` as a new version of the same
    article: left beside it, the next build would keep one of the two and skip the other as a duplicate."""
    undo.keep(corpus_dir / filename, data)
    write_atomically(corpus_dir / filename, data)
    for sibling in article_files(corpus_dir, Path(filename).stem):
        if sibling.name != filename:
            undo.keep(sibling, None)
            sibling.unlink()


class CorpusUndo:
    """The corpus files a change touches, as they were; put back when the rebuild that should follow the
    change fails (a full disk, an interrupt, nothing loadable left). A refused or failed change then changes
    nothing: the corpus and the live index still agree, and the moderator can simply try again. Before, a
    removed file stayed removed while the old index kept serving it, and a second remove said "no article".

    With a ``journal`` (``index.change_journal``), each file is also written down on disk before it is touched,
    so that a process killed before it could put the files back leaves the next build to do it. With ``aside``
    (``index.kept_articles``), each file the change deletes or overwrites is first copied where a moderator can
    restore it from, and the copies are dropped again when the change is undone."""

    def __init__(self, journal: Journal | None = None, aside: SetAside | None = None) -> None:
        self._saved: dict[Path, bytes | None] = {}
        self._journal = journal
        self._aside = aside
        self._stuck = False  # a file could not be put back: the journal stays for the next build to retry

    @contextmanager
    def guarding(self) -> Iterator[None]:
        """The change and rebuild in the block are put back when it raises, in any way (an interrupt too), and
        settled when it ends: the one shape of every corpus change (add, remove, restore)."""
        try:
            yield
        except BaseException:
            self.restore()
            raise
        finally:
            self.done()

    def done(self) -> None:
        """The change is over, kept or put back: nothing left for the journal to settle."""
        if self._journal is not None and not self._stuck:
            self._journal.close()

    def keep(self, path: Path, after: bytes | None) -> None:
        """Save ``path`` as it is before the change leaves ``after`` there (``None``: deletes it)."""
        if path not in self._saved:
            if self._aside is not None:
                self._aside.keep(path, after)
            before = path.read_bytes() if path.exists() else None
            if self._journal is not None:
                self._journal.record(path, before, after)
            self._saved[path] = before

    def restore(self) -> None:
        """Files already as they were are left alone: a change that failed before writing anything (a
        read-only corpus) had nothing to undo, and trying to (an unlink on a read-only disk fails even for a
        file that isn't there) logged a second error and traceback under the one that mattered."""
        for path, data in self._saved.items():
            try:
                if (path.read_bytes() if path.exists() else None) == data:
                    continue
                if data is None:
                    path.unlink(missing_ok=True)
                else:
                    write_atomically(path, data)
            except OSError:
                self._stuck = True
                log.exception("could not put %s back after a failed change", path)
        if self._aside is not None and not self._stuck:
            self._aside.discard()
        self.done()


def write_atomically(path: Path, data: bytes, prefix: str = ".upload-") -> None:
    """``path`` holds ``data`` whole or is as it was, and stays so through a power cut (the folder's entry is
    synced too: a change's journal must be on disk before the corpus file it protects is touched). The
    temporary file beside it starts with ``prefix``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix)
    try:
        # mkstemp makes it owner-only; an article is readable like the files beside it (the bot may run as
        # another user than the moderator who added it on the host).
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename is None:
            # A full disk fails the write or fsync naming no file: said as the index's folder, whose disk is not
            # the one that is full when the corpus lives elsewhere.
            exc.filename = str(path)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
