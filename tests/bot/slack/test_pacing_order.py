"""A post Slack held (429) keeps its place: the post queued behind it goes after its retry (``bot.slack.pacing``)."""

from __future__ import annotations

import asyncio

import pytest

from bot.slack import pacing
from bot.slack.pacing import ChannelPacer, slack_asked_wait


async def test_the_post_behind_a_refused_one_waits_for_its_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    """After SLOW_ANSWER the turn was handed on, and the next post went at the end of Slack's wait, before the
    refused post's retry (which sleeps the wait and a jitter): answers out of order, two posts in one second."""
    monkeypatch.setattr(pacing, "SLOW_ANSWER", 0.1)
    pacer = ChannelPacer(rate=5.0)  # a post every 0.2 s once a burst is spent
    loop = asyncio.get_running_loop()
    posted: list[tuple[str, float]] = []

    async def refused_then_retried() -> None:
        async with pacer.turn("C1"):
            slack_asked_wait(0.5)  # Retry-After, as RateLimitRetry reports it
            await asyncio.sleep(0.5 + 0.15)  # the retry's wait and its jitter
            posted.append(("first", loop.time()))

    async def queued_behind() -> None:
        await asyncio.sleep(0.02)
        async with pacer.turn("C1"):
            posted.append(("second", loop.time()))

    await asyncio.gather(refused_then_retried(), queued_behind())
    assert [name for name, _ in posted] == ["first", "second"]
    assert posted[1][1] - posted[0][1] >= 0.15  # spaced after the retry, not a burst beside it
