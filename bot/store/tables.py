"""The current shape of the stored tables, for queries. Migrations (``schema_steps.py``) create and change them;
when a migration changes a table, its definition here changes with it."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

metadata = sa.MetaData()
CONVERSATION_CHARS = 200
KEY_CHARS = 255
PLACE_CHARS = 200


def fit_key(key: str, limit: int) -> str:
    """A key that fits its column: a longer one is replaced by its hash (still unique, never truncated into
    another). A conversation id comes from outside (``ask --json`` takes any string)."""
    return key if len(key) <= limit else "sha256:" + hashlib.sha256(key.encode()).hexdigest()


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
    sa.Column("conversation", sa.String(CONVERSATION_CHARS), nullable=True, index=True),
    sa.Column("question", sa.Text, nullable=True),  # NULL in anonymized mode
    sa.Column("answered", sa.Boolean, nullable=False),
    sa.Column("cited", sa.JSON, nullable=False),  # [{"doc_id", "chunk", "start", "end"}]
    sa.Column("index_build", sa.String(200), nullable=False),
    sa.Column("expanded", sa.Boolean, nullable=False),
    sa.Column("searched_for", sa.Text, nullable=True),  # NULL in anonymized mode
    sa.Column("quote", sa.Text, nullable=True),  # the first quote: article text, never the user's
    sa.Column("alternatives", sa.JSON, nullable=False),  # next-best passages, offered after a 👎
    # The server or workspace asked in ("discord:<guild id>", "slack:<team id>"; migration 4): a moderator's
    # /report covers their own. NULL for a Discord DM, the terminal and the CLI, and answers stored before.
    sa.Column("place", sa.String(PLACE_CHARS), nullable=True, index=True),
    # A message asking several questions (migration 6): each question's outcome, in the order asked,
    # [{"question", "answered", "expanded", "searched_for"}] (question and searched_for NULL unless full mode).
    # The report counts each as a question of its own. NULL for a message asking one, and answers stored before.
    sa.Column("parts", sa.JSON, nullable=True),
)

votes = sa.Table(
    "votes", metadata,
    sa.Column("answer_id", sa.String(32), sa.ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("voter", sa.String(64), primary_key=True),  # HMAC-SHA256 of the platform user id
    sa.Column("vote", sa.SmallInteger, nullable=False),  # +1 or -1
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# Shared state of the bot processes (migration 2): what N replicas must agree on. Times are Unix seconds
# from the replicas' clocks (NTP-synchronised), since none of these outlive an hour or two.
handled_events = sa.Table(
    "handled_events", metadata,
    sa.Column("key", sa.String(255), primary_key=True),  # "event:<id>", "post:<channel>:<ts>"
    sa.Column("claimed_at", sa.Double, nullable=False, index=True),
)

rate_buckets = sa.Table(
    "rate_buckets", metadata,
    sa.Column("key", sa.String(255), primary_key=True),  # "<platform>:<user id>"
    sa.Column("tokens", sa.Double, nullable=False),
    sa.Column("updated", sa.Double, nullable=False, index=True),
    sa.Column("quiet_until", sa.Double, nullable=False),  # refusals before this were already announced
)

conversation_turns = sa.Table(
    "conversation_turns", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conversation", sa.String(255), nullable=False, index=True),
    sa.Column("created_at", sa.Double, nullable=False, index=True),
    sa.Column("turn", sa.JSON, nullable=False),  # {"question", "doc_ids", "sentences", "answered"}
)

answered_threads = sa.Table(
    "answered_threads", metadata,
    # The conversation the bot answered in, as ``replied_conversations`` names it ("slack:thread:<channel>:<ts>";
    # migration 8: "<channel>:<ts>" before), so that ``db.Store.answered_in`` reads both.
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("answered_at", sa.Double, nullable=False, index=True),
)

# The conversations the bot replied in (migration 7), whatever the reply: an answer is in ``answers`` too, but a
# timeline is not, and a Slack thread whose only reply was one was no longer followed after a restart. Kept, as
# answers are, for the retention period; read for the week a thread is followed.
replied_conversations = sa.Table(
    "replied_conversations", metadata,
    sa.Column("conversation", sa.String(CONVERSATION_CHARS), primary_key=True),
    sa.Column("replied_at", sa.DateTime, nullable=False, index=True),  # UTC, the latest reply there
)

# Slack's installations and OAuth states are read and written by slack_sdk's SQLAlchemy stores (bot/slack/oauth.py),
# which define those tables themselves; migration 3 creates them. The Discord identify leases are ours:
discord_identify_leases = sa.Table(
    "discord_identify_leases", metadata,
    sa.Column("bucket", sa.Integer, primary_key=True, autoincrement=False),  # shard_id % max_concurrency
    sa.Column("holder", sa.String(200), nullable=False),  # which process and shard identified last
    sa.Column("until", sa.DateTime, nullable=False),  # UTC; the next IDENTIFY in this bucket waits until then
)

# Every moderator change (migration 9): an add, a remove or a rebuild, from chat or the CLI, whatever became of
# it. The ``dispute_bot.audit`` log said the same, but only to whoever could read the bot's log, and only while
# it was kept. Kept for good (a few rows a day, whatever HISTORY_MODE says: it records moderators, not readers).
moderator_changes = sa.Table(
    "moderator_changes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False, index=True),  # UTC, when the change ended
    sa.Column("action", sa.String(16), nullable=False),  # "add", "remove", "rebuild"
    sa.Column("platform", sa.String(16), nullable=False),  # "discord", "slack", "terminal", "cli"
    sa.Column("user_id", sa.String(200), nullable=False),  # the platform's id; the login name on the CLI
    sa.Column("user_name", sa.String(200), nullable=True),
    sa.Column("place", sa.String(PLACE_CHARS), nullable=True),  # "discord:<guild id>", "slack:<team id>"
    sa.Column("given", sa.JSON, nullable=False),  # what the moderator named: files, addresses, an id
    sa.Column("articles", sa.JSON, nullable=False),  # [{"doc_id", "title", "url", "change"}] it changed
    sa.Column("outcome", sa.String(16), nullable=False),  # "published", "unchanged", "refused", "failed"
    sa.Column("reason", sa.Text, nullable=True),  # why refused or failed; files refused in a published add
)
