"""A folder the bot can't write (read-only, full, not its own), said as one line naming the setting to fix.

Kept apart from the command line (``bot.index_commands``) so that chat's builds (``bot.builds``) can say the
same line without loading the command line's modules.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path
from typing import Protocol

from index.disk_full import short_write


class Folders(Protocol):
    """Where the bot writes: the settings (the command line) or the core's configuration (chat)."""

    @property
    def corpus_dir(self) -> Path: ...

    @property
    def index_dir(self) -> Path: ...


def _failed_at(folders: Folders, exc: OSError) -> Path:
    """The path ``exc`` failed to write; the index folder when it names none (numpy's short write). A copy's
    error names its source first and the file it was writing second: the second is where the disk is."""
    failed = exc.filename2 or exc.filename
    return Path(failed) if failed else folders.index_dir


def unwritten_setting(folders: Folders, exc: OSError) -> str:
    """``CORPUS_DIR`` or ``INDEX_DIR``: the setting naming the folder that ``exc`` failed to write in."""
    where = _failed_at(folders, exc)
    return "CORPUS_DIR" if where.absolute().is_relative_to(folders.corpus_dir.absolute()) else "INDEX_DIR"


def _last_build_size(index_dir: Path) -> int | None:
    """Bytes the live build holds of its own (its files not shared with the encoder cache by a hard link):
    about what the next build needs, said beside the free space of a full disk. None without one."""
    from index import store

    live = store.live_dir(index_dir)
    if live is None:
        return None
    try:
        return sum(st.st_size for p in live.rglob("*") if (st := p.lstat()) and p.is_file() and st.st_nlink == 1)
    except OSError:
        return None


def cannot_write(settings: Folders, exc: OSError) -> str:
    """A read-only, full or missing disk as one line naming the setting to fix, not a traceback. numpy's
    short write on a full disk (``9984 requested and 9184 written``) carries no errno, so the free space left
    is said instead. Chat's builds log the same line (``bot.builds``)."""
    where = _failed_at(settings, exc)
    setting = unwritten_setting(settings, exc)
    folder = settings.corpus_dir if setting == "CORPUS_DIR" else settings.index_dir
    short = short_write(exc)
    why = exc.strerror or str(exc)
    if short is not None:  # numpy's "10368 requested and 7136 written": the disk is full, said as such
        why = f"{os.strerror(errno.ENOSPC)} (a write of {short[0]:,} bytes got {short[1]:,} in)"
    if exc.errno in (None, errno.ENOSPC, errno.EDQUOT):
        probe = next((p for p in (where, *where.absolute().parents) if p.exists()), None)
        with contextlib.suppress(OSError):
            if probe is not None:
                why += f"; {shutil.disk_usage(probe).free // 1024:,} KB free on that disk"
        needed = _last_build_size(settings.index_dir) if setting == "INDEX_DIR" else None
        if needed:
            why += f", and the last build took {needed // 1024 + 1:,} KB of its own"
    what = "the corpus" if setting == "CORPUS_DIR" else "the index"
    return f"cannot write {what} ({setting}={folder}): {why} ({where})"
