"""The conversation history from settings: HISTORY_MODE, DATABASE_URL, retention, and the vote HMAC key."""

from __future__ import annotations

import logging
import os
import secrets
import tempfile

import sqlalchemy as sa

from bot.conversations import ConversationMemory
from bot.history import History
from bot.settings import Settings
from bot.store import HistoryMode, Store
from bot.store.engines import sqlite_file
from bot.store.outage import unreachable
from bot.store.sqlite_folder import ensure_folder
from bot.store.url_check import UnusableUrl
from bot.store_breaker import Breaker

log = logging.getLogger(__name__)

KEY_FILE = "feedback_hmac.key"


class HistorySetupError(SystemExit):
    """``unreachable``: why the database could not be opened, when that is the problem (not a setting), so a
    command that can do without the store (``ask``) answers anyway (``bot.wiring.build_core``). ``unusable``:
    the URL itself can't be used (a scheme or driver), which such a command treats the same way."""

    def __init__(self, message: str, unreachable: str | None = None, unusable: bool = False) -> None:
        super().__init__(f"dispute-bot: {message} (see .env.example)")
        self.unreachable = unreachable
        self.unusable = unusable

    @property
    def without_store(self) -> str | None:
        """What follows "DATABASE_URL" in the warning of a command that answers without the store; None when
        it must stop instead."""
        if self.unreachable is None:
            return None
        return self.unreachable if self.unusable else f"can't be reached ({self.unreachable})"


def opening_failed(exc: Exception, what: str = "", kind: type[HistorySetupError] = HistorySetupError
                   ) -> HistorySetupError:
    """The one line for a store that could not be opened: a URL no connection could use says what to write
    instead (``bot.store.url_check``), where it was SQLAlchemy's plugin error; other failures keep their type."""
    if isinstance(exc, UnusableUrl):
        return kind(f"DATABASE_URL {exc}", str(exc), unusable=True)
    first = str(exc).splitlines()[0] if str(exc) else ""
    return kind(f"cannot open DATABASE_URL{what} ({type(exc).__name__}: {first})", cannot_open(exc))


def cannot_open(exc: Exception) -> str | None:
    """The reason, in one line, when opening the store failed because the database can't be reached or its
    file opened (the server down, a SQLite path that can't be created); None for any other failure."""
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
    return unreachable(exc)


def vote_key(settings: Settings) -> bytes:
    """FEEDBACK_HMAC_KEY, or with a SQLite file a random key kept beside it (created once, owner-only), so votes
    stay changeable across restarts. Other databases are shared between machines, so they need the setting."""
    if settings.feedback_hmac_key is not None:
        return settings.feedback_hmac_key.get_secret_value().encode()
    database = sqlite_file(settings.database_url.get_secret_value())
    if database is None:
        raise HistorySetupError("FEEDBACK_HMAC_KEY must be set when DATABASE_URL is not a SQLite file")
    path = database.parent / KEY_FILE
    if not path.exists():
        ensure_folder(database)  # the default's var/ is made; a mistyped path's folders are not
        # Written in full under a private name, then linked into place: a process starting at the same moment
        # sees either no key or the whole key, never an empty file, and the first link wins.
        fd, temporary = tempfile.mkstemp(prefix=f".{KEY_FILE}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
            os.link(temporary, path)
            log.info("created the vote HMAC key %s", path)
        except FileExistsError:  # another process made it first
            pass
        finally:
            os.unlink(temporary)
    key = path.read_text().strip().encode()
    if not key:
        raise HistorySetupError(f"the vote HMAC key file {path} is empty: delete it and a new one is made "
                                "(no vote was stored under an empty key), or set FEEDBACK_HMAC_KEY")
    return key


def build_history(settings: Settings, memory: ConversationMemory | None = None,
                  breaker: Breaker | None = None) -> History:
    """``memory``: where follow-up turns are kept (default: this process's memory); ``breaker``: the process's
    one account of whether the database answers (``bot.store_breaker``), shared with the shared state."""
    mode = HistoryMode(settings.history_mode)
    if mode is HistoryMode.OFF:
        _prune_what_was_stored(settings)
        return History(memory=memory, breaker=breaker)
    try:
        store = Store(settings.database_url.get_secret_value(), vote_key(settings), mode,
                      settings.history_retention_days)
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        raise opening_failed(exc) from None
    return History(store, memory, breaker)


def _prune_what_was_stored(settings: Settings) -> None:
    """With history off nothing new is stored, but what an earlier mode stored is still deleted once it is past
    retention. Nothing is created for it: no SQLite file, no key."""
    url = settings.database_url.get_secret_value()
    database = sqlite_file(url)
    if database is not None and not database.exists():
        return
    try:
        store = Store(url, b"pruning only: no vote is made", HistoryMode.OFF, settings.history_retention_days)
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        log.warning("HISTORY_MODE=off: could not prune what was stored before (%s)", str(exc).splitlines()[0])
        return
    store.close()
