"""The one store for answers, votes and conversation turns (SQLAlchemy 2, SQLite by default).

Every method is synchronous and does blocking I/O: the command core calls them from its single store thread,
never from an event loop. SQLite gets WAL (readers never wait for the writer), a busy timeout and foreign
keys; the schema is created and migrated on open (``migrations.py``). Nothing here is SQLite-only SQL, so
``DATABASE_URL`` can name PostgreSQL instead.

What is kept depends on the history mode (see ``HistoryMode``); user ids are never stored, only an HMAC of
them, keyed by a secret from the settings, so a vote can be changed by its author but not traced to them.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from bot.conversations import TTL_SECONDS as TURN_TTL_SECONDS
from bot.store.migrations import migrate
from bot.store.reads import READ_ONLY, reading
from bot.store.tables import (
    CONVERSATION_CHARS,
    PLACE_CHARS,
    answers,
    conversation_turns,
    fit_key,
    replied_conversations,
    votes,
)
from bot.store.upserts import set_time

log = logging.getLogger(__name__)

PRUNE_EVERY = timedelta(hours=1)


class HistoryMode(Enum):
    FULL = "full"  # questions, answers and votes
    ANONYMIZED = "anonymized"  # the same without the question text (nor what a follow-up searched for)
    OFF = "off"  # nothing is stored


class VoteOutcome(Enum):
    RECORDED = "recorded"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    UNKNOWN_ANSWER = "unknown"  # pruned, or never recorded


@dataclass(frozen=True)
class PartRecord:
    """One question of a message asking several, and whether it was answered: the report counts it as a
    question of its own (a declined one is a knowledge gap though the reply answered the others)."""

    question: str
    answered: bool
    expanded: bool = False
    searched_for: str | None = None


@dataclass(frozen=True)
class AnswerRecord:
    id: str
    platform: str
    conversation: str | None
    question: str
    answered: bool
    cited: list[dict[str, Any]]
    index_build: str
    searched_for: str | None = None
    quote: str | None = None
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    place: str | None = None  # the server or workspace asked in (``Actor.home``); None in DMs and locally
    # A follow-up searched with words from earlier turns (the report counts them). None: whenever
    # ``searched_for`` is set, as before mended spelling set it too.
    expanded: bool | None = None
    # The questions of a message asking several, each answered on its own; empty when it asked one.
    parts: list[PartRecord] = field(default_factory=list)


def _conversation(conversation: str | None) -> str | None:
    return fit_key(conversation, CONVERSATION_CHARS) if conversation else conversation


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # naive UTC: the same on every database


# Seconds a connection keeps asking for WAL while other processes switch a new database to it (as long as
# the busy timeout above).
WAL_SWITCH_SECONDS = 5.0


def _switch_to_wal(cursor: Any) -> None:
    """Two processes switching a new database to WAL at once each hold a read lock and want the write lock,
    and SQLite refuses one of them at once ("database is locked") instead of calling the busy handler, which
    could deadlock there: two bot processes started together on a new DATABASE_URL lost one of them. WAL is
    kept in the file, so the one refused asks again shortly and finds it already set."""
    deadline = time.monotonic() + WAL_SWITCH_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def _sqlite_setup(engine: Engine) -> None:
    """WAL, a busy timeout and enforced foreign keys; and transactions that really begin (pysqlite would
    otherwise run DDL outside them, so a half-applied migration could be left behind).

    A transaction begins IMMEDIATE, taking the write lock up front (waiting out the busy timeout for it): a
    deferred one that reads and then writes (a vote, a conversation renamed) fails at once with "database is
    locked" when another process wrote in between. Connections from ``reads.reading`` begin deferred."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # The timeout first: switching to WAL needs a lock too, and a second process opening a new database
        # while the first creates it would otherwise fail at once with "database is locked".
        cursor.execute("PRAGMA busy_timeout=5000")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


# Seconds a PostgreSQL connection may take to open (libpq's ``connect_timeout``). Without it, a database host
# that silently drops packets held a store thread, or the build lock, for the OS's TCP timeout: minutes.
CONNECT_TIMEOUT_SECONDS = 5


def _server_options(parsed: sa.engine.URL) -> dict[str, Any]:
    """A server database's engine options: a connection checked before use (one the server dropped is
    replaced, not failed on) and, for PostgreSQL, a bounded connect, unless ``DATABASE_URL`` sets its own."""
    options: dict[str, Any] = {"pool_pre_ping": True}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    return options


