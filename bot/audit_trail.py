"""Where moderator changes are recorded: the store's ``moderator_changes`` (``DATABASE_URL``), beside the
``dispute_bot.audit`` log line each change still gets.

The log alone said who added, removed or rebuilt what, to whoever could read the bot's log while it was kept;
moderators could not see what another had changed. The store is opened at the first change or read, so a
bot or a CLI command that changes nothing creates no database file. A record that can't be written (the database
unreachable) is logged and never fails the change: the change has happened by then.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from bot.change_history import ChangeHistory, ChangeRecord

if TYPE_CHECKING:
    from bot.store.changes import ChangeStore

log = logging.getLogger(__name__)


def _missing_sqlite_file(url: str) -> bool:
    """A SQLite database that does not exist yet: nothing is recorded in it, and reading must not create it."""
    from bot.store.engines import sqlite_file

    database = sqlite_file(url)
    return database is not None and not database.exists()


class AuditTrail:
    def __init__(self, url: str | None = None) -> None:
        """``url``: ``DATABASE_URL``; None records nothing but the log line (a core built without settings)."""
        self._url = url
        self._store: ChangeStore | None = None
        self._opening = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit")

    @property
    def kept(self) -> bool:
        return self._url is not None

    def _opened(self) -> ChangeStore:
        from bot.store.changes import ChangeStore  # SQLAlchemy: loaded by the first change, not by every command

        with self._opening:
            if self._store is None:
                assert self._url is not None
                self._store = ChangeStore(self._url)
            return self._store

    def write(self, record: ChangeRecord) -> None:
        """Blocking: from a worker thread, or the CLI once its change is over."""
        if self._url is None:
            return
        try:
            self._opened().write(record)
        except Exception as exc:
            from bot.store.outage import unreachable
            from bot.store.url_check import UnusableUrl

            said = f"could not record the moderator change ({record.line()}); the log has it"
            reason = unreachable(exc)
            if isinstance(exc, UnusableUrl):  # the setting's mistake, said with its fix: no traceback
                log.error("%s (DATABASE_URL %s)", said, exc)
            elif reason is None:
                log.exception(said)
            else:  # an outage, which the change itself has met and said (a build lock not taken) or will
                log.warning("%s (the database can't be reached: %s)", said, reason)

    def submit(self, record: ChangeRecord) -> None:
        """From an event loop that can't wait: written in order on the trail's own thread."""
        self._pool.submit(self.write, record)

    async def record(self, record: ChangeRecord) -> None:
        await asyncio.get_running_loop().run_in_executor(self._pool, self.write, record)

    def history(self, limit: int) -> ChangeHistory:
        """The newest ``limit`` changes; raises when the database can't be read."""
        if self._url is None:
            return ChangeHistory([], kept=False)
        if self._store is None and _missing_sqlite_file(self._url):
            return ChangeHistory([])
        return ChangeHistory(self._opened().recent(limit))

    def recorded_articles(self) -> tuple[set[str], set[str]] | None:
        """The articles moderators added and nobody removed since, and every article a published change names
        (``ChangeStore.recorded_articles``); None where nothing records them. Raises when the database can't be
        read."""
        if self._url is None:
            return None
        if self._store is None and _missing_sqlite_file(self._url):
            return set(), set()
        return self._opened().recorded_articles()

    async def read(self, limit: int) -> ChangeHistory:
        return await asyncio.get_running_loop().run_in_executor(self._pool, self.history, limit)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        if self._store is not None:
            self._store.close()
