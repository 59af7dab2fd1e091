"""The state bot processes share through the database: handled events, rate-limit buckets, conversation turns
and the threads the bot answered in.

Several replicas behind a load balancer must behave as one bot: an event Slack retries to another replica is
answered once, a user's rate limit holds whichever replica they reach, and a follow-up finds the earlier turns.
Every step that decides something is atomic in the database, not in a process:

- a claim is an INSERT that loses on the primary key (``ON CONFLICT DO NOTHING``), so of any number of
  processes claiming one key exactly one wins;
- a rate-limit check first UPDATEs its bucket's row, which takes the row lock on PostgreSQL (like
  ``SELECT … FOR UPDATE``) and the write lock on SQLite, so the read, the refill and the take that follow in
  the same transaction are one step for every process; a first check INSERTs the row and retries if another
  process inserted it first.

Methods are synchronous and block on the database: callers run them off the event loop. Times are Unix
seconds passed in by the caller, from the replicas' (synchronised) clocks.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from bot.store.engines import open_engine
from bot.store.migrations import migrate
from bot.store.reads import reading
from bot.store.tables import KEY_CHARS, answered_threads, conversation_turns, fit_key, handled_events, rate_buckets
from bot.store.upserts import set_time

ATTEMPTS = 5


def db_key(key: str) -> str:
    return fit_key(key, KEY_CHARS)


class SharedStore:
    def __init__(self, url: str) -> None:
        self.engine: Engine = open_engine(url)
        self.version = migrate(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def ping(self) -> None:
        """One trivial query: whether the database answers (``Breaker.probe``)."""
        with self.engine.connect() as conn:
            conn.execute(sa.select(1))

    def close(self) -> None:
        self.engine.dispose()

    # -- event de-duplication -------------------------------------------------------------------------

    def _insert_claim(self, conn: Connection, key: str, now: float) -> bool:
        values = {"key": key, "claimed_at": now}
        if self.dialect in ("postgresql", "sqlite"):
            insert = (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(handled_events)
            inserted = insert.values(**values).on_conflict_do_nothing(index_elements=["key"])
            return conn.execute(inserted.returning(handled_events.c.key)).first() is not None
        try:  # any other database: the unique key still decides, through the error it raises
            with conn.begin_nested():
                conn.execute(sa.insert(handled_events).values(**values))
            return True
        except IntegrityError:
            return False

    def claim(self, key: str, now: float, ttl: float) -> bool:
        """True for exactly one caller per key within ``ttl`` seconds, across every process."""
        key = db_key(key)
        with self.engine.begin() as conn:
            if self._insert_claim(conn, key, now):
                return True
            # A claim older than the TTL (not yet pruned) is taken over by exactly one caller.
            taken = conn.execute(sa.update(handled_events)
                                 .where(handled_events.c.key == key, handled_events.c.claimed_at < now - ttl)
                                 .values(claimed_at=now))
            return bool(taken.rowcount == 1)

    def is_claimed(self, key: str, now: float, ttl: float) -> bool:
        with reading(self.engine) as conn:
            return conn.scalar(sa.select(handled_events.c.key).where(
                handled_events.c.key == db_key(key), handled_events.c.claimed_at >= now - ttl)) is not None

    def prune_claims(self, before: float) -> int:
        with self.engine.begin() as conn:
            return int(conn.execute(sa.delete(handled_events).where(handled_events.c.claimed_at < before))
                       .rowcount or 0)

    # -- rate-limit buckets ---------------------------------------------------------------------------

    def take_token(self, key: str, now: float, rate: float, burst: int) -> tuple[bool, float, bool]:
        """``(allowed, retry_after, notify)`` for one question from ``key``; see ``bot.ratelimit``."""
        key = db_key(key)
        row_of = rate_buckets.c.key == key
        for _ in range(ATTEMPTS):
            try:
                with self.engine.begin() as conn:
                    # Lock the row (PostgreSQL) / the database (SQLite) before reading it.
                    locked = conn.execute(sa.update(rate_buckets).where(row_of)
                                          .values(updated=rate_buckets.c.updated)).rowcount
                    if not locked:
                        conn.execute(sa.insert(rate_buckets).values(key=key, tokens=float(burst) - 1.0,
                                                                    updated=now, quiet_until=0.0))
                        return True, 0.0, False
                    row = conn.execute(sa.select(rate_buckets.c.tokens, rate_buckets.c.updated,
                                                 rate_buckets.c.quiet_until).where(row_of)).one()
                    tokens = min(float(burst), row.tokens + max(0.0, now - row.updated) * rate)
                    if tokens >= 1.0:
                        conn.execute(sa.update(rate_buckets).where(row_of).values(tokens=tokens - 1.0, updated=now))
                        return True, 0.0, False
                    retry_after = (1.0 - tokens) / rate
                    notify = now >= row.quiet_until
                    conn.execute(sa.update(rate_buckets).where(row_of).values(
                        tokens=tokens, updated=now, quiet_until=now + retry_after if notify else row.quiet_until))
                    return False, retry_after, notify
            except IntegrityError:
                continue  # another process created the bucket first: take from that one
        raise RuntimeError(f"could not update the rate-limit bucket {key!r}")

    def prune_buckets(self, idle_before: float, now: float) -> int:
        """Buckets untouched since ``idle_before`` are full again: forgetting them changes nothing."""
        with self.engine.begin() as conn:
            return int(conn.execute(sa.delete(rate_buckets).where(
                rate_buckets.c.updated < idle_before, rate_buckets.c.quiet_until < now)).rowcount or 0)

    # -- conversation turns ---------------------------------------------------------------------------

    def turns(self, conversation: str, since: float, limit: int) -> list[dict[str, Any]]:
        """The newest ``limit`` turns since ``since``, oldest first."""
        with reading(self.engine) as conn:
            rows = conn.execute(sa.select(conversation_turns.c.turn)
                                .where(conversation_turns.c.conversation == db_key(conversation),
                                       conversation_turns.c.created_at >= since)
                                .order_by(conversation_turns.c.id.desc()).limit(limit))
            return [dict(row.turn) for row in rows][::-1]

    def add_turn(self, conversation: str, turn: dict[str, Any], now: float, keep: int) -> None:
        """Append a turn and drop the conversation's turns beyond the newest ``keep``."""
        key = db_key(conversation)
        of = conversation_turns.c.conversation == key
        with self.engine.begin() as conn:
            conn.execute(sa.insert(conversation_turns).values(conversation=key, created_at=now, turn=turn))
            kept = list(conn.scalars(sa.select(conversation_turns.c.id).where(of)
                                     .order_by(conversation_turns.c.id.desc()).limit(keep)))
            conn.execute(sa.delete(conversation_turns).where(of, conversation_turns.c.id < min(kept)))

    def rename_turns(self, old: str, new: str, keep: int | None = None) -> None:
        """The turns of ``old`` continue as ``new`` (replacing any ``new`` had); nothing when ``old`` has none.
        With ``keep``, a rename made late (after an outage) joins them to the turns ``new`` has by then, which
        another replica may have written, and keeps the newest ``keep``: replacing them lost those turns."""
        old_key, new_key = db_key(old), db_key(new)
        of_new = conversation_turns.c.conversation == new_key
        with self.engine.begin() as conn:
            if conn.scalar(sa.select(sa.func.count()).select_from(conversation_turns)
                           .where(conversation_turns.c.conversation == old_key)):
                if keep is None:
                    conn.execute(sa.delete(conversation_turns).where(of_new))
                conn.execute(sa.update(conversation_turns).where(conversation_turns.c.conversation == old_key)
                             .values(conversation=new_key))
                if keep is not None:
                    kept = list(conn.scalars(sa.select(conversation_turns.c.id).where(of_new)
                                             .order_by(conversation_turns.c.id.desc()).limit(keep)))
                    conn.execute(sa.delete(conversation_turns).where(of_new, conversation_turns.c.id < min(kept)))

    def prune_turns(self, before: float, max_rows: int) -> int:
        """Turns older than ``before``, and the oldest beyond ``max_rows`` in all (a bound however busy)."""
        with self.engine.begin() as conn:
            deleted = conn.execute(sa.delete(conversation_turns).where(conversation_turns.c.created_at < before))
            count = int(deleted.rowcount or 0)
            cutoff = conn.scalar(sa.select(conversation_turns.c.id).order_by(conversation_turns.c.id.desc())
                                 .offset(max_rows).limit(1))
            if cutoff is not None:
                count += int(conn.execute(sa.delete(conversation_turns)
                                          .where(conversation_turns.c.id <= cutoff)).rowcount or 0)
        return count

    # -- threads the bot answered in (follow-ups there need no mention) --------------------------------

    def mark_thread(self, key: str, now: float) -> None:
        key = db_key(key)
        with self.engine.begin() as conn:
            set_time(conn, answered_threads, "key", key, "answered_at", now)

    def thread_answered(self, key: str, since: float) -> bool:
        with reading(self.engine) as conn:
            return conn.scalar(sa.select(answered_threads.c.key).where(
                answered_threads.c.key == db_key(key), answered_threads.c.answered_at >= since)) is not None

    def prune_threads(self, before: float) -> int:
        with self.engine.begin() as conn:
            return int(conn.execute(sa.delete(answered_threads).where(answered_threads.c.answered_at < before))
                       .rowcount or 0)
