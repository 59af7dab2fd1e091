"""The per-user token bucket, on a clock the test moves by hand."""

from __future__ import annotations

from bot.ratelimit import RateLimiter
from tests.bot.fake_clock import FakeClock


def test_burst_then_one_notice_per_window_then_refill() -> None:
    clock = FakeClock()
    limiter = RateLimiter(per_minute=5, burst=3, clock=clock.monotonic)
    assert [limiter.check("u").allowed for _ in range(3)] == [True, True, True]
    first = limiter.check("u")
    assert not first.allowed and first.notify and first.retry_seconds == 12  # 5 a minute: one every 12 s
    clock.advance(5)
    later = [limiter.check("u") for _ in range(20)]
    assert not any(d.allowed or d.notify for d in later), "told once per window, then dropped silently"
    assert limiter.check("v").allowed, "other users are not affected"
    clock.advance(7.01)  # 12 s after the bucket ran dry: one token again
    assert limiter.check("u").allowed
    refused = limiter.check("u")
    assert not refused.allowed and refused.notify, "a new window is announced again"
    assert 11 < refused.retry_after <= 12


def test_flood_of_thirty_in_two_seconds() -> None:
    clock = FakeClock()
    limiter = RateLimiter(per_minute=5, burst=3, clock=clock.monotonic)
    decisions = []
    for _ in range(30):
        decisions.append(limiter.check("flooder"))
        clock.advance(2 / 30)
    assert sum(d.allowed for d in decisions) == 3 and sum(d.notify for d in decisions) == 1


def test_full_bucket_after_a_quiet_spell_and_zero_turns_it_off() -> None:
    clock = FakeClock()
    limiter = RateLimiter(per_minute=6, burst=2, clock=clock.monotonic)
    assert limiter.check("u").allowed and limiter.check("u").allowed and not limiter.check("u").allowed
    clock.advance(3600)
    assert [limiter.check("u").allowed for _ in range(3)] == [True, True, False], "never more than the burst"
    off = RateLimiter(per_minute=0, burst=1, clock=clock.monotonic)
    assert not off.enabled and all(off.check("u").allowed for _ in range(100))


def test_memory_is_bounded() -> None:
    limiter = RateLimiter(per_minute=5, burst=3, max_users=100)
    for n in range(1000):
        limiter.check(f"user{n}")
    assert len(limiter) == 100
