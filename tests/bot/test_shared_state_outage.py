"""The shared state while its database can't be reached (PostgreSQL restarting, a SQLite file unreadable):
each replica decides event claims alone, from what it claimed itself, and a thread it can't look up is taken
as not followed; nothing raises into the adapters. Every Slack event raised out of its claim (Bolt answered
400 with a traceback), so no question was answered until the database was back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.shared_state import StoreDeduper, StoreRateLimiter, StoreThreads
from bot.store.shared import SharedStore
from bot.store_breaker import STORE_RETRY_AFTER
from tests.bot.fake_clock import FakeClock


@pytest.fixture
def flaky(db_url: str, tmp_path: Path) -> Iterator[Callable[[bool], SharedStore]]:
    """``flaky(down)``: a store on the test database; ``down=True`` points its engine at a file that can't be
    opened, as an unreachable server fails: with SQLAlchemy's ``OperationalError`` on connect."""
    store = SharedStore(db_url)
    good = store.engine
    gone = sa.create_engine(f"sqlite:///{tmp_path / 'no-such-folder' / 'x.db'}")

    def switch(down: bool) -> SharedStore:
        store.engine = gone if down else good
        return store

    yield switch
    gone.dispose()
    good.dispose()


def test_claims_fall_back_to_this_replica_while_the_store_is_down(
    flaky: Callable[[bool], SharedStore], caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock()
    store = flaky(False)
    seen = StoreDeduper(store, clock=clock.time)
    assert seen.claim("event:before")
    flaky(True)
    assert not seen.claim("event:before"), "claimed here before the outage: still a duplicate"
    assert seen.claim("event:during") and not seen.claim("event:during")  # a retry to this replica: dropped
    assert "event:during" in seen and "event:other" not in seen
    assert caplog.text.count("could not claim an event in the store; this replica decides alone for 10 s "
                             "(the database can't be reached") == 1, "then the store is left alone for 10 s"
    assert "Traceback" not in caplog.text
    flaky(False)
    clock.advance(STORE_RETRY_AFTER - 1)
    other = StoreDeduper(store, clock=clock.time)  # another replica: the same instant on its synced clock
    assert seen.claim("event:soon") and other.claim("event:soon"), "not asked: decided here"
    clock.advance(2)
    assert seen.claim("event:after") and not other.claim("event:after")  # shared again
    assert not seen.claim("event:during"), "claimed here during the outage: a late retry is still a duplicate"


def test_threads_the_store_cannot_look_up_are_not_followed_and_nothing_raises(
    flaky: Callable[[bool], SharedStore], caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock()
    threads = StoreThreads(flaky(False), clock=clock.time)
    threads.add("C1:1.0")
    flaky(True)
    assert "C1:1.0" not in threads
    threads.add("C1:2.0")  # not raised: the adapter follows it in its memory meanwhile
    assert caplog.text.count("the database can't be reached") == 1, "one line an outage, not one a call"
    flaky(False)
    clock.advance(STORE_RETRY_AFTER + 1)
    assert "C1:1.0" in threads and "C1:2.0" not in threads


def test_this_replica_limits_a_flood_alone_while_the_store_is_down(
    flaky: Callable[[bool], SharedStore], caplog: pytest.LogCaptureFixture
) -> None:
    """A flood during the outage went through unlimited (every check raised, so each question was let in)."""
    clock = FakeClock()
    limiter = StoreRateLimiter(flaky(False), per_minute=1, burst=2, clock=clock.time)
    assert limiter.check("slack:U1").allowed
    flaky(True)
    decisions = [limiter.check("slack:U1") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, False, False, False], "its own bucket, charged all along"
    assert [d.notify for d in decisions[1:]] == [True, False, False]  # told once
    assert caplog.text.count("could not check the rate limit in the store") == 1
    flaky(False)
    clock.advance(STORE_RETRY_AFTER + 1)
    # The shared bucket decides again: its second token (this replica's own bucket is empty), then none.
    assert limiter.check("slack:U1").allowed and not limiter.check("slack:U1").allowed
