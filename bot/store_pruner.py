"""Deleting a shared table's expired rows now and then, from whichever replica gets to it first."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import sqlalchemy as sa

from bot.store_breaker import Breaker

log = logging.getLogger("bot.shared_state")

PRUNE_EVERY = 300.0  # seconds between deletions of expired rows, per process and table


class Pruner:
    """Deletes a table's expired rows at most every ``PRUNE_EVERY`` seconds (a failure is only logged). Not
    tried while ``breaker`` says the store is down: pruning can wait, and each try cost a connect timeout."""

    def __init__(self, prune: Callable[[float], int], what: str, clock: Callable[[], float],
                 breaker: Breaker | None = None) -> None:
        self._prune = prune
        self._what = what
        self._clock = clock
        self._breaker = breaker
        self._next = 0.0
        self._lock = threading.Lock()

    def maybe(self) -> None:
        now = self._clock()
        with self._lock:
            if now < self._next:
                return
            self._next = now + PRUNE_EVERY
        if self._breaker is not None:  # a failure there is the outage's one line, and the others' back-off
            deleted = self._breaker.ask(lambda: self._prune(now), f"prune expired {self._what}")
            if deleted is None:
                return
        else:
            try:
                deleted = self._prune(now)
            except sa.exc.SQLAlchemyError as exc:
                log.warning("pruning %s failed: %s", self._what, type(exc).__name__)
                return
        if deleted:
            log.debug("pruned %d expired %s", deleted, self._what)
