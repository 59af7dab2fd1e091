"""Short leases on a shared database: the Discord identify gate across processes.

Discord lets a bot start at most ``max_concurrency`` sessions per 5 seconds, one per rate-limit bucket
(``shard_id % max_concurrency``); an IDENTIFY past that is refused and costs a session. When shards run in
several processes, each takes the bucket's lease row before it identifies; a lease is held for the whole
window and simply expires, so nobody has to release it (a process killed mid-identify blocks nothing for
longer than the window). Times are the processes' UTC clocks: keep them NTP-synced, and the window carries
a margin for the skew that remains.

Synchronous, like the rest of the store: call it from a worker thread, never from an event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.store.db import utcnow
from bot.store.engines import open_engine
from bot.store.migrations import migrate
from bot.store.reads import reading
from bot.store.tables import discord_identify_leases as leases

IDENTIFY_WINDOW = timedelta(seconds=5.5)  # Discord's 5 s, plus a margin for clock skew between machines


class LeaseGate:
    def __init__(self, engine: Engine, window: timedelta = IDENTIFY_WINDOW,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.engine = engine
        self.window = window
        self._clock = clock

    @classmethod
    def open(cls, url: str, window: timedelta = IDENTIFY_WINDOW) -> LeaseGate:
        engine = open_engine(url)
        migrate(engine)
        return cls(engine, window)

    def close(self) -> None:
        self.engine.dispose()

    def try_take(self, bucket: int, holder: str) -> float:
        """Take ``bucket``'s lease for one window: 0.0 when taken, else the seconds until it expires."""
        now = self._clock()
        until = now + self.window
        with self.engine.begin() as conn:
            taken = conn.execute(sa.update(leases).where((leases.c.bucket == bucket) & (leases.c.until <= now))
                                 .values(holder=holder, until=until)).rowcount
            if taken:
                return 0.0
            current = conn.scalar(sa.select(leases.c.until).where(leases.c.bucket == bucket))
        if current is None:  # nobody has used this bucket yet: the first insert wins, the others wait
            try:
                with self.engine.begin() as conn:
                    conn.execute(sa.insert(leases).values(bucket=bucket, holder=holder, until=until))
                return 0.0
            except IntegrityError:
                return 0.05
        return max((current - now).total_seconds(), 0.01)

    def holders(self) -> list[tuple[int, str, datetime]]:
        with reading(self.engine) as conn:
            return [(int(b), str(h), u) for b, h, u in conn.execute(sa.select(leases.c.bucket, leases.c.holder,
                                                                                leases.c.until))]
