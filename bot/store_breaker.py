"""Shared state that keeps working while its store can't be reached: what this process decides alone meanwhile.

Event claims and rate limits are asked of the store before every question and every Slack event (whose
acknowledgement waits for the claim). While PostgreSQL restarted, each claim raised (Slack got 400, nothing was
answered) and each rate-limit check let the question through unlimited. Their store-backed versions now fall
back to this process's own memory, and ``Breaker`` leaves the store alone for ``STORE_RETRY_AFTER`` seconds
after a failure: a database host that drops packets takes the connect timeout (5 s) to fail, past Slack's 3 s,
and logging each failure would have been a line per event.

One ``Breaker`` per process covers every store call of a question (claims, rate limits, turns, answers, votes,
the threads answered in): they all go to the one database, and when one finds it down the others need not
each wait out a connect timeout to learn it. An outage is logged once when it starts and once when it ends,
with what went unsaved meanwhile (the operator's account of it), not once per question or per retry.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa

from bot.metrics import STORE_SKIPPED
from bot.store.outage import log_store_failure, unreachable

log = logging.getLogger("bot.shared_state")

T = TypeVar("T")
STORE_RETRY_AFTER = 10.0  # seconds this process decides alone after the store failed


class StoreDown(Exception):
    """The store was not asked (it failed less than ``STORE_RETRY_AFTER`` seconds ago) or failed now."""


class Breaker:
    """Asks the store unless it failed less than ``STORE_RETRY_AFTER`` seconds ago (by ``clock``)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._down_until = 0.0
        self._down_since: float | None = None  # when the outage began; None while the store answers
        self._missed: Counter[str] = Counter()  # what was not done in the store during this outage
        self._reason: str | None = None  # the outage's latest failure, as the driver said it
        self._lock = threading.Lock()

    @property
    def down_for(self) -> float | None:
        """Seconds since the store last failed and has not answered since; None while it answers (``/status``)."""
        since = self._down_since
        return None if since is None else max(0.0, self._clock() - since)

    @property
    def backing_off(self) -> bool:
        """Whether store calls are being left alone now, after one found it unreachable; False after a call the
        database answered with an error (a constraint, a bug), which no waiting mends."""
        return self._clock() < self._down_until

    @property
    def reason(self) -> str | None:
        """Why the store last failed (the driver's line), during an outage; None while it answers."""
        return self._reason if self._down_since is not None else None

    def call(self, fn: Callable[[], T], what: str, counted: bool = True) -> T:
        """``fn()``; raises ``StoreDown`` when the store fails now (the outage's first failure logged in one
        line) or is being left alone. ``what`` ("claim an event") is counted as missed, for the line logged
        when the store answers again, unless not ``counted`` (a read for ``/status`` leaves nothing undone)."""
        if self._clock() < self._down_until:
            if counted:
                self._miss(what)
            raise StoreDown(what)
        try:
            result = fn()
        except sa.exc.SQLAlchemyError as exc:
            if unreachable(exc) is None:
                # The database answered, with an error (a constraint, a bug): this call failed, the store is not
                # down, so the other calls keep going to it and nothing is logged as an outage.
                log.exception("could not %s in the store", what)
                raise StoreDown(what) from exc
            with self._lock:
                self._down_until = self._clock() + STORE_RETRY_AFTER
                first = self._down_since is None
                if first:
                    self._down_since = self._clock()
                self._reason = unreachable(exc)
                if counted:
                    self._missed[what] += 1
                    STORE_SKIPPED.labels(what).inc()
            if first:
                log_store_failure(log, f"could not {what} in the store; this replica decides alone for "
                                       f"{STORE_RETRY_AFTER:.0f} s")
            raise StoreDown(what) from None
        if self._down_since is not None:
            self._recovered()
        return result

    def ask(self, fn: Callable[[], T], what: str) -> T | None:
        """``fn()``; None when the store failed now or was left alone (``call``)."""
        try:
            return self.call(fn, what)
        except StoreDown:
            return None

    def probe(self, fn: Callable[[], object]) -> None:
        """``fn()`` (a trivial query) once the back-off of an outage has run out, else nothing: the outage
        ended only at the next store call, so a replica nobody asked anything kept telling ``/status`` the
        database was down long after it was back."""
        if self._down_since is not None and self._clock() >= self._down_until:
            with contextlib.suppress(StoreDown):
                self.call(fn, "see whether the database answers", counted=False)

    def _miss(self, what: str) -> None:
        with self._lock:
            self._missed[what] += 1
        STORE_SKIPPED.labels(what).inc()

    def _recovered(self) -> None:
        with self._lock:
            since, missed = self._down_since, self._missed
            if since is None:
                return
            self._down_since, self._missed = None, Counter()
        done = "; ".join(f"{what} ×{count}" for what, count in sorted(missed.items()))
        log.warning("the store answers again after %.0f s; shared with the other replicas again. Not done in it "
                    "meanwhile (decided here or kept in memory): %s", self._clock() - since, done or "nothing")
