"""The in-memory event de-duplicator: first claim wins, bounded in size and age."""

from __future__ import annotations

from bot.dedupe import Deduper, MemoryDeduper
from tests.bot.fake_clock import FakeClock


def test_first_claim_wins_until_the_ttl_passes() -> None:
    clock = FakeClock()
    seen: Deduper = MemoryDeduper(ttl=60.0, clock=clock.monotonic)
    assert seen.claim("event:Ev1") and not seen.claim("event:Ev1")
    assert seen.claim("event:Ev2")
    clock.advance(59)
    assert not seen.claim("event:Ev1")
    clock.advance(2)
    assert seen.claim("event:Ev1"), "forgotten after the TTL"


def test_size_is_bounded_oldest_forgotten_first() -> None:
    seen = MemoryDeduper(max_entries=10)
    for n in range(25):
        assert seen.claim(f"k{n}")
    assert len(seen) == 10
    assert "k24" in seen and "k0" not in seen
    assert not seen.claim("k20") and seen.claim("k0")
