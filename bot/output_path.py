"""Whether an output file named on a command line can be written, asked before the command's work.

``timeline --png .`` printed the whole timeline (and built a missing index) before refusing the folder; a
benchmark's ``--out`` naming a folder failed after an hour of measuring. Each command asks this first.
"""

from __future__ import annotations

import os
from pathlib import Path


def unwritable(path: Path, make_folders: bool = False) -> str | None:
    """Why a file can't be written at ``path``, read after the option's name ("--png needs a file name, …"),
    None when it looks writable (a race may still fail the write, which the caller reports as before).
    ``make_folders``: the command creates missing folders, so only an existing one's permission counts."""
    if not path.name or path.is_dir():
        return f"needs a file name, not the folder {str(path) or '.'!r}"
    folder = path.parent
    while make_folders and not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        what = f"{folder} is a file" if folder.exists() else f"there is no folder {folder}"
        return f"could not write {path}: {what}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"could not write {path}: the folder {folder} can't be written to"
    return None
