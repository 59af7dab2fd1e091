"""State that several bot processes share, or that one process keeps to itself: event de-duplication,
rate-limit buckets, conversation memory, the threads the bot answered in, and the build lock.

``SharedState()`` (no store) is the single-process bot: everything in memory, as fast as a dict. With a
``SharedStore`` (``SHARED_STATE=store``, or ``auto`` with a database that is not SQLite), the same
interfaces (``Deduper``, ``Limiter``, ``ConversationMemory``) go through the database, so replicas behind a
load balancer behave as one. Those implementations block on the database: they say so with ``blocking =
True``, and callers reach them through ``call`` (a worker thread), never on an event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import hmac
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import asdict
from typing import Any, TypeVar

import sqlalchemy as sa

from bot.build_lock import LockUnavailable, advisory_build_lock, advisory_lock_held
from bot.conversations import MAX_CONVERSATIONS, TTL_SECONDS, ConversationMemory, RecentTurns
from bot.dedupe import Deduper, MemoryDeduper
from bot.ratelimit import Decision, Limiter, RateLimiter
from bot.store.outage import log_store_failure
from bot.store.shared import SharedStore
from bot.store_breaker import Breaker
from retrieval.turns import MAX_TURNS, FollowupContext, Turn

log = logging.getLogger(__name__)

T = TypeVar("T")
PRUNE_EVERY = 300.0  # seconds between deletions of expired rows, per process and table
DEDUPE_TTL = 3600.0  # Slack's last retry comes about 30 minutes after the event
THREAD_TTL = 7 * 86400.0  # follow-ups without a mention in a thread the bot answered in, for a week


def blocking(obj: object) -> bool:
    return bool(getattr(obj, "blocking", False))


# Store round trips get threads of their own: on asyncio's default executor they queued behind CPU work
# (timeline pictures), and the event claim Slack's 3-second acknowledgement waits for took 15 s.
_STORE_CALLS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="shared-state")


async def call(obj: object, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, on a store thread when ``obj`` blocks (store-backed), else right here."""
    if blocking(obj):
        return await asyncio.get_running_loop().run_in_executor(_STORE_CALLS, functools.partial(fn, *args))
    return fn(*args)


class _Pruner:
    """Deletes a table's expired rows at most every ``PRUNE_EVERY`` seconds (a failure is only logged)."""

    def __init__(self, prune: Callable[[float], int], what: str, clock: Callable[[], float]) -> None:
        self._prune = prune
        self._what = what
        self._clock = clock
        self._next = 0.0
        self._lock = threading.Lock()

    def maybe(self) -> None:
        now = self._clock()
        with self._lock:
            if now < self._next:
                return
            self._next = now + PRUNE_EVERY
        try:
            deleted = self._prune(now)
        except sa.exc.SQLAlchemyError as exc:
            log.warning("pruning %s failed: %s", self._what, type(exc).__name__)
            return
        if deleted:
            log.debug("pruned %d expired %s", deleted, self._what)


