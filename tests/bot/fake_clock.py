"""One clock for the tests, moved only by the test: the stand-in for every clock the bot reads.

The bot reads three clocks: ``time.time`` (epoch seconds stamped on shared rows and turns), ``time.monotonic``
(back-offs, buckets, in-memory expiry) and naive-UTC datetimes (``bot.store.db.utcnow``: answers, votes,
leases). On a machine they move together, and the store compares one with another (it prunes turns stamped in
epoch seconds with its datetime clock), so one fake gives all three views of the same instant, moved by one
``advance``. Like ``time.monotonic`` it never goes back: a test that wants an older stamp makes one, it does not
rewind the clock, so no test can pass on a clock the real machine would never show.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2026, 1, 1, 12, 0, 0)  # naive UTC, as the store's clock gives it
BOOTED_SECONDS = 1000.0  # time.monotonic at START: seconds since some boot, not since the epoch


class FakeClock:
    """Pass the bound method the code under test would otherwise read: ``clock.time``, ``clock.monotonic`` or
    ``clock.utcnow``."""

    def __init__(self, start: datetime = START) -> None:
        self._start = start
        self._elapsed = 0.0

    def advance(self, by: float | timedelta) -> None:
        """Move every view of the clock forward by ``by`` (seconds, or a timedelta)."""
        seconds = by.total_seconds() if isinstance(by, timedelta) else float(by)
        if seconds < 0:
            raise ValueError(f"a clock does not go back ({seconds} s): make the older stamp instead")
        self._elapsed += seconds

    def time(self) -> float:
        return self._start.replace(tzinfo=UTC).timestamp() + self._elapsed

    def monotonic(self) -> float:
        return BOOTED_SECONDS + self._elapsed

    def utcnow(self) -> datetime:
        return self._start + timedelta(seconds=self._elapsed)
