"""The shared state on real databases (a SQLite file; PostgreSQL under ``make test-postgres``): event claims,
rate-limit buckets and conversation turns, each atomic across connections as across processes."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

import pytest
import sqlalchemy as sa

from bot.ratelimit import Decision
from bot.shared_state import SharedState, StoreDeduper, StoreRateLimiter, StoreThreads, StoreTurns
from bot.store.migrations import MIGRATIONS
from bot.store.shared import SharedStore
from bot.store.tables import (
    answered_threads,
    conversation_turns,
    handled_events,
    rate_buckets,
    schema_version,
)
from retrieval.turns import Turn
from tests.bot.fake_clock import FakeClock

T = TypeVar("T")


@pytest.fixture
def stores(db_url: str) -> Iterator[Callable[[], SharedStore]]:
    """``stores()`` opens another ``SharedStore`` on the same database: its own engine and connections, as
    another replica would have."""
    opened: list[SharedStore] = []

    def open_one() -> SharedStore:
        opened.append(SharedStore(db_url))
        return opened[-1]

    yield open_one
    for store in opened:
        store.close()


def together(n: int, fn: Callable[[int], T]) -> list[T]:
    """``fn(0..n-1)`` on ``n`` threads released at the same moment."""
    barrier = threading.Barrier(n)
    results: list[T | None] = [None] * n
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = fn(i)
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return [r for r in results if r is not None]


def test_migration_2_adds_the_shared_tables(stores: Callable[[], SharedStore]) -> None:
    store = stores()
    newest = max(number for number, _, _ in MIGRATIONS)
    assert store.version == newest >= 2
    assert {"handled_events", "rate_buckets", "conversation_turns", "answered_threads", "answers", "votes"} <= set(
        sa.inspect(store.engine).get_table_names())
    assert stores().version == newest  # a second replica finds it migrated


def test_replicas_starting_together_migrate_once(db_url: str) -> None:
    opened: list[SharedStore] = []

    def start(_: int) -> int:
        store = SharedStore(db_url)
        opened.append(store)
        return store.version

    numbers = [number for number, _, _ in MIGRATIONS]
    try:
        assert together(4, start) == [max(numbers)] * 4
    finally:
        for store in opened:
            store.close()
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        assert sorted(conn.scalars(sa.select(schema_version.c.version))) == numbers  # each applied once
    engine.dispose()


# -- event claims -------------------------------------------------------------------------------------


def test_a_claim_is_won_once_until_it_expires_and_expired_claims_are_pruned(
    stores: Callable[[], SharedStore]
) -> None:
    clock = FakeClock()
    one, other = (StoreDeduper(stores(), ttl=3600, clock=clock.time) for _ in range(2))
    assert one.claim("event:Ev1")
    assert not other.claim("event:Ev1") and not one.claim("event:Ev1")  # a retry to the other replica
    assert other.claim("event:Ev2") and "event:Ev1" in other and "event:Ev3" not in other
    long_key = "post:" + "x" * 600  # hashed to fit the column, still one claim
    assert one.claim(long_key) and not other.claim(long_key)
    clock.advance(3601)
    assert "event:Ev1" not in one
    assert other.claim("event:Ev3"), "an hour later: the claim prunes what expired"
    with stores().engine.connect() as conn:
        assert list(conn.scalars(sa.select(handled_events.c.key))) == ["event:Ev3"]
    # An expired claim still in the table (not pruned yet) is taken over by exactly one claimant.
    store = stores()
    assert store.claim("event:Ev4", 100.0, 60.0) and not store.claim("event:Ev4", 159.0, 60.0)
    assert store.claim("event:Ev4", 161.0, 60.0) and not store.claim("event:Ev4", 162.0, 60.0)
    assert store.prune_claims(before=161.0) == 0 and store.prune_claims(before=1e12) == 2  # Ev4 and Ev3


def test_concurrent_claims_of_one_event_have_exactly_one_winner(stores: Callable[[], SharedStore]) -> None:
    replicas = [StoreDeduper(stores()) for _ in range(8)]
    for key in (f"event:race{n}" for n in range(5)):
        wins = together(8, lambda i, key=key: replicas[i].claim(key))  # type: ignore[misc]
        assert wins.count(True) == 1, wins


def _claim_in_process(url: str, key: str) -> bool:
    store = SharedStore(url)
    try:
        return store.claim(key, 1_800_000_000.0, 3600.0)
    finally:
        store.close()


def test_claims_from_separate_processes_have_exactly_one_winner(db_url: str,
                                                                 stores: Callable[[], SharedStore]) -> None:
    stores()  # migrated before the processes race
    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("spawn")) as pool:
        wins = list(pool.map(_claim_in_process, [db_url] * 4, ["event:Evproc"] * 4))
    assert wins.count(True) == 1, wins


# -- rate limits --------------------------------------------------------------------------------------


def test_one_bucket_across_replicas_with_the_memory_limiters_rules(stores: Callable[[], SharedStore]) -> None:
    clock = FakeClock()
    a = StoreRateLimiter(stores(), per_minute=6, burst=3, clock=clock.time)
    b = StoreRateLimiter(stores(), per_minute=6, burst=3, clock=clock.time)
    assert [a.check("slack:U1").allowed, b.check("slack:U1").allowed, a.check("slack:U1").allowed] == [True] * 3
    told = b.check("slack:U1")
    assert not told.allowed and told.notify and told.retry_seconds == 10  # 6 a minute: one every 10 s
    quiet = [a.check("slack:U1"), b.check("slack:U1")]
    assert not any(d.allowed or d.notify for d in quiet), "told once per window, then dropped silently"
    assert a.check("slack:U2").allowed, "other users have their own bucket"
    clock.advance(10)
    assert b.check("slack:U1").allowed and not a.check("slack:U1").allowed
    clock.advance(600)  # long idle: full again, never more than the burst
    assert [a.check("slack:U1").allowed for _ in range(4)] == [True, True, True, False]
    off = StoreRateLimiter(stores(), per_minute=0, burst=1, clock=clock.time)
    assert not off.enabled and all(off.check("slack:U1").allowed for _ in range(5))


def test_concurrent_checks_never_exceed_the_burst(stores: Callable[[], SharedStore]) -> None:
    replicas = [StoreRateLimiter(stores(), per_minute=0.001, burst=3) for _ in range(8)]

    def flood(i: int) -> list[Decision]:
        return [replicas[i].check("discord:flooder") for _ in range(4)]

    decisions = [d for ds in together(8, flood) for d in ds]
    assert len(decisions) == 32
    assert sum(d.allowed for d in decisions) == 3, "exactly the burst, however the checks interleave"
    assert sum(d.notify for d in decisions) == 1, "one notice for the whole flood"


def test_idle_full_buckets_are_pruned(stores: Callable[[], SharedStore]) -> None:
    clock = FakeClock()
    store = stores()
    limiter = StoreRateLimiter(store, per_minute=60, burst=3, clock=clock.time)  # full again after 3 s idle
    limiter.check("slack:idle")
    clock.advance(1)
    limiter.check("slack:busy")
    assert store.prune_buckets(idle_before=clock.time() - 0.5, now=clock.time()) == 1
    with store.engine.connect() as conn:
        assert list(conn.scalars(sa.select(rate_buckets.c.key))) == ["slack:busy"]


# -- conversation turns -------------------------------------------------------------------------------


def turn(n: int) -> Turn:
    """Every other one a timeline reply's turn, with the day it showed ("and the next day?" moves from it)."""
    return Turn(f"question {n}", (f"doc{n}",), (f"Sentence {n}.",), n % 2 == 0, f"2021-02-1{n}" if n % 2 else None,
                f"topic {n}" if n % 2 else None)


