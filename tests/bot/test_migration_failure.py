"""A schema step that fails stops the migration: the error reaches the caller (the bot does not start), its
version is not recorded, nothing it did is kept, and no later step runs over the schema it left unfinished.

``_migrate`` catches errors for one case only, another process having applied the same step first; any other
failure must still be raised. SQLite and (under ``make test-postgres``) PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.store import migrations
from bot.store.engines import open_engine
from bot.store.migrations import MIGRATIONS, applied_versions, current_version, migrate

HALF_DONE = "half_done_step"


def _raises_operational_error(conn: Connection) -> None:
    sa.Table(HALF_DONE, sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True)).create(conn)
    raise OperationalError("ALTER TABLE answers ...", {}, Exception("disk I/O error"))


def _database_refuses(conn: Connection) -> None:
    sa.Table(HALF_DONE, sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True)).create(conn)
    conn.execute(sa.text("UPDATE no_such_table SET x = 1"))  # SQLite: OperationalError; PostgreSQL: Programming


def _never_run(conn: Connection) -> None:
    raise AssertionError("a step after the failed one ran")


@pytest.mark.parametrize("failing", [_raises_operational_error, _database_refuses])
def test_a_failing_step_is_raised_and_leaves_the_stored_version(
    db_url: str, monkeypatch: pytest.MonkeyPatch, failing: Callable[[Connection], None]
) -> None:
    engine = open_engine(db_url)
    try:
        shipped = migrate(engine)
        newest = max(number for number, _, _ in MIGRATIONS)
        assert shipped == newest
        monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, (newest + 1, "fails", failing),
                                                       (newest + 2, "after", _never_run)])
        with pytest.raises(DBAPIError):  # OperationalError, or PostgreSQL's ProgrammingError for a missing table
            migrate(engine)
        with engine.connect() as conn:
            assert current_version(conn) == newest
            assert applied_versions(conn) == {number for number, _, _ in MIGRATIONS}
        assert not sa.inspect(engine).has_table(HALF_DONE), "the failed step's work was kept"
        with pytest.raises(DBAPIError):  # and again at the next start: nothing was marked done
            migrate(engine)
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {HALF_DONE}"))
        engine.dispose()
