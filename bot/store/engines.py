"""Opening the database engine that every store, the build lock and shared state use.

SQLite gets WAL (readers never wait for the writer), a busy timeout, foreign keys and transactions that really
begin; a server database (PostgreSQL) gets connections checked before use and a bounded connect.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from bot.store.reads import READ_ONLY
from bot.store.sqlite_folder import ensure_folder
from bot.store.url_check import checked

# Seconds a connection keeps asking for WAL while other processes switch a new database to it (as long as
# the busy timeout set below).
WAL_SWITCH_SECONDS = 5.0


def _switch_to_wal(cursor: Any) -> None:
    """Two processes switching a new database to WAL at once each hold a read lock and want the write lock,
    and SQLite refuses one of them at once ("database is locked") instead of calling the busy handler, which
    could deadlock there: two bot processes started together on a new DATABASE_URL lost one of them. WAL is
    kept in the file, so the one refused asks again shortly and finds it already set."""
    deadline = time.monotonic() + WAL_SWITCH_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def _sqlite_setup(engine: Engine) -> None:
    """WAL, a busy timeout and enforced foreign keys; and transactions that really begin (pysqlite would
    otherwise run DDL outside them, so a half-applied migration could be left behind).

    A transaction begins IMMEDIATE, taking the write lock up front (waiting out the busy timeout for it): a
    deferred one that reads and then writes (a vote, a conversation renamed) fails at once with "database is
    locked" when another process wrote in between. Connections from ``reads.reading`` begin deferred."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # The timeout first: switching to WAL needs a lock too, and a second process opening a new database
        # while the first creates it would otherwise fail at once with "database is locked".
        cursor.execute("PRAGMA busy_timeout=5000")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


# Seconds a PostgreSQL connection may take to open (libpq's ``connect_timeout``). Without it, a database host
# that silently drops packets held a store thread, or the build lock, for the OS's TCP timeout: minutes.
CONNECT_TIMEOUT_SECONDS = 5


# libpq's TCP keepalives and user timeout. The build lock is a session's, held on one connection idle for the whole
# build: a database host gone silent (a crash, a network cut) was noticed only by the OS's defaults, two hours for an
# idle connection and some fifteen minutes for an unanswered query, while the server may have ended the session and
# its lock long before. With these, the first probe goes after 30 s idle and a peer silent for about a minute makes
# the connection fail, so the build's check before publishing (``bot.build_lock``) is answered, not hung.
KEEPALIVES: dict[str, int] = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10,
                              "keepalives_count": 3, "tcp_user_timeout": 60_000}


def _server_options(parsed: sa.engine.URL) -> dict[str, Any]:
    """A server database's engine options: a connection checked before use (one the server dropped is
    replaced, not failed on) and, for PostgreSQL, a bounded connect and TCP keepalives, each unless
    ``DATABASE_URL`` sets its own."""
    options: dict[str, Any] = {"pool_pre_ping": True}
    if parsed.get_backend_name() == "postgresql":
        wanted: dict[str, int] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS, **KEEPALIVES}
        options["connect_args"] = {name: value for name, value in wanted.items() if name not in parsed.query}
    return options


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite ``DATABASE_URL``; None for another database, an in-memory one or a ``file:`` URI."""
    parsed = sa.engine.make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def open_engine(url: str) -> Engine:
    """The engine of every store, the build lock and shared state; SQLite's options are its own. A URL no
    connection could use (``bot.store.url_check``) is refused here, in words saying what to write instead."""
    checked(url)
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = sqlite_file(url)
        if database is not None:
            ensure_folder(database)
        engine = sa.create_engine(parsed)
        _sqlite_setup(engine)
        return engine
    return sa.create_engine(parsed, **_server_options(parsed))
