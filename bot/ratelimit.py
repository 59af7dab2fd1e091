"""Per-user token buckets: a flood from one person costs the bot a few answers and one "slow down".

Each user has a bucket of ``burst`` tokens that refills at ``per_minute`` tokens a minute; a question takes
one. A user whose bucket is empty is told once when to try again, and the messages they send before then
are dropped without a reply, so 30 mentions in two seconds produce ``burst`` answers and one notice rather
than 30 replies (or 30 "slow down"s, which would be a flood of its own).

``RateLimiter`` keeps the buckets in memory, bounded: the least recently seen users are forgotten first,
which only ever gives a forgotten user a full bucket again. ``Limiter`` is the interface the core uses, so
the buckets can live in the store shared by several processes instead (``bot.shared_state``).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0  # seconds until the next token, when not allowed
    notify: bool = False  # the first refusal of a window: tell the user; later ones are dropped silently

    @property
    def retry_seconds(self) -> int:
        """``retry_after`` rounded up to whole seconds, as shown to users (never 0)."""
        return max(1, math.ceil(self.retry_after))


class Limiter(Protocol):
    @property
    def enabled(self) -> bool: ...

    def check(self, key: str) -> Decision:
        """Take a token for ``key`` if there is one; atomic however many callers check at once."""
        ...


@dataclass
class _Bucket:
    tokens: float
    updated: float
    quiet_until: float = 0.0  # refusals before this moment were already announced


class RateLimiter:
    """Thread-safe; ``check`` is cheap enough to call on the event loop."""

    def __init__(self, per_minute: float, burst: int, max_users: int = 50_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0  # tokens a second
        self.burst = max(1, burst)
        self._max_users = max_users
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def check(self, key: str) -> Decision:
        """Take a token for ``key`` if there is one."""
        if not self.enabled:
            return Decision(True)
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
                while len(self._buckets) > self._max_users:
                    self._buckets.popitem(last=False)
            else:
                self._buckets.move_to_end(key)
                bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
                bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return Decision(True)
            retry_after = (1.0 - bucket.tokens) / self.rate
            notify = now >= bucket.quiet_until
            if notify:
                bucket.quiet_until = now + retry_after
            return Decision(False, retry_after, notify)

    def __len__(self) -> int:
        return len(self._buckets)
