"""Whether a moderator change made at the command line could be recorded, asked before it is made.

``index build|add|remove`` record every change in ``DATABASE_URL`` (``index history``, ``/index-history``). With a
URL no connection could use (``postgres://``, a missing driver) or a SQLite file whose folder is missing, the
change was made, minutes of embedding, and then only an ERROR line said the record was lost: the moderators'
history silently lacked it. Those are mistakes in the setting, known before any work, so the change is refused
with the fix. A database that is merely down is not asked here: PostgreSQL's build lock meets it first and says
so, and a record lost to an outage is logged, as ``bot.audit_trail`` says.
"""

from __future__ import annotations

from bot.store.engines import sqlite_file
from bot.store.sqlite_folder import DEFAULT_SQLITE_FILE, MISSING
from bot.store.url_check import url_problem


def record_problem(url: str) -> str | None:
    """Why a change could not be recorded in ``url``, in words that follow "DATABASE_URL"; None when it could
    be tried (whether the server answers is not asked)."""
    problem = url_problem(url)
    if problem is not None:
        return problem
    database = sqlite_file(url)
    if database is None or database == DEFAULT_SQLITE_FILE:  # the default's var/ is made when missing
        return None
    folder = database.parent
    if folder.exists() and not folder.is_dir():
        return f"names a SQLite file inside {folder}, which is a file, not a folder"
    if not folder.exists():
        return f"can't be opened: {MISSING}: {folder}"
    return None