class StoreDeduper:
    """``Deduper`` over the shared store: one claim per key among all processes.

    While the store can't be reached (PostgreSQL restarting), this process decides alone, from what it
    claimed itself: every Slack event raised out of the claim, Bolt answered 400 and logged a traceback, and
    no question was answered until the database was back. A retry that reaches another replica meanwhile may be
    answered twice: better than none (``bot.store_breaker``)."""

    blocking = True

    def __init__(self, store: SharedStore, ttl: float = DEDUPE_TTL, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._ttl = ttl
        self._clock = clock
        self._pruner = _Pruner(lambda now: store.prune_claims(now - ttl), "event claims", clock)
        self._local = MemoryDeduper(ttl=ttl)  # this process's own claims, what decides while the store can't
        self._breaker = Breaker(clock)

    def claim(self, key: str) -> bool:
        self._pruner.maybe()
        first = self._breaker.ask(lambda: self._store.claim(key, self._clock(), self._ttl), "claim an event")
        here = self._local.claim(key)  # an event claimed here during an outage is not answered again after it
        return here if first is None else first and here

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        claimed = self._breaker.ask(lambda: self._store.is_claimed(key, self._clock(), self._ttl),
                                    "read an event claim")
        return key in self._local if claimed is None else claimed


class StoreRateLimiter:
    """``Limiter`` over the shared store: one bucket per user among all processes (see ``bot.ratelimit``).
    While the store can't be reached, this process's own buckets decide (charged all along): a flood then
    went through unlimited."""

    blocking = True

    def __init__(self, store: SharedStore, per_minute: float, burst: int,
                 clock: Callable[[], float] = time.time, pseudonym: Callable[[str], str] = lambda key: key) -> None:
        self.rate = per_minute / 60.0
        self._pseudonym = pseudonym
        self.burst = max(1, burst)
        self._store = store
        self._clock = clock
        # A bucket idle for the time it takes to fill up is full: its row can go.
        refill = self.burst / self.rate if self.rate > 0 else 0.0
        self._pruner = _Pruner(lambda now: store.prune_buckets(now - refill, now), "rate-limit buckets", clock)
        self._local = RateLimiter(per_minute, burst)
        self._breaker = Breaker(clock)

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def check(self, key: str) -> Decision:
        if not self.enabled:
            return Decision(True)
        self._pruner.maybe()
        bucket = self._pseudonym(key)  # the store never holds a raw user id, only a keyed digest of it
        here = self._local.check(bucket)
        shared = self._breaker.ask(lambda: self._store.take_token(bucket, self._clock(), self.rate, self.burst),
                                   "check the rate limit")
        return here if shared is None else Decision(*shared)


class StoreTurns:
    """``ConversationMemory`` over the shared store: the last ``turns`` turns per conversation, for ``ttl``
    seconds; at most ``max_conversations`` × ``turns`` rows in all."""

    blocking = True

    def __init__(self, store: SharedStore, turns: int = MAX_TURNS, ttl: float = TTL_SECONDS,
                 max_conversations: int = MAX_CONVERSATIONS, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._turns = turns
        self._ttl = ttl
        self._clock = clock
        self._pruner = _Pruner(lambda now: store.prune_turns(now - ttl, max_conversations * turns),
                               "conversation turns", clock)

    def context(self, key: str) -> FollowupContext | None:
        rows = self._store.turns(key, self._clock() - self._ttl, self._turns)
        turns = [Turn(str(r["question"]), tuple(r.get("doc_ids") or ()), tuple(r.get("sentences") or ()),
                      bool(r.get("answered", True)), str(r["day"]) if r.get("day") else None,
                      str(r["topic"]) if r.get("topic") else None) for r in rows]
        return FollowupContext(tuple(turns)) if turns else None

    def remember(self, key: str, turn: Turn) -> None:
        self._pruner.maybe()
        self._store.add_turn(key, asdict(turn), self._clock(), self._turns)

    def rename(self, old: str, new: str) -> None:
        self._store.rename_turns(old, new)


class StoreThreads:
    """The threads the bot answered in, over the shared store: a follow-up there (no mention) is answered
    whichever replica it reaches. Remembered for ``ttl`` seconds after the bot's last answer there."""

    blocking = True

    def __init__(self, store: SharedStore, ttl: float = THREAD_TTL, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._ttl = ttl
        self._clock = clock
        self._pruner = _Pruner(lambda now: store.prune_threads(now - ttl), "answered threads", clock)

    def add(self, key: str) -> None:
        """A failure is logged: the adapter follows the thread in its own memory meanwhile."""
        self._pruner.maybe()
        try:
            self._store.mark_thread(key, self._clock())
        except sa.exc.SQLAlchemyError:
            log_store_failure(log, "could not record the thread answered in; other replicas may not follow it")

    def __contains__(self, key: object) -> bool:
        """False when the store can't say: a follow-up there raised out of the Slack listener (a traceback)."""
        if not isinstance(key, str):
            return False
        try:
            return self._store.thread_answered(key, self._clock() - self._ttl)
        except sa.exc.SQLAlchemyError:
            log_store_failure(log, "could not read whether the bot answered in a thread; taken as not")
            return False


class SharedState:
    """What this process shares with the others; ``store=None``: nothing, everything stays in memory."""

    def __init__(self, store: SharedStore | None = None, share_turns: bool = True,
                 user_key: bytes | None = None, claims: SharedStore | None = None) -> None:
        """``claims``: without ``store``, the store event claims alone go through (``SHARED_STATE=auto`` on
        SQLite: every process on the file answers an event once; the rest stays in this process)."""
        self.store = store
        self.claims = store if store is not None else claims
        self._share_turns = share_turns
        self._user_key = user_key

    @property
    def shared(self) -> bool:
        return self.store is not None

    def deduper(self) -> Deduper:
        return StoreDeduper(self.claims) if self.claims is not None else MemoryDeduper()

    def limiter(self, per_minute: float, burst: int) -> Limiter:
        if self.store is not None:
            return StoreRateLimiter(self.store, per_minute, burst, pseudonym=self.pseudonym)
        return RateLimiter(per_minute, burst)

    def pseudonym(self, key: str) -> str:
        """A user's rate-limit key as stored: HMAC-SHA256 under the vote key (the same on every replica)."""
        return hmac.new(self._user_key or b"dispute-bot rate limits", key.encode(), hashlib.sha256).hexdigest()

    def answered_threads(self) -> StoreThreads | None:
        """None: the adapter keeps its own bounded set in memory."""
        return StoreThreads(self.store) if self.store is not None else None

    def memory(self) -> ConversationMemory:
        return StoreTurns(self.store) if self.store is not None and self._share_turns else RecentTurns()

    def build_lock(self) -> AbstractContextManager[None]:
        """Held around every build this process starts: a PostgreSQL advisory lock when the store is
        PostgreSQL (builds on different machines), else nothing beyond the index's own file lock."""
        if self.store is not None and self.store.dialect == "postgresql":
            return advisory_build_lock(self.store.engine)
        return contextlib.nullcontext()

    def building_elsewhere(self) -> bool | str | None:
        """Whether a process holds the replicas' build lock (``build_lock``), what ``index status`` asks of the
        CLI's: True or False, a string saying why it can't be told, None where there is no such lock. Blocking."""
        if self.store is None or self.store.dialect != "postgresql":
            return None
        try:
            return advisory_lock_held(self.store.engine)
        except LockUnavailable as exc:
            return str(exc)

    def close(self) -> None:
        if self.claims is not None:
            self.claims.close()
