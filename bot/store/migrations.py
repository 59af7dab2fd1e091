"""Versioned schema: the ordered steps of ``schema_steps.py``, each applied once and recorded in
``schema_version``. Steps run in one transaction each at start-up, in every process that opens the store; a
second process finding a step already applied simply skips it.
"""

from __future__ import annotations

import contextlib
import logging
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from bot.store.reads import reading
from bot.store.schema_steps import MIGRATIONS, Step
from bot.store.tables import schema_version

log = logging.getLogger(__name__)

__all__ = ["MIGRATIONS", "Step", "applied_versions", "current_version", "migrate", "newest_known"]

MIGRATION_LOCK = zlib.crc32(b"dispute-bot schema migration")


def newest_known() -> int:
    """The newest schema version this release knows (its last step)."""
    return max(number for number, _, _ in MIGRATIONS)


def current_version(conn: Connection) -> int:
    return int(conn.scalar(sa.select(sa.func.max(schema_version.c.version))) or 0)


@contextlib.contextmanager
def _one_migrator(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, replicas starting together migrate one after the other (a session advisory lock):
    concurrent ``CREATE TABLE``s of one name fail there rather than wait. SQLite has one writer anyway."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.scalar(sa.select(sa.func.pg_advisory_lock(MIGRATION_LOCK)))
        try:
            yield
        finally:
            conn.scalar(sa.select(sa.func.pg_advisory_unlock(MIGRATION_LOCK)))


def migrate(engine: Engine) -> int:
    """Bring the schema up to the newest version; returns it."""
    with _one_migrator(engine):
        return _migrate(engine)


def applied_versions(conn: Connection) -> set[int]:
    return {int(v) for v in conn.scalars(sa.select(schema_version.c.version))}


def _create_version_table(engine: Engine) -> None:
    """``schema_version``, unless another process creates it first (on SQLite its half-done ``CREATE`` makes
    ours fail at once, "database is locked", rather than wait: look again shortly)."""
    for _ in range(100):
        try:
            schema_version.create(engine, checkfirst=True)
            return
        except (IntegrityError, OperationalError, ProgrammingError):
            if sa.inspect(engine).has_table(schema_version.name):
                return
            time.sleep(0.05)
    schema_version.create(engine, checkfirst=True)


def _migrate(engine: Engine) -> int:
    _create_version_table(engine)
    for number, name, step in MIGRATIONS:
        try:
            with engine.begin() as conn:
                # A write first takes SQLite's write lock (waiting for another migrating process) before the
                # version is read, so what is read stays true until this step commits.
                conn.execute(sa.delete(schema_version).where(schema_version.c.version < 0))
                if number in applied_versions(conn):  # not "<= the newest": a lower number may land later
                    continue
                step(conn)
                conn.execute(sa.insert(schema_version).values(
                    version=number, name=name, applied_at=datetime.now(UTC).replace(tzinfo=None)))
            log.info("store schema migrated to version %d (%s)", number, name)
        except (IntegrityError, OperationalError, ProgrammingError):
            # Another process applied the same step first: fine if the version says so, an error otherwise.
            with reading(engine) as conn:
                if number not in applied_versions(conn):
                    raise
    with reading(engine) as conn:
        version = current_version(conn)
    _tell_if_newer(engine, version)
    return version


_TOLD_NEWER: set[str] = set()


def _tell_if_newer(engine: Engine, version: int) -> None:
    """A database a newer release migrated (a rollback, or an old replica in a rolling deploy) was used
    without a word: the first write a newer migration changed then failed as an apology to a user and a
    traceback in the log, with nothing saying why. Once per database, since several stores open it."""
    known = newest_known()
    where = engine.url.render_as_string(hide_password=True)
    if version > known and where not in _TOLD_NEWER:
        _TOLD_NEWER.add(where)
        log.warning("the store at DATABASE_URL has schema version %d, newer than this release knows (%d): a newer "
                    "release migrated it; run that release, as writes this one makes may fail", version, known)
