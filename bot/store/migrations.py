"""Versioned schema: ordered migrations, each applied once and recorded in ``schema_version``.

Each migration builds its own DDL with SQLAlchemy constructs (never hand-written SQL), so the same steps run on
SQLite and PostgreSQL; adding a column, which SQLAlchemy Core has no construct for, joins the dialect's own
rendering of the column to ``ALTER TABLE ... ADD COLUMN``. To change the schema, append a migration with the
next number (and update ``tables.py``); never edit one that has shipped. Migrations run in one transaction per
step at start-up, in every process that opens the store; a second process finding a step already applied
simply skips it.
"""

from __future__ import annotations

import contextlib
import logging
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from bot.store.reads import reading
from bot.store.tables import CONVERSATION_CHARS, PLACE_CHARS, schema_version

log = logging.getLogger(__name__)

Step = Callable[[Connection], None]
MIGRATION_LOCK = zlib.crc32(b"dispute-bot schema migration")


def _v1_answers_and_votes(conn: Connection) -> None:
    meta = sa.MetaData()
    sa.Table(
        "answers", meta,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("conversation", sa.String(200), nullable=True, index=True),
        sa.Column("question", sa.Text, nullable=True),
        sa.Column("answered", sa.Boolean, nullable=False),
        sa.Column("cited", sa.JSON, nullable=False),
        sa.Column("index_build", sa.String(200), nullable=False),
        sa.Column("expanded", sa.Boolean, nullable=False),
        sa.Column("searched_for", sa.Text, nullable=True),
        sa.Column("quote", sa.Text, nullable=True),
        sa.Column("alternatives", sa.JSON, nullable=False),
    )
    sa.Table(
        "votes", meta,
        sa.Column("answer_id", sa.String(32), sa.ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("voter", sa.String(64), primary_key=True),
        sa.Column("vote", sa.SmallInteger, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    meta.create_all(conn)


def _v2_shared_state(conn: Connection) -> None:
    """Event claims, rate-limit buckets, conversation turns and threads answered in, shared by every process."""
    meta = sa.MetaData()
    sa.Table(
        "handled_events", meta,
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("claimed_at", sa.Double, nullable=False, index=True),
    )
    sa.Table(
        "rate_buckets", meta,
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("tokens", sa.Double, nullable=False),
        sa.Column("updated", sa.Double, nullable=False, index=True),
        sa.Column("quiet_until", sa.Double, nullable=False),
    )
    sa.Table(
        "conversation_turns", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("conversation", sa.String(255), nullable=False, index=True),
        sa.Column("created_at", sa.Double, nullable=False, index=True),
        sa.Column("turn", sa.JSON, nullable=False),
    )
    sa.Table(
        "answered_threads", meta,
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("answered_at", sa.Double, nullable=False, index=True),
    )
    meta.create_all(conn)


def _v3_installations_and_leases(conn: Connection) -> None:
    """Slack's multi-workspace installs, in the shape slack_sdk's SQLAlchemy installation and OAuth state
    stores read and write (the tables are spelled out here, frozen, rather than taken from slack_sdk at run
    time; a test checks they still hold every column slack_sdk uses), and the Discord identify leases."""
    meta = sa.MetaData()
    def bot_columns() -> list[sa.Column[Any]]:
        return [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("client_id", sa.String(32), nullable=False),
            sa.Column("app_id", sa.String(32), nullable=False),
            sa.Column("enterprise_id", sa.String(32)),
            sa.Column("enterprise_name", sa.String(200)),
        ]

    def token_columns() -> list[sa.Column[Any]]:
        return [
            sa.Column("bot_token", sa.String(200)),
            sa.Column("bot_id", sa.String(32)),
            sa.Column("bot_user_id", sa.String(32)),
            sa.Column("bot_scopes", sa.String(1000)),
            sa.Column("bot_refresh_token", sa.String(200)),
            sa.Column("bot_token_expires_at", sa.DateTime),
        ]

    sa.Table(
        "slack_installations", meta,
        *bot_columns(),
        sa.Column("enterprise_url", sa.String(200)),
        sa.Column("team_id", sa.String(32)),
        sa.Column("team_name", sa.String(200)),
        *token_columns(),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("user_token", sa.String(200)),
        sa.Column("user_scopes", sa.String(1000)),
        sa.Column("user_refresh_token", sa.String(200)),
        sa.Column("user_token_expires_at", sa.DateTime),
        sa.Column("incoming_webhook_url", sa.String(200)),
        sa.Column("incoming_webhook_channel", sa.String(200)),
        sa.Column("incoming_webhook_channel_id", sa.String(200)),
        sa.Column("incoming_webhook_configuration_url", sa.String(200)),
        sa.Column("is_enterprise_install", sa.Boolean, nullable=False),
        sa.Column("token_type", sa.String(32)),
        sa.Column("installed_at", sa.DateTime, nullable=False),
        sa.Index("slack_installations_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
    )
    sa.Table(
        "slack_bots", meta,
        *bot_columns(),
        sa.Column("team_id", sa.String(32)),
        sa.Column("team_name", sa.String(200)),
        *token_columns(),
        sa.Column("is_enterprise_install", sa.Boolean, nullable=False),
        sa.Column("installed_at", sa.DateTime, nullable=False),
        sa.Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
    )
    sa.Table(
        "slack_oauth_states", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("state", sa.String(200), nullable=False),
        sa.Column("expire_at", sa.DateTime, nullable=False),
    )
    sa.Table(
        "discord_identify_leases", meta,
        sa.Column("bucket", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("until", sa.DateTime, nullable=False),
    )
    meta.create_all(conn)


def _add_column(conn: Connection, table: str, column: sa.Column[Any]) -> sa.Table:
    """``column`` added to ``table`` (existing rows get NULL); returns a table object holding it, for indexes."""
    holder = sa.Table(table, sa.MetaData(), column)
    rendered = sa.schema.CreateColumn(column).compile(dialect=conn.dialect)
    quoted = conn.dialect.identifier_preparer.format_table(holder)
    conn.execute(sa.DDL(f"ALTER TABLE {quoted} ADD COLUMN {rendered}"))
    return holder


def _v4_answer_places(conn: Connection) -> None:
    answers = _add_column(conn, "answers", sa.Column("place", sa.String(PLACE_CHARS), nullable=True))
    sa.Index("ix_answers_place", answers.c.place).create(conn)


def _v5_answered_threads_everywhere(conn: Connection) -> None:
    """``answered_threads`` joined migration 2 after a build had already shipped migration 2 without it: a
    database made then is at version 2 or later and still lacks the table (Slack answers then failed as they
    marked their thread). Created here when missing; a no-op everywhere else."""
    sa.Table(
        "answered_threads", sa.MetaData(),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("answered_at", sa.Double, nullable=False, index=True),
    ).create(conn, checkfirst=True)


def _v6_answer_parts(conn: Connection) -> None:
    """A message asking several questions is stored as one answer (its feedback buttons vote on the reply),
    with each question's outcome beside it, so a declined one reaches the knowledge-gap report."""
    _add_column(conn, "answers", sa.Column("parts", sa.JSON, nullable=True))


def _v7_replied_conversations(conn: Connection) -> None:
    """The conversations the bot replied in, whatever the reply (a timeline is stored as no answer): a Slack
    thread is followed after a restart by them."""
    sa.Table(
        "replied_conversations", sa.MetaData(),
        sa.Column("conversation", sa.String(CONVERSATION_CHARS), primary_key=True),
        sa.Column("replied_at", sa.DateTime, nullable=False, index=True),
    ).create(conn)


def _v8_threads_named_as_conversations(conn: Connection) -> None:
    """``answered_threads`` (shared state's record of the Slack threads the bot answered in) was keyed
    ``<channel>:<ts>``, and ``replied_conversations`` (the same fact without shared state) by the conversation,
    ``slack:thread:<channel>:<ts>``: switching ``SHARED_STATE`` off lost every thread recorded while it was on.
    The rows written so far are renamed to the conversation's name, which both are keyed by from now on."""
    table = sa.Table("answered_threads", sa.MetaData(), sa.Column("key", sa.String(255), primary_key=True),
                     sa.Column("answered_at", sa.Double))
    old = list(conn.execute(sa.select(table.c.key, table.c.answered_at)
                            .where(~table.c.key.startswith("slack:"), ~table.c.key.startswith("sha256:"))))
    for key, answered_at in old:
        renamed = f"slack:thread:{key}"
        conn.execute(sa.delete(table).where(table.c.key == key))
        if len(renamed) <= 255 and conn.scalar(sa.select(table.c.key).where(table.c.key == renamed)) is None:
            conn.execute(sa.insert(table).values(key=renamed, answered_at=answered_at))


# Numbers need not be contiguous (branches reserve theirs); each is applied once, in this order.
MIGRATIONS: list[tuple[int, str, Step]] = [
    (1, "answers and votes", _v1_answers_and_votes),
    (2, "shared state: handled events, rate-limit buckets, conversation turns, answered threads",
     _v2_shared_state),
    (3, "Slack installations and OAuth states, Discord identify leases", _v3_installations_and_leases),
    (4, "answers: the server or workspace asked in", _v4_answer_places),
    (5, "answered threads, where an early migration 2 lacked them", _v5_answered_threads_everywhere),
    (6, "answers: each question of a message asking several", _v6_answer_parts),
    (7, "conversations replied in, whatever the reply", _v7_replied_conversations),
    (8, "answered threads named as the conversations replied in are", _v8_threads_named_as_conversations),
]


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
    known = max(number for number, _, _ in MIGRATIONS)
    where = engine.url.render_as_string(hide_password=True)
    if version > known and where not in _TOLD_NEWER:
        _TOLD_NEWER.add(where)
        log.warning("the store at DATABASE_URL has schema version %d, newer than this release knows (%d): a newer "
                    "release migrated it; run that release, as writes this one makes may fail", version, known)
