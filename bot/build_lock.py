"""Index builds serialised across machines: a PostgreSQL advisory lock around every build the bot starts.

On one box the index's own file lock (``index.store.build_lock``) already lets one build run at a time. Replicas
on several machines share the index folder over a network volume, where file locks cannot be trusted, but they
share the database too: while one holds the advisory lock, a build started anywhere else is refused at once
(``BuildInProgress``, "a build is already running"), exactly as the file lock refuses one on the same box.
PostgreSQL releases the lock itself when the holder's connection ends, so a replica killed mid-build never
leaves it held. One key per database: replicas on one database serve one index.

The same holds for a replica that lives on while its connection ends (a database restart, an idle timeout, a
terminated backend): its lock is gone and another replica may build. So the lock hands the build a check
(``index.lock_check``), asked just before it publishes: is this session still the lock's holder? A build that
lost it publishes nothing. The connection has TCP keepalives (``bot.store.engines``), so a silent peer is noticed.
"""

from __future__ import annotations

import contextlib
import logging
import zlib
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.outage import unreachable
from index.lock_check import LockCheck
from index.store import BuildInProgress

log = logging.getLogger(__name__)

LOCK_KEY = zlib.crc32(b"dispute-bot index build")  # a bigint key for pg_advisory_lock
# The lock's row in pg_locks: a bigint key is split into classid (high half) and objid (low), objsubid 1.
_LOCK_ROWS = ("FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = :key "
              "AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
_MINE = sa.text(f"SELECT count(*) {_LOCK_ROWS} AND pid = pg_backend_pid()")
# What a build that lost the lock says (shown in chat too, so no server and no address).
SESSION_ENDED = "the database session holding it ended"
NOT_HELD = "its database session no longer holds it"


class LockUnavailable(RuntimeError):
    """The database holding the lock can't be reached: no build starts, since another replica may be
    building. The message is the driver's one line."""


@contextlib.contextmanager
def advisory_build_lock(engine: Engine, key: int = LOCK_KEY) -> Iterator[LockCheck]:
    """Hold the session-level advisory lock ``key`` on a connection of its own for the whole build; yields the
    check the build asks before publishing (why the lock is no longer held, or None).

    A database that can't be reached is ``LockUnavailable`` (it was a traceback on the command line and an
    apology in chat). A connection lost during the build took the lock with it (the server ends the
    session): the build's check catches that before it publishes; lost after it published, the build stays a
    success. Its unlock failing had turned a published index into "something went wrong … the previous index
    is still being used"."""
    with contextlib.ExitStack() as stack:
        try:
            conn = stack.enter_context(engine.connect())
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # no transaction left open for minutes
            held = conn.scalar(sa.select(sa.func.pg_try_advisory_lock(key)))
        except sa.exc.SQLAlchemyError as exc:
            raise LockUnavailable(unreachable(exc) or type(exc).__name__) from None
        if not held:
            raise BuildInProgress("an index build is already running on another replica")

        lost: list[str] = []  # what the check found, once it found the lock gone: nothing left to unlock

        def still_held() -> str | None:
            # Asked on the lock's own connection: a session reconnected meanwhile is a new one, holding nothing.
            try:
                if conn.scalar(_MINE, {"key": key}):
                    return None
                lost.append(NOT_HELD)
            except sa.exc.SQLAlchemyError as exc:
                log.warning("the build lock's database connection was lost during the build (%s); the server "
                            "released the lock with it", unreachable(exc) or type(exc).__name__)
                lost.append(SESSION_ENDED)
            return lost[-1]

        try:
            yield still_held
        finally:
            try:
                if not lost:
                    conn.scalar(sa.select(sa.func.pg_advisory_unlock(key)))
            except sa.exc.SQLAlchemyError as exc:
                log.warning("the build lock's database connection was lost during the build (%s); the server "
                            "released the lock with it", unreachable(exc) or type(exc).__name__)


def advisory_lock_holders(engine: Engine, key: int = LOCK_KEY) -> int:
    """How many sessions hold the build lock ``key`` in this database: what ``index status`` asks when replicas
    share PostgreSQL. The index's file lock, all status asked before, sits on a network volume there and may not
    see another machine's build, so its add's journal read as an interrupted one. Read from ``pg_locks``, never by
    taking the lock: a build starting in that moment must not be refused as busy. Raises SQLAlchemy's errors
    (chat's ``/status`` asks through the process's back-off, ``bot.store_breaker``)."""
    with engine.connect() as conn:
        return int(conn.scalar(sa.text(f"SELECT count(*) {_LOCK_ROWS}"), {"key": key}) or 0)


def advisory_lock_held(engine: Engine, key: int = LOCK_KEY) -> bool:
    """Whether any session holds the build lock (``advisory_lock_holders``); ``LockUnavailable`` when the
    database can't be reached."""
    try:
        return advisory_lock_holders(engine, key) > 0
    except sa.exc.SQLAlchemyError as exc:
        raise LockUnavailable(unreachable(exc) or type(exc).__name__) from None
