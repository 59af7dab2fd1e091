"""The tests' clock behaves as the machine's clocks do, or tests passing on it prove nothing about the bot."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from bot.store.db import utcnow
from tests.bot.fake_clock import FakeClock


def test_its_three_views_are_one_instant_moving_together() -> None:
    clock = FakeClock()
    start_wall, start_mono = clock.time(), clock.monotonic()
    assert clock.utcnow().replace(tzinfo=UTC).timestamp() == start_wall, "the store converts one to the other"
    assert clock.utcnow().tzinfo is utcnow().tzinfo is None, "naive UTC, as the store's own clock"
    clock.advance(90)
    clock.advance(timedelta(minutes=1, seconds=0.5))
    for moved in (clock.time() - start_wall, clock.monotonic() - start_mono):
        assert moved == pytest.approx(150.5)
    assert clock.utcnow().replace(tzinfo=UTC).timestamp() == pytest.approx(clock.time())


def test_it_stands_still_unless_moved_and_never_goes_back() -> None:
    clock = FakeClock()
    before = (clock.time(), clock.monotonic(), clock.utcnow())
    assert (clock.time(), clock.monotonic(), clock.utcnow()) == before
    with pytest.raises(ValueError, match="does not go back"):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.advance(timedelta(seconds=-1))
    assert (clock.time(), clock.monotonic(), clock.utcnow()) == before
