"""The folder of a SQLite ``DATABASE_URL``'s file: the default's ``var/``, which a fresh checkout lacks, is made;
the folder of a path someone wrote must be there already. A mistyped path (``sqlite:////nonexistent/dir/bot.db``)
silently created the folders, an empty database and a vote key there, and the conversation history went on into
a file nobody would look in; a typo in the last folder only (``sqlite:////srv/bot/dtaa/bot.db``) was still made,
said only in a log line the command line does not show, so one typo was refused and the next one obeyed."""

from __future__ import annotations

import errno
from pathlib import Path

# The file of the default DATABASE_URL, ``sqlite:///var/bot.db`` (``bot.settings``), relative to where it runs.
DEFAULT_SQLITE_FILE = Path("var/bot.db")
MISSING = "its SQLite file's folder does not exist (make it first, or correct the path)"


def ensure_folder(database: Path) -> None:
    """Make the default's ``var/`` when it is missing; ``FileNotFoundError`` naming the folder when any other
    database's folder is (a caller answering without the store says so in one line). A file in the folder's place
    is the ``FileExistsError`` of ``mkdir``, which callers name as such."""
    folder = database.parent
    if folder.is_dir():
        return
    if database != DEFAULT_SQLITE_FILE and not folder.exists():
        raise FileNotFoundError(errno.ENOENT, MISSING, str(folder))
    folder.mkdir(exist_ok=True)
