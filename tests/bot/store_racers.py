"""Processes that race on one SQLite database, for ``test_store_contention``: started with multiprocessing's
``spawn`` (a fresh interpreter, as a second bot process is) and kept in step by a ``Barrier``, so that they
contend however loaded the machine is, where a start time on the wall clock left a slow process behind."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

# Seconds: a generous SQLite busy timeout for the voters, and how long a barrier waits for the others.
PATIENT_BUSY_MS = 600_000
BARRIER_SECONDS = 300.0


def _reporting(who: str, barrier: Barrier, results: Queue[Any], body: Callable[[list[str]], None]) -> None:
    """Run ``body`` (which notes each failure it survives), then report them; a crash is one more failure, and
    breaks the barrier so that the other processes stop waiting for this one."""
    failures: list[str] = []
    try:
        body(failures)
    except Exception:
        failures.append(traceback.format_exc())
        barrier.abort()
    results.put((who, failures))


def vote(url: str, who: str, ids: list[str], barrier: Barrier, results: Queue[Any], votes: int = 400,
         every: int = 20) -> None:
    """``votes`` votes, meeting the other voters every ``every`` of them so that their writes interleave.

    The busy timeout is raised past any load: what is checked is that no vote is refused *at once*, as one
    begun deferred is whenever the other process wrote between its read and its write (SQLite does not wait
    then, whatever the timeout), not that a loaded machine serves each vote within the bot's 5 seconds."""
    from bot.store import Store

    def body(failures: list[str]) -> None:
        store = Store(url, b"k" * 32)
        if store.engine.dialect.name == "sqlite":
            event.listen(store.engine, "connect",
                         lambda connection, _record: connection.execute(f"PRAGMA busy_timeout={PATIENT_BUSY_MS}"))
            store.engine.dispose()  # connections from now on take the timeout
        for n in range(votes):
            if n % every == 0:
                barrier.wait(BARRIER_SECONDS)
            try:
                store.vote(ids[n % len(ids)], "slack", f"{who}{n % 7}", 1 if n % 2 else -1)
            except Exception as exc:
                failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
        store.close()

    _reporting(who, barrier, results, body)


def open_new(paths: list[str], who: str, barrier: Barrier, results: Queue[Any]) -> None:
    """Open each new database in ``paths`` at the moment the other openers open it too (a barrier per file)."""
    from bot.store.engines import open_engine

    def body(failures: list[str]) -> None:
        for path in paths:
            barrier.wait(BARRIER_SECONDS)
            engine = open_engine(f"sqlite:///{path}")
            try:
                with engine.connect() as conn:
                    conn.execute(sa.text("SELECT 1"))
            except Exception as exc:
                failures.append(f"{path}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            engine.dispose()

    _reporting(who, barrier, results, body)
