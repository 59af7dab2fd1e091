"""The schema's steps, in order: each builds its own DDL with SQLAlchemy constructs (never hand-written SQL), so
the same steps run on SQLite and PostgreSQL. To change the schema, append a step with the next number (and
update ``tables.py``); never edit one that has shipped. ``migrations.py`` applies them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.store.tables import CONVERSATION_CHARS, PLACE_CHARS

Step = Callable[[Connection], None]


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
    """``column`` added to ``table`` (existing rows get NULL); returns a table object holding it, for indexes.
    SQLAlchemy Core has no construct for adding a column: the dialect's own rendering of the column is joined
    to ``ALTER TABLE ... ADD COLUMN``."""
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


def _v9_moderator_changes(conn: Connection) -> None:
    """Every moderator change, who made it where, what it named and changed, and how it ended: the audit log
    alone said it, to whoever could read the bot's log while it was kept."""
    sa.Table(
        "moderator_changes", sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False, index=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(200), nullable=False),
        sa.Column("user_name", sa.String(200), nullable=True),
        sa.Column("place", sa.String(PLACE_CHARS), nullable=True),
        sa.Column("given", sa.JSON, nullable=False),
        sa.Column("articles", sa.JSON, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
    ).create(conn)


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
    (9, "moderator changes: who added, removed or rebuilt what, and how it ended", _v9_moderator_changes),
]
