"""The identify gate's leases on the store, and migrations whose numbers land out of order."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store import migrations
from bot.store.engines import open_engine
from bot.store.leases import LeaseGate
from tests.bot.fake_clock import FakeClock


def test_a_lease_is_held_for_its_window_then_taken_by_the_next(db_url: str) -> None:
    url = db_url
    clock = FakeClock()
    first = LeaseGate.open(url)
    first._clock = clock.utcnow
    second = LeaseGate(open_engine(url), first.window, clock.utcnow)  # another process on the same database
    assert first.try_take(0, "a shard 0") == 0.0
    wait = second.try_take(0, "b shard 1")
    assert wait == pytest.approx(first.window.total_seconds())
    assert second.try_take(1, "b shard 1") == 0.0, "another bucket is independent"
    clock.advance(timedelta(seconds=2))
    assert second.try_take(0, "b shard 1") == pytest.approx(first.window.total_seconds() - 2)
    clock.advance(first.window)
    assert second.try_take(0, "b shard 1") == 0.0
    assert {(b, h) for b, h, _ in first.holders()} == {(0, "b shard 1"), (1, "b shard 1")}
    first.close()
    second.close()


def test_concurrent_first_takes_give_the_bucket_to_one(db_url: str) -> None:
    url = db_url
    LeaseGate.open(url).close()
    gates = [LeaseGate(open_engine(url)) for _ in range(4)]
    results: list[float] = []
    barrier = threading.Barrier(len(gates))

    def take(gate: LeaseGate, name: str) -> None:
        barrier.wait()
        results.append(gate.try_take(7, name))

    threads = [threading.Thread(target=take, args=(g, f"p{i}")) for i, g in enumerate(gates)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r == 0.0 for r in results) == [False, False, False, True]
    for gate in gates:
        gate.close()


def test_a_lower_migration_number_merged_later_is_still_applied(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Branches reserve numbers; a database migrated to 5 must still get 4 when it lands afterwards."""
    def table(name: str) -> migrations.Step:
        return lambda conn: sa.Table(name, sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True)).create(conn)

    engine = open_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setattr(migrations, "MIGRATIONS", [(1, "one", table("t1")), (5, "five", table("t5"))])
    assert migrations.migrate(engine) == 5
    monkeypatch.setattr(migrations, "MIGRATIONS", [(1, "one", table("t1")), (4, "four", table("t4")),
                                                   (5, "five", table("t5"))])
    assert migrations.migrate(engine) == 5
    assert {"t1", "t4", "t5"} <= set(sa.inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert migrations.applied_versions(conn) == {1, 4, 5}
    engine.dispose()
