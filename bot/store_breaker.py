"""Shared state that keeps working while its store can't be reached: what this process decides alone meanwhile.

Event claims and rate limits are asked of the store before every question and every Slack event (whose
acknowledgement waits for the claim). While PostgreSQL restarted, each claim raised (Slack got 400, nothing was
answered) and each rate-limit check let the question through unlimited. Their store-backed versions now fall
back to this process's own memory, and ``Breaker`` leaves the store alone for ``STORE_RETRY_AFTER`` seconds
after a failure: a database host that drops packets takes the connect timeout (5 s) to fail, past Slack's 3 s,
and logging each failure would have been a line per event.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa

from bot.store.outage import log_store_failure

log = logging.getLogger("bot.shared_state")

T = TypeVar("T")
STORE_RETRY_AFTER = 10.0  # seconds this process decides alone after the store failed


class Breaker:
    """Asks the store unless it failed less than ``STORE_RETRY_AFTER`` seconds ago (by ``clock``)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._down_until = 0.0
        self._lock = threading.Lock()

    def ask(self, fn: Callable[[], T], what: str) -> T | None:
        """``fn()``; None when the store failed now (logged in one line) or was left alone."""
        if self._clock() < self._down_until:
            return None
        try:
            return fn()
        except sa.exc.SQLAlchemyError:
            with self._lock:
                self._down_until = self._clock() + STORE_RETRY_AFTER
            log_store_failure(log, f"could not {what} in the store; this replica decides alone for "
                                   f"{STORE_RETRY_AFTER:.0f} s")
            return None
