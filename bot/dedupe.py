"""Remembering which platform events were already handled, so each is answered once.

Slack delivers an event again when it did not see the acknowledgement in time (the retry carries the same
``event_id`` and an ``X-Slack-Retry-Num``), and one post can arrive as two events (``app_mention`` and
``message.*``, same channel and ``ts``). A retry is still answered when the first delivery never reached
the bot; only an event already claimed here is dropped.

``Deduper`` is the whole interface the adapters use, with string keys; ``StoreDeduper`` (``bot.shared_state``)
keeps it in the store shared by several bot processes. ``MemoryDeduper`` keeps it in this process,
bounded in size and age: Slack's last retry comes about 30 minutes after the event, well inside the TTL.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol


class Deduper(Protocol):
    def claim(self, key: str) -> bool:
        """True for the first claim of ``key`` within the TTL: the caller handles it. False: already handled."""
        ...

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` was claimed within the TTL (handled, or being handled)."""
        ...


class MemoryDeduper:
    def __init__(self, max_entries: int = 50_000, ttl: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._max = max_entries
        self._ttl = ttl
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()  # key -> when it was claimed, oldest first
        self._lock = threading.Lock()

    def claim(self, key: str) -> bool:
        now = self._clock()
        with self._lock:
            self._expire(now)
            if key in self._seen:
                return False
            self._seen[key] = now
            while len(self._seen) > self._max:
                self._seen.popitem(last=False)
            return True

    def _expire(self, now: float) -> None:
        while self._seen:
            key, claimed = next(iter(self._seen.items()))
            if now - claimed < self._ttl:
                return
            del self._seen[key]

    def __contains__(self, key: object) -> bool:
        with self._lock:
            self._expire(self._clock())
            return key in self._seen

    def __len__(self) -> int:
        return len(self._seen)
