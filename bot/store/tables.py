"""The current shape of the stored tables, for queries. Migrations (``migrations.py``) create and change them;
when a migration changes a table, its definition here changes with it."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)

answers = sa.Table(
    "answers", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("created_at", sa.DateTime, nullable=False, index=True),  # UTC
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("conversation", sa.String(200), nullable=True, index=True),
    sa.Column("question", sa.Text, nullable=True),  # NULL in anonymized mode
    sa.Column("answered", sa.Boolean, nullable=False),
    sa.Column("cited", sa.JSON, nullable=False),  # [{"doc_id", "chunk", "start", "end"}]
    sa.Column("index_build", sa.String(200), nullable=False),
    sa.Column("expanded", sa.Boolean, nullable=False),
    sa.Column("searched_for", sa.Text, nullable=True),  # NULL in anonymized mode
    sa.Column("quote", sa.Text, nullable=True),  # the first quote: article text, never the user's
    sa.Column("alternatives", sa.JSON, nullable=False),  # next-best passages, offered after a 👎
)

votes = sa.Table(
    "votes", metadata,
    sa.Column("answer_id", sa.String(32), sa.ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("voter", sa.String(64), primary_key=True),  # HMAC-SHA256 of the platform user id
    sa.Column("vote", sa.SmallInteger, nullable=False),  # +1 or -1
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# Slack's installations and OAuth states are read and written by slack_sdk's SQLAlchemy stores (bot/slack/oauth.py),
# which define those tables themselves; migration 3 creates them. The Discord identify leases are ours:
discord_identify_leases = sa.Table(
    "discord_identify_leases", metadata,
    sa.Column("bucket", sa.Integer, primary_key=True, autoincrement=False),  # shard_id % max_concurrency
    sa.Column("holder", sa.String(200), nullable=False),  # which process and shard identified last
    sa.Column("until", sa.DateTime, nullable=False),  # UTC; the next IDENTIFY in this bucket waits until then
)
