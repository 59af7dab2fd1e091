"""The channel pacer on its own (``bot.slack.pacing``), on a clock that moves only when slept through."""

from __future__ import annotations

import asyncio

import pytest

from bot.slack.pacing import BURST, ChannelBusy, ChannelPacer, Clock, slack_asked_wait


class SteppedClock:
    def __init__(self) -> None:
        self.t = 0.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds
        await asyncio.sleep(0)


def pacer_on(clock: SteppedClock) -> ChannelPacer:
    return ChannelPacer(clock=Clock(clock.now, clock.sleep))


async def test_a_burst_then_one_post_a_second_from_the_end_of_the_last() -> None:
    clock = SteppedClock()
    pacer = pacer_on(clock)
    for _ in range(BURST + 2):
        async with pacer.turn("C1"):
            clock.t += 0.25  # the post itself
    assert clock.slept == [1.0, 1.0]  # a second after each previous post ended, once the burst is spent


async def test_posts_go_in_the_order_they_came_and_a_held_channel_holds_no_other() -> None:
    clock = SteppedClock()
    pacer = pacer_on(clock)
    release, order = asyncio.Event(), []

    async def post(channel: str, name: str, hold: bool = False) -> None:
        async with pacer.turn(channel):
            order.append(name)
            if hold:
                slack_asked_wait(30.0)  # Slack refused it with Retry-After: 30
                await release.wait()

    first = asyncio.create_task(post("C1", "first", hold=True))
    await asyncio.sleep(0)
    queued = [asyncio.create_task(post("C1", f"C1-{n}")) for n in range(4)]
    await asyncio.sleep(0)
    await post("C2", "elsewhere")  # while C1's post waits for Slack
    assert order == ["first", "elsewhere"] and clock.slept == []
    release.set()
    await asyncio.gather(first, *queued)
    assert order == ["first", "elsewhere", "C1-0", "C1-1", "C1-2", "C1-3"]
    assert clock.slept[0] == pytest.approx(30.0) and clock.slept[1:] == [1.0] * 4  # no burst after a refusal


async def test_a_post_that_would_wait_past_its_patience_is_refused_at_once() -> None:
    clock = SteppedClock()
    pacer = ChannelPacer(patience=60.0, clock=Clock(clock.now, clock.sleep))
    async with pacer.turn("C1"):
        slack_asked_wait(90.0)
    with pytest.raises(ChannelBusy):
        async with pacer.turn("C1"):
            pass
    assert clock.slept == []


async def test_idle_channels_are_forgotten() -> None:
    clock = SteppedClock()
    pacer = pacer_on(clock)
    for n in range(1000):
        async with pacer.turn(f"C{n}"):
            pass
    assert len(pacer) <= 1000
    clock.t += BURST  # every burst back
    async with pacer.turn("C-last"):
        pass
    assert len(pacer) == 1


async def test_a_cancelled_waiter_does_not_stall_the_channel() -> None:
    clock = SteppedClock()
    pacer = pacer_on(clock)
    release = asyncio.Event()

    async def post(hold: bool = False) -> None:
        async with pacer.turn("C1"):
            if hold:
                await release.wait()

    holder = asyncio.create_task(post(hold=True))
    await asyncio.sleep(0)
    gone, after = asyncio.create_task(post()), asyncio.create_task(post())
    await asyncio.sleep(0)
    gone.cancel()
    release.set()
    await asyncio.wait_for(asyncio.gather(holder, after), 5)
    assert gone.cancelled() and len(pacer) == 1


async def test_a_post_slack_is_slow_to_answer_hands_the_turn_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """People see a post before Slack answers it; a reply to it must not wait for that answer."""
    monkeypatch.setattr("bot.slack.pacing.SLOW_ANSWER", 0.05)
    pacer, answered = pacer_on(SteppedClock()), asyncio.Event()

    async def slow_post() -> None:
        async with pacer.turn("C1"):
            await answered.wait()

    slow = asyncio.create_task(slow_post())
    await asyncio.sleep(0)
    async with asyncio.timeout(5):
        async with pacer.turn("C1"):
            answered.set()
    await slow
