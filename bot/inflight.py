"""What the process is working on: a cap on questions in flight, and the count a shutdown waits for.

Questions queue for a few worker threads; without a cap a flood would pile up in that queue and every
later user would wait behind it. Past ``limit`` questions in flight, the next one is turned away at once
("busy, try again in a moment"), which is kinder than an answer that arrives after the asker gave up.

The same object lets a shutdown finish what was started: adapters hold ``handling()`` around each event
they answer (question and delivery), ``close()`` turns new work away, and ``drain()`` waits until every
started handler is done or the grace period is over.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator


class InFlight:
    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self._questions = 0
        self._handlers = 0
        self._closing = False
        self._on_close: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    @property
    def questions(self) -> int:
        return self._questions

    @property
    def handlers(self) -> int:
        return self._handlers

    @property
    def closing(self) -> bool:
        return self._closing

    def try_enter(self) -> bool:
        """Count one more question in flight, unless the cap is reached; pair with ``leave``."""
        with self._lock:
            if self._questions >= self.limit:
                return False
            self._questions += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self._questions -= 1

    @contextlib.asynccontextmanager
    async def handling(self) -> AsyncIterator[None]:
        """Around an adapter's whole handling of one event, so a shutdown waits for its reply to go out."""
        with self._lock:
            self._handlers += 1
        try:
            yield
        finally:
            with self._lock:
                self._handlers -= 1

    @contextlib.contextmanager
    def on_close(self, callback: Callable[[], None]) -> Iterator[None]:
        """``callback()`` when ``close()`` is called inside, on the thread that calls it: the terminal chat says at
        once that the Ctrl-C was heard and the answer under way is still coming (nothing showed it until then)."""
        self._on_close.append(callback)
        try:
            yield
        finally:
            self._on_close.remove(callback)

    def close(self) -> None:
        """From now on the core turns questions away; what is already running carries on."""
        self._closing = True
        for callback in list(self._on_close):
            callback()

    async def drain(self, timeout: float, poll: float = 0.02) -> bool:
        """Wait until nothing is in flight; False if ``timeout`` seconds passed first."""
        deadline = time.monotonic() + timeout
        quiet = 0  # idle twice in a row: an event acknowledged a moment ago has had time to start its handler
        while quiet < 2:
            quiet = quiet + 1 if self._questions == 0 and self._handlers == 0 else 0
            if quiet < 2 and time.monotonic() >= deadline:
                return False
            await asyncio.sleep(poll)
        return True
