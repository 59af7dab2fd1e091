"""A row's time set, the row inserted if it is new: the one write of "the bot answered in this thread"
(``shared.SharedState.mark_thread``) and "the bot replied in this conversation" (``db.Store.mark_replied``)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection


def set_time(conn: Connection, table: sa.Table, key_column: str, key: Any, time_column: str, when: Any) -> None:
    """``table``'s row keyed ``key`` now has ``when`` in ``time_column``: in one statement on PostgreSQL and
    SQLite (ON CONFLICT DO UPDATE), so two processes marking one key at once both succeed; elsewhere an update,
    then an insert when no row was there (which a concurrent insert can make fail with IntegrityError)."""
    dialect = conn.dialect.name
    if dialect in ("postgresql", "sqlite"):
        insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
        conn.execute(insert.values({key_column: key, time_column: when})
                     .on_conflict_do_update(index_elements=[key_column], set_={time_column: when}))
        return
    if not conn.execute(sa.update(table).where(table.c[key_column] == key).values({time_column: when})).rowcount:
        conn.execute(sa.insert(table).values({key_column: key, time_column: when}))