def open_engine(url: str) -> Engine:
    """The engine of every store, the build lock and shared state; SQLite's options are its own."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed)
        _sqlite_setup(engine)
        return engine
    return sa.create_engine(parsed, **_server_options(parsed))


class Store:
    def __init__(self, url: str, vote_key: bytes, mode: HistoryMode = HistoryMode.FULL,
                 retention_days: int = 90, clock: Callable[[], datetime] = utcnow) -> None:
        if not vote_key:
            raise ValueError("the vote HMAC key must not be empty")
        self.mode = mode
        self.retention = timedelta(days=retention_days)
        self._key = vote_key
        self._clock = clock
        self.engine = open_engine(url)
        self.version = migrate(self.engine)
        self._pruned_at: datetime | None = None
        try:
            self.prune()
        except OperationalError as exc:  # a read-only copy can still be reported on; reads skip expired rows
            log.warning("could not prune old answers: %s", str(exc).splitlines()[0])

    def close(self) -> None:
        self.engine.dispose()

    def voter(self, platform: str, user_id: str) -> str:
        return hmac.new(self._key, f"{platform}:{user_id}".encode(), hashlib.sha256).hexdigest()

    # -- writes --------------------------------------------------------------------------------------

    def record_answer(self, record: AnswerRecord) -> bool:
        if self.mode is HistoryMode.OFF:
            return False
        full = self.mode is HistoryMode.FULL
        with self.engine.begin() as conn:
            conn.execute(sa.insert(answers).values(
                id=record.id, created_at=self._clock(), platform=record.platform,
                conversation=_conversation(record.conversation), question=record.question if full else None,
                answered=record.answered, cited=record.cited, index_build=record.index_build,
                expanded=(record.searched_for is not None if record.expanded is None else record.expanded),
                searched_for=record.searched_for if full else None,
                quote=record.quote, alternatives=record.alternatives,
                place=fit_key(record.place, PLACE_CHARS) if record.place else None,
                parts=[{"question": p.question if full else None, "answered": p.answered, "expanded": p.expanded,
                        "searched_for": p.searched_for if full else None} for p in record.parts] or None,
            ))
        self._maybe_prune()
        return True

    def vote(self, answer_id: str, platform: str, user_id: str, value: int) -> VoteOutcome:
        """One vote per person and answer; a second click with the other vote changes it."""
        if value not in (1, -1):
            raise ValueError("a vote is +1 or -1")
        self._maybe_prune()
        voter = self.voter(platform, user_id)
        key = (votes.c.answer_id == answer_id) & (votes.c.voter == voter)
        kept = (answers.c.id == answer_id) & (answers.c.created_at >= self.cutoff())
        for _ in range(2):  # a concurrent first vote by the same person: the second try updates it
            try:
                with self.engine.begin() as conn:
                    if conn.scalar(sa.select(answers.c.id).where(kept)) is None:
                        return VoteOutcome.UNKNOWN_ANSWER
                    previous = conn.scalar(sa.select(votes.c.vote).where(key))
                    if previous == value:
                        return VoteOutcome.UNCHANGED
                    if previous is None:
                        conn.execute(sa.insert(votes).values(answer_id=answer_id, voter=voter, vote=value,
                                                             created_at=self._clock()))
                        return VoteOutcome.RECORDED
                    conn.execute(sa.update(votes).where(key).values(vote=value, created_at=self._clock()))
                    return VoteOutcome.CHANGED
            except IntegrityError:
                continue
        raise RuntimeError("could not record the vote")

    def mark_replied(self, conversation: str) -> None:
        """The bot replied in ``conversation`` now, whatever the reply (``answered_in`` reads it): a timeline is
        stored as no answer, and a Slack thread whose only reply was one was no longer followed after a
        restart. Nothing under ``HistoryMode.OFF``."""
        if self.mode is HistoryMode.OFF:
            return
        key, now = _conversation(conversation), self._clock()
        for _ in range(2):  # (not PostgreSQL or SQLite) another process's first reply there at once: try again
            try:
                with self.engine.begin() as conn:
                    set_time(conn, replied_conversations, "conversation", key, "replied_at", now)
                return
            except IntegrityError:
                continue

    def rename_conversation(self, old: str, new: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(sa.update(answers).where(answers.c.conversation == _conversation(old))
                         .values(conversation=_conversation(new)))

    def cutoff(self) -> datetime:
        """Answers from before this are past retention: never shown or voted on, even before a prune runs."""
        return self._clock() - self.retention

    def prune(self) -> int:
        """Delete answers (and their votes) older than the retention period, and follow-up turns shared
        through the store past their hour; under any mode but full, every turn: no replica keeps them in the
        store then, so what an earlier full mode kept would otherwise stay there for good."""
        cutoff = self.cutoff()
        now = self._clock().replace(tzinfo=UTC).timestamp()  # the clock is naive UTC; turns are epoch seconds
        turns_before = now - TURN_TTL_SECONDS if self.mode is HistoryMode.FULL else float("inf")
        with self.engine.begin() as conn:
            old = sa.select(answers.c.id).where(answers.c.created_at < cutoff)
            conn.execute(sa.delete(votes).where(votes.c.answer_id.in_(old)))
            deleted = conn.execute(sa.delete(answers).where(answers.c.created_at < cutoff)).rowcount
            conn.execute(sa.delete(replied_conversations).where(replied_conversations.c.replied_at < cutoff))
            turns = conn.execute(sa.delete(conversation_turns)
                                 .where(conversation_turns.c.created_at < turns_before)).rowcount
        self._pruned_at = self._clock()
        if turns:
            log.info("deleted %d follow-up turns (past their hour, or HISTORY_MODE=%s)", turns, self.mode.value)
        if deleted:
            log.info("pruned %d answers older than %d days", deleted, self.retention.days)
        return int(deleted or 0)

    def _maybe_prune(self) -> None:
        if self._pruned_at is None or self._clock() - self._pruned_at >= PRUNE_EVERY:
            self.prune()

    # -- reads ---------------------------------------------------------------------------------------

    def alternatives(self, answer_id: str) -> list[dict[str, Any]] | None:
        with reading(self.engine) as conn:
            row = conn.execute(sa.select(answers.c.alternatives)
                               .where(answers.c.id == answer_id, answers.c.created_at >= self.cutoff())).first()
        return None if row is None else list(row[0] or [])

    def answered_in(self, conversation: str, since: datetime) -> bool:
        """Whether the bot replied in ``conversation`` since ``since`` (within retention): an answer stored, or
        any reply marked (``mark_replied``)."""
        key, since = _conversation(conversation), max(since, self.cutoff())
        with reading(self.engine) as conn:
            row = conn.execute(sa.select(answers.c.id).where(
                answers.c.conversation == key, answers.c.created_at >= since).limit(1)).first()
            if row is None:
                row = conn.execute(sa.select(replied_conversations.c.conversation).where(
                    replied_conversations.c.conversation == key, replied_conversations.c.replied_at >= since)).first()
        return row is not None

    def _asked(self, since: datetime, place: str | None) -> sa.ColumnElement[bool]:
        """Answers given since ``since``; with ``place``, only those asked there (a moderator's own server)."""
        when = answers.c.created_at >= max(since, self.cutoff())
        return when if place is None else sa.and_(when, answers.c.place == fit_key(place, PLACE_CHARS))

    def answers_since(self, since: datetime, place: str | None = None) -> list[sa.Row[Any]]:
        """Oldest first."""
        with reading(self.engine) as conn:
            return list(conn.execute(sa.select(answers.c.id, answers.c.answered, answers.c.expanded,
                                               answers.c.question, answers.c.searched_for, answers.c.parts)
                                     .where(self._asked(since, place))
                                     .order_by(answers.c.created_at, answers.c.id)))

    def most_down_voted(self, since: datetime, limit: int, place: str | None = None) -> list[sa.Row[Any]]:
        """Answers given since ``since`` with at least one 👎, most 👎 first (then fewest 👍), with what they
        cited. Votes are counted apart and joined: PostgreSQL cannot group by the JSON ``cited``."""
        down = sa.func.sum(sa.case((votes.c.vote < 0, 1), else_=0))
        up = sa.func.sum(sa.case((votes.c.vote > 0, 1), else_=0))
        tally = (sa.select(votes.c.answer_id, down.label("down"), up.label("up"))
                 .group_by(votes.c.answer_id).having(down > 0).subquery())
        query = (sa.select(answers.c.id, answers.c.question, answers.c.quote, answers.c.answered,
                           answers.c.cited, tally.c.down, tally.c.up)
                 .join(tally, tally.c.answer_id == answers.c.id)
                 .where(self._asked(since, place))
                 .order_by(tally.c.down.desc(), tally.c.up.asc(), answers.c.id)
                 .limit(limit))
        with reading(self.engine) as conn:
            return list(conn.execute(query))
