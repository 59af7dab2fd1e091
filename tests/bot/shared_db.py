"""Databases for the shared-state tests: a SQLite file always, and PostgreSQL under ``make test-postgres``.

Only ``make test-postgres`` (``tests/pg_cluster.py``) sets ``POSTGRES_ENV``, to the URL of the throwaway
server it started; ``make test`` removes it from the environment, so a variable left in a caller's shell never
sends the ordinary suite to some database. Each PostgreSQL test starts and ends with the tables dropped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store.tables import metadata

POSTGRES_ENV = "DISPUTE_BOT_TEST_POSTGRES_URL"


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def needs_postgres() -> str:
    url = postgres_url()
    if url is None:
        pytest.skip(f"needs PostgreSQL: run `make test-postgres` (sets {POSTGRES_ENV})")
    return url


def drop_tables(url: str) -> None:
    engine = sa.create_engine(url)
    try:
        metadata.drop_all(engine)
    finally:
        engine.dispose()


def database(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    url = needs_postgres()
    drop_tables(url)
    yield url
    drop_tables(url)
