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
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from bot.build_lock import advisory_build_lock, advisory_lock_holders
from bot.conversations import ConversationMemory, RecentTurns
from bot.dedupe import Deduper, MemoryDeduper
from bot.ratelimit import Decision, Limiter, RateLimiter
from bot.store.shared import SharedStore
from bot.store_breaker import Breaker, StoreDown
from bot.store_pruner import Pruner
from bot.store_turns import StoreTurns
from index.lock_check import LockCheck

log = logging.getLogger(__name__)

T = TypeVar("T")
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


class StoreDeduper:
    """``Deduper`` over the shared store: one claim per key among all processes.

    While the store can't be reached (PostgreSQL restarting), this process decides alone, from what it
    claimed itself: every Slack event raised out of the claim, Bolt answered 400 and logged a traceback, and
    no question was answered until the database was back. A retry that reaches another replica meanwhile may be
    answered twice: better than none (``bot.store_breaker``)."""

    blocking = True

    def __init__(self, store: SharedStore, ttl: float = DEDUPE_TTL, clock: Callable[[], float] = time.time,
                 breaker: Breaker | None = None) -> None:
        self._store = store
        self._ttl = ttl
        self._clock = clock
        self._breaker = breaker or Breaker(clock)
        self._pruner = Pruner(lambda now: store.prune_claims(now - ttl), "event claims", clock, self._breaker)
        # This process's own claims, what decides while the store can't; by the same clock as the store's.
        self._local = MemoryDeduper(ttl=ttl, clock=clock)

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
                 clock: Callable[[], float] = time.time, pseudonym: Callable[[str], str] = lambda key: key,
                 breaker: Breaker | None = None) -> None:
        self.rate = per_minute / 60.0
        self._pseudonym = pseudonym
        self.burst = max(1, burst)
        self._store = store
        self._clock = clock
        # A bucket idle for the time it takes to fill up is full: its row can go.
        refill = self.burst / self.rate if self.rate > 0 else 0.0
        self._breaker = breaker or Breaker(clock)
        self._pruner = Pruner(lambda now: store.prune_buckets(now - refill, now), "rate-limit buckets", clock,
                              self._breaker)
        self._local = RateLimiter(per_minute, burst, clock=clock)

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


class StoreThreads:
    """The threads the bot answered in, over the shared store: a follow-up there (no mention) is answered
    whichever replica it reaches. Remembered for ``ttl`` seconds after the bot's last answer there."""

    blocking = True

    def __init__(self, store: SharedStore, ttl: float = THREAD_TTL, clock: Callable[[], float] = time.time,
                 breaker: Breaker | None = None) -> None:
        self._store = store
        self._ttl = ttl
        self._clock = clock
        self._breaker = breaker or Breaker(clock)
        self._pruner = Pruner(lambda now: store.prune_threads(now - ttl), "answered threads", clock, self._breaker)

    def add(self, key: str) -> None:
        """A failure is logged (once an outage): the adapter follows the thread in its own memory meanwhile,
        and other replicas may not follow it."""
        self._pruner.maybe()
        self._breaker.ask(lambda: self._store.mark_thread(key, self._clock()), "record a thread answered in")

    def __contains__(self, key: object) -> bool:
        """False when the store can't say: a follow-up there raised out of the Slack listener (a traceback)."""
        if not isinstance(key, str):
            return False
        answered = self._breaker.ask(lambda: self._store.thread_answered(key, self._clock() - self._ttl),
                                     "read whether the bot answered in a thread")
        return bool(answered)


class SharedState:
    """What this process shares with the others; ``store=None``: nothing, everything stays in memory."""

    def __init__(self, store: SharedStore | None = None, share_turns: bool = True,
                 user_key: bytes | None = None, claims: SharedStore | None = None,
                 breaker: Breaker | None = None) -> None:
        """``claims``: without ``store``, event claims and rate limits alone go through that store
        (``SHARED_STATE=auto`` on SQLite: every process on the file answers an event once, and a user's limit
        holds across them; the rest stays in this process)."""
        self.store = store
        self.claims = store if store is not None else claims
        self._share_turns = share_turns
        self._user_key = user_key
        # One per process, for every call to the database (the history's too, ``bot.wiring``): ``bot.store_breaker``.
        self.breaker = breaker or Breaker()

    def outage(self) -> float | None:
        """Seconds the database has been unreachable while this process shares state through it (``/status``
        says claims and limits are this replica's own meanwhile); None when it answers or nothing is shared.
        Blocking: once the back-off has run out, one trivial query finds out (``Breaker.probe``)."""
        if self.claims is None:
            return None
        self.breaker.probe(self.claims.ping)
        return self.breaker.down_for

    @property
    def shared(self) -> bool:
        return self.store is not None

    def deduper(self) -> Deduper:
        return StoreDeduper(self.claims, breaker=self.breaker) if self.claims is not None else MemoryDeduper()

    def limiter(self, per_minute: float, burst: int) -> Limiter:
        if self.claims is not None:  # per process, N replicas on one SQLite file let a user ask N × the burst
            return StoreRateLimiter(self.claims, per_minute, burst, pseudonym=self.pseudonym, breaker=self.breaker)
        return RateLimiter(per_minute, burst)

    def pseudonym(self, key: str) -> str:
        """A user's rate-limit key as stored: HMAC-SHA256 under the vote key (the same on every replica)."""
        return hmac.new(self._user_key or b"dispute-bot rate limits", key.encode(), hashlib.sha256).hexdigest()

    def answered_threads(self) -> StoreThreads | None:
        """None: the adapter keeps its own bounded set in memory."""
        return StoreThreads(self.store, breaker=self.breaker) if self.store is not None else None

    def memory(self) -> ConversationMemory:
        if self.store is not None and self._share_turns:
            return StoreTurns(self.store, breaker=self.breaker)
        return RecentTurns()

    def build_lock(self) -> AbstractContextManager[LockCheck | None]:
        """Held around every build this process starts: a PostgreSQL advisory lock when the store is
        PostgreSQL (builds on different machines), else nothing beyond the index's own file lock. Gives the
        check a build asks before publishing (``index.lock_check``); None where there is no lock to lose."""
        if self.store is not None and self.store.dialect == "postgresql":
            return advisory_build_lock(self.store.engine)
        return contextlib.nullcontext(None)

    def building_elsewhere(self) -> bool | str | None:
        """Whether a process holds the replicas' build lock (``build_lock``), what ``index status`` asks of the
        CLI's: True or False, a string saying why it can't be told, None where there is no such lock. Blocking;
        through the back-off, so that during an outage ``/status`` answers at once, not after a connect timeout."""
        store = self.store
        if store is None or store.dialect != "postgresql":
            return None
        try:
            return self.breaker.call(lambda: advisory_lock_holders(store.engine) > 0, "read the build lock",
                                     counted=False)
        except StoreDown:
            return self.breaker.reason or "it failed moments ago"

    def close(self) -> None:
        if self.claims is not None:
            self.claims.close()
