"""What a replica decides alone during a database outage runs by the clock it was given, as the store's claims and
buckets do: the memory fallbacks read the real ``time.monotonic`` whatever clock the shared versions were given."""

from __future__ import annotations

from pathlib import Path

from bot.shared_state import StoreDeduper, StoreRateLimiter
from bot.store.shared import SharedStore
from bot.store_breaker import Breaker
from tests.bot.fake_clock import FakeClock
from tests.bot.test_outage_writes import gone


def test_a_claim_made_alone_expires_by_the_given_clock(tmp_path: Path, clock: FakeClock) -> None:
    store = SharedStore(f"sqlite:///{tmp_path / 'bot.db'}")
    store.engine = gone([])
    claims = StoreDeduper(store, ttl=60.0, clock=clock.time, breaker=Breaker(clock.time))
    assert claims.claim("event:1") and not claims.claim("event:1")
    clock.advance(61.0)
    assert claims.claim("event:1")  # its claim has expired: a new delivery an hour on is an event again


def test_a_bucket_kept_alone_refills_by_the_given_clock(tmp_path: Path, clock: FakeClock) -> None:
    store = SharedStore(f"sqlite:///{tmp_path / 'bot.db'}")
    store.engine = gone([])
    limits = StoreRateLimiter(store, per_minute=6.0, burst=1, clock=clock.time, breaker=Breaker(clock.time))
    assert limits.check("U1").allowed and not limits.check("U1").allowed
    clock.advance(11.0)  # a token every 10 s
    assert limits.check("U1").allowed
