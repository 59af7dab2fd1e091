"""The one store for answers, votes and conversation turns (SQLAlchemy 2, SQLite by default).

Every method is synchronous and does blocking I/O: the command core calls them from its single store thread,
never from an event loop. SQLite gets WAL (readers never wait for the writer), a busy timeout and foreign
keys (``bot.store.engines``); the schema is created and migrated on open (``migrations.py``). Nothing here is
SQLite-only SQL, so ``DATABASE_URL`` can name PostgreSQL instead.

What is kept depends on the history mode (see ``HistoryMode``); user ids are never stored, only an HMAC of
them, keyed by a secret from the settings, so a vote can be changed by its author but not traced to them.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from bot.conversations import TTL_SECONDS as TURN_TTL_SECONDS
from bot.store.engines import open_engine
from bot.store.migrations import migrate
from bot.store.reads import reading
from bot.store.records import AnswerRecord, HistoryMode, VoteOutcome
from bot.store.tables import (
    CONVERSATION_CHARS,
    KEY_CHARS,
    PLACE_CHARS,
    answered_threads,
    answers,
    conversation_turns,
    fit_key,
    replied_conversations,
    votes,
)
from bot.store.upserts import set_time

log = logging.getLogger(__name__)

PRUNE_EVERY = timedelta(hours=1)


def _conversation(conversation: str | None) -> str | None:
    return fit_key(conversation, CONVERSATION_CHARS) if conversation else conversation


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # naive UTC: the same on every database


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

    def conversation_of(self, answer_id: str) -> str | None:
        """The conversation the stored answer ``answer_id`` was given in, as renamed since (a channel question's
        moves to the thread on its answer); None for an answer not stored or past retention."""
        with reading(self.engine) as conn:
            row = conn.execute(sa.select(answers.c.conversation)
                               .where(answers.c.id == answer_id, answers.c.created_at >= self.cutoff())).first()
        return str(row[0]) if row is not None and row[0] else None

    def answered_in(self, conversation: str, since: datetime) -> bool:
        """Whether the bot replied in ``conversation`` since ``since`` (within retention): an answer stored, any
        reply marked (``mark_replied``), or a thread shared state recorded (``answered_threads``, which is kept
        instead of ``replied_conversations`` while ``SHARED_STATE`` is on: read here, a thread answered then is
        still followed once it is turned off)."""
        key, since = _conversation(conversation), max(since, self.cutoff())
        with reading(self.engine) as conn:
            row = conn.execute(sa.select(answers.c.id).where(
                answers.c.conversation == key, answers.c.created_at >= since).limit(1)).first()
            if row is None:
                row = conn.execute(sa.select(replied_conversations.c.conversation).where(
                    replied_conversations.c.conversation == key, replied_conversations.c.replied_at >= since)).first()
            if row is None:
                row = conn.execute(sa.select(answered_threads.c.key).where(
                    answered_threads.c.key == fit_key(conversation, KEY_CHARS),
                    answered_threads.c.answered_at >= since.replace(tzinfo=UTC).timestamp())).first()
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
