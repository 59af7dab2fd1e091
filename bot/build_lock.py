"""Index builds serialised across machines: a PostgreSQL advisory lock around every build the bot starts.

On one box the index's own file lock (``index.store.build_lock``) already lets one build run at a time. Replicas
on several machines share the index folder over a network volume, where file locks cannot be trusted, but they
share the database too: while one holds the advisory lock, a build started anywhere else is refused at once
(``BuildInProgress``, "a build is already running"), exactly as the file lock refuses one on the same box.
PostgreSQL releases the lock itself when the holder's connection ends, so a replica killed mid-build never
leaves it held. One key per database: replicas on one database serve one index.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from index.store import BuildInProgress

LOCK_KEY = zlib.crc32(b"dispute-bot index build")  # a bigint key for pg_advisory_lock


@contextlib.contextmanager
def advisory_build_lock(engine: Engine, key: int = LOCK_KEY) -> Iterator[None]:
    """Hold the session-level advisory lock ``key`` on a connection of its own for the whole build."""
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # no transaction left open for minutes
        if not conn.scalar(sa.select(sa.func.pg_try_advisory_lock(key))):
            raise BuildInProgress("an index build is already running on another replica")
        try:
            yield
        finally:
            conn.scalar(sa.select(sa.func.pg_advisory_unlock(key)))
