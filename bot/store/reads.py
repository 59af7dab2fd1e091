"""Connections that only read. On SQLite every other transaction begins IMMEDIATE (``db._sqlite_setup``): a
read-then-write one that began deferred fails at once when another process wrote in between. A read has no
write to fail, so it begins deferred: it never waits for a writer and works on a read-only copy."""

from __future__ import annotations

from sqlalchemy.engine import Connection, Engine

READ_ONLY = "dispute_bot_read_only"  # execution option the SQLite begin hook reads


def reading(engine: Engine) -> Connection:
    return engine.connect().execution_options(**{READ_ONLY: True})