def test_turns_are_shared_kept_three_deep_expire_and_move_with_a_rename(stores: Callable[[], SharedStore]) -> None:
    clock = FakeClock()
    a, b = StoreTurns(stores(), clock=clock.time), StoreTurns(stores(), clock=clock.time)
    assert a.context("slack:thread:C1:1") is None
    for n in range(4):
        (a if n % 2 else b).remember("slack:thread:C1:1", turn(n))
        clock.advance(1)
    context = b.context("slack:thread:C1:1")
    assert context is not None and context.turns == (turn(1), turn(2), turn(3)), "the last 3, oldest first"
    with stores().engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(conversation_turns)) == 3, "older rows go"
    a.rename("slack:thread:C1:1", "discord:thread:9")
    assert a.context("slack:thread:C1:1") is None
    moved = b.context("discord:thread:9")
    assert moved is not None and moved.turns == context.turns
    a.rename("nothing:here", "discord:thread:9")  # renaming an unknown conversation changes nothing
    assert b.context("discord:thread:9") == moved
    clock.advance(3601)
    assert a.context("discord:thread:9") is None, "turns older than an hour are not used"


def test_turn_rows_are_bounded_by_age_and_count(stores: Callable[[], SharedStore]) -> None:
    clock = FakeClock()
    store = stores()
    memory = StoreTurns(store, clock=clock.time)
    for n in range(6):
        memory.remember(f"c{n}", turn(n))
        clock.advance(10)
    assert store.prune_turns(before=clock.time() - 45, max_rows=10) == 2  # c0 and c1 are older than 45 s
    assert store.prune_turns(before=0, max_rows=3) == 1  # then only the 3 newest rows stay
    assert [memory.context(f"c{n}") is not None for n in range(6)] == [False] * 3 + [True] * 3


def test_threads_answered_in_are_known_to_every_replica_for_a_week(stores: Callable[[], SharedStore]) -> None:
    clock = FakeClock()
    a, b = StoreThreads(stores(), clock=clock.time), StoreThreads(stores(), clock=clock.time)
    a.add("C1:100.1")
    assert "C1:100.1" in b and "C1:999.9" not in b and 42 not in b
    clock.advance(6 * 86400)
    b.add("C1:100.1")  # answered there again: remembered for another week
    clock.advance(2 * 86400)
    assert "C1:100.1" in a
    clock.advance(7 * 86400 + 1)
    assert "C1:100.1" not in a
    a.add("C2:1.1")  # the next write prunes what expired
    with stores().engine.connect() as conn:
        assert list(conn.scalars(sa.select(answered_threads.c.key))) == ["C2:1.1"]


def test_without_a_store_everything_stays_in_memory() -> None:
    state = SharedState()
    assert not state.shared and not getattr(state.deduper(), "blocking", False)
    assert not getattr(state.limiter(5, 3), "blocking", False) and state.answered_threads() is None
    with state.build_lock():
        pass


def test_rate_limit_rows_hold_a_keyed_digest_never_the_user_id(stores: Callable[[], SharedStore]) -> None:
    store = stores()
    one, other = SharedState(store, user_key=b"k1"), SharedState(stores(), user_key=b"k1")
    first = one.limiter(per_minute=1, burst=1)
    assert first.check("slack:U123").allowed
    assert not other.limiter(per_minute=1, burst=1).check("slack:U123").allowed, "same key, same bucket"
    with store.engine.connect() as conn:
        keys = list(conn.scalars(sa.select(rate_buckets.c.key)))
    assert keys == [one.pseudonym("slack:U123")] and "U123" not in keys[0]
    assert SharedState(store, user_key=b"k2").pseudonym("slack:U123") != keys[0]
