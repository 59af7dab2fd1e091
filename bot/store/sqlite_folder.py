"""The folder of a SQLite ``DATABASE_URL``'s file, made as ``mkdir`` without ``-p`` would: the default's ``var/``,
which a fresh checkout lacks, or a new folder in one that exists; never a chain of missing folders. A mistyped path
(``sqlite:////nonexistent/dir/bot.db``) silently created the folders, an empty database and a vote key there,
and the conversation history went on into a file nobody would look in."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

log = logging.getLogger(__name__)

# The file of the default DATABASE_URL, ``sqlite:///var/bot.db`` (``bot.settings``), relative to where it runs.
DEFAULT_SQLITE_FILE = Path("var/bot.db")
MISSING = "its SQLite file's folder does not exist, nor the folder that would hold it"


def ensure_folder(database: Path) -> None:
    """Make the database's folder when only it is missing (said in a warning unless it is the default's);
    ``FileNotFoundError`` naming the folder when its parent is missing too (a caller answering without the
    store says so in one line). A file in the folder's place is the ``FileExistsError`` of ``mkdir``."""
    folder = database.parent
    if folder.is_dir():
        return
    if not folder.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, MISSING, str(folder))
    folder.mkdir(exist_ok=True)
    if database != DEFAULT_SQLITE_FILE:  # a mistyped last folder is made: at least the log says where
        log.warning("made the folder %s for DATABASE_URL's SQLite file", folder)
