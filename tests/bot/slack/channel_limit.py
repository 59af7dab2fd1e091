"""A stub Slack that holds chat.postMessage to one message a second per channel, on a clock tests move.

``FastForwardClock`` is real time plus whatever was slept through it: the bot's pacer and rate-limit retry sleep
through it (``build_client(settings, clock=...)``), so a 30-second Retry-After costs no real time, while code
that sleeps with ``asyncio.sleep`` (slack_sdk's own handler) moves it only as real time passes. The stub reads
the same clock: a post less than a second after the channel's last one, or inside a wait it asked for, is
refused with 429 ``ratelimited`` and ``Retry-After`` (the stub's ``retry_after``), and the channel takes nothing
until that wait is over, as Slack means it.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.bot.slack.stub_slack import StubSlack


class FastForwardClock:
    def __init__(self) -> None:
        self.offset = 0.0
        self.slept: list[float] = []

    def now(self) -> float:
        return time.monotonic() + self.offset

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.offset += max(0.0, seconds)
        await asyncio.sleep(0)


@dataclass(frozen=True)
class Attempt:
    at: float  # on the clock
    channel: str
    thread_ts: str
    accepted: bool


class ChannelLimitedSlack(StubSlack):
    def __init__(self, clock: FastForwardClock, per_second: float = 1.0) -> None:
        super().__init__()
        self.clock, self.interval = clock, 1.0 / per_second
        self.refuse: dict[str, int] = {}  # channel -> posts refused whenever they come
        self.attempts: list[Attempt] = []
        self._last: dict[str, float] = {}
        self._blocked_until: dict[str, float] = {}
        self._notifying: set[asyncio.Task[None]] = set()

    def accepted(self, channel: str) -> list[Attempt]:
        return [a for a in self.attempts if a.channel == channel and a.accepted]

    def refused(self, channel: str) -> list[Attempt]:
        return [a for a in self.attempts if a.channel == channel and not a.accepted]

    def _answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        if method != "chat.postMessage":
            return super()._answer(method, params, token)
        channel, now = str(params.get("channel")), self.clock.now()
        limited = self.refuse.get(channel, 0) > 0 or now < self._blocked_until.get(channel, -math.inf) \
            or now - self._last.get(channel, -math.inf) < self.interval
        self.attempts.append(Attempt(now, channel, str(params.get("thread_ts")), not limited))
        if not limited:
            self._last[channel] = now
            return super()._answer(method, params, token)
        if self.refuse.get(channel):
            self.refuse[channel] -= 1
        self._blocked_until[channel] = now + self.retry_after
        self.rejected.append(("chat.postMessage", "ratelimited", []))
        self._notifying.add(task := asyncio.get_running_loop().create_task(self._notify()))
        task.add_done_callback(self._notifying.discard)
        raise web.HTTPTooManyRequests(text=json.dumps({"ok": False, "error": "ratelimited"}),
                                      content_type="application/json", headers={"Retry-After": str(self.retry_after)})
