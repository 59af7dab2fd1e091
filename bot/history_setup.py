"""The conversation history from settings: HISTORY_MODE, DATABASE_URL, retention, and the vote HMAC key."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

import sqlalchemy as sa

from bot.conversations import ConversationMemory
from bot.history import History
from bot.settings import Settings
from bot.store import HistoryMode, Store

log = logging.getLogger(__name__)

KEY_FILE = "feedback_hmac.key"


class HistorySetupError(SystemExit):
    def __init__(self, message: str) -> None:
        super().__init__(f"dispute-bot: {message} (see .env.example)")


def _sqlite_file(url: str) -> Path | None:
    parsed = sa.engine.make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def vote_key(settings: Settings) -> bytes:
    """FEEDBACK_HMAC_KEY, or with a SQLite file a random key kept beside it (created once, owner-only), so votes
    stay changeable across restarts. Other databases are shared between machines, so they need the setting."""
    if settings.feedback_hmac_key is not None:
        return settings.feedback_hmac_key.get_secret_value().encode()
    database = _sqlite_file(settings.database_url.get_secret_value())
    if database is None:
        raise HistorySetupError("FEEDBACK_HMAC_KEY must be set when DATABASE_URL is not a SQLite file")
    path = database.parent / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
            log.info("created the vote HMAC key %s", path)
    return path.read_text().strip().encode()


def build_history(settings: Settings, memory: ConversationMemory | None = None) -> History:
    """``memory``: where follow-up turns are kept (default: this process's memory)."""
    mode = HistoryMode(settings.history_mode)
    if mode is HistoryMode.OFF:
        return History(memory=memory)
    try:
        store = Store(settings.database_url.get_secret_value(), vote_key(settings), mode,
                      settings.history_retention_days)
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        raise HistorySetupError(f"cannot open DATABASE_URL ({type(exc).__name__}: {str(exc).splitlines()[0]})") \
            from None
    return History(store, memory)
