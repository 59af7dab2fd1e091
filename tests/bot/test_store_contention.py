"""Processes contending for one database: votes from two at once, new SQLite files opened by three at once.

The processes meet at barriers (``tests.bot.store_racers``), so they contend on every run however loaded the
machine is; the outcome (no vote lost, every opener connected) is what is asserted, never a duration."""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.store import Store
from bot.store.engines import open_engine
from bot.store.tables import votes
from tests.bot import store_racers
from tests.bot.test_store import KEY, record

SPAWN = multiprocessing.get_context("spawn")  # fresh interpreters, as separate bot processes are


def race(target: Callable[..., None], arguments: list[tuple[Any, ...]]) -> dict[str, list[str]]:
    """Run ``target(*arguments[i], barrier, results)`` in one process each; each one's failures, by name."""
    barrier, results = SPAWN.Barrier(len(arguments)), SPAWN.Queue()
    processes = [SPAWN.Process(target=target, args=(*args, barrier, results)) for args in arguments]
    for process in processes:
        process.start()
    reported = dict(results.get(timeout=600) for _ in processes)
    for process in processes:
        process.join(60)
    assert [process.exitcode for process in processes] == [0] * len(processes)
    return reported


def test_two_processes_voting_at_once_lose_no_vote(db_url: str) -> None:
    """Each vote reads, then writes: begun deferred, SQLite refused the write at once ("database is locked")
    whenever the other process had written in between, and that vote was lost. PostgreSQL too, under
    ``make test-postgres``."""
    url = db_url
    store = Store(url, KEY)
    ids = [str(n) * 32 for n in range(3)]
    for answer_id in ids:
        store.record_answer(record(answer_id))
    store.close()
    failures = race(store_racers.vote, [(url, who, ids) for who in ("A", "B")])
    assert failures == {"A": [], "B": []}
    engine = open_engine(url)
    with engine.connect() as conn:  # 7 voters each per process, on each of the answers they chose
        assert conn.scalar(sa.select(sa.func.count()).select_from(votes)) == 2 * 3 * 7
    engine.dispose()


def test_processes_opening_a_new_database_together_all_connect(tmp_path: Path) -> None:
    """Two bot processes started together on a new SQLite file: one stopped with "database is locked" at once
    (both switched the file to WAL at the same moment, and SQLite refuses one without waiting). Three
    processes open 60 new files, meeting before each."""
    paths = [str(tmp_path / f"{n}.db") for n in range(60)]
    failures = race(store_racers.open_new, [(paths, who) for who in ("A", "B", "C")])
    assert failures == {"A": [], "B": [], "C": []}
    for path in paths:
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_stores_sqlite_connections_wait_for_the_write_lock(tmp_path: Path) -> None:
    """The waiting the tests above rely on is the bot's own: its connections wait out a busy timeout (the
    voters raise it, to be independent of load) rather than fail at once when another process writes."""
    engine = open_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    engine.dispose()
