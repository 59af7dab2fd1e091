"""Pacing the bot's posts per channel, as Slack limits them.

Slack takes about one ``chat.postMessage`` a second in a channel, short bursts allowed but not guaranteed
(api.slack.com/docs/rate-limits). When several people asked at once, every answer was posted the moment it was
ready: Slack refused all but the first with 429, slack_sdk's two retries came back into the same limit, and the
askers got "something went wrong". Here each channel's posts take turns, in the order they came (a question
answered sooner is not overtaken by one answered later), a few at once after a quiet spell, then one a second
measured from the end of the previous post. When Slack still asks for a wait (another replica, a workspace-wide
limit, a burst it didn't take), the rate-limit retry (``bot.slack.rate_limits``) tells the pacer, which holds
the channel for the whole wait and starts it again without a burst. Waiting is ``asyncio`` sleeping: the event
loop and every other channel go on. A channel is forgotten once it is idle (nothing waiting, its burst back), so
memory follows the channels posted in during the last few seconds, not every channel ever answered.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

RATE = 1.0  # posts a second in one channel, sustained (Slack: about one)
BURST = 3  # posts at once after a quiet spell ("short bursts >1 allowed")
SLOW_ANSWER = 2.0  # seconds Slack may take to answer a post before the channel's next one goes anyway
PATIENCE = 120.0  # seconds a post may wait for its turn before its asker is told the channel is busy


class ChannelBusy(Exception):
    """A post would wait longer than ``PATIENCE`` for its turn (Slack holding the channel, a long queue)."""


@dataclass(frozen=True)
class Clock:
    """Time as the pacer and the rate-limit retry see it; tests pass one that moves on when slept."""

    now: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep


@dataclass
class _Channel:
    tokens: float
    updated: float
    not_before: float = 0.0  # Slack asked for no post before this
    busy: bool = False
    limited: bool = False  # Slack asked the post in turn to wait
    waiters: deque[asyncio.Future[None]] = field(default_factory=deque)


# The channel whose post is in turn in this task: the rate-limit retry, running inside the post's send, reports
# Slack's waits to it.
_in_turn: ContextVar[tuple[ChannelPacer, _Channel] | None] = ContextVar("slack_post_in_turn", default=None)


def slack_asked_wait(seconds: float) -> None:
    """Slack refused the post in turn with 429 and asked for ``seconds``: its channel is held that long, and
    starts again without a burst. Outside a post's turn (a read, an ephemeral) nothing is held."""
    current = _in_turn.get()
    if current is not None:
        pacer, state = current
        state.limited = True
        state.not_before = max(state.not_before, pacer.clock.now() + seconds)
        # No token until the wait is over: a post handed the turn meanwhile goes a second after it, behind the
        # refused post's retry (which sleeps the wait and less than a second more), never in a burst beside it.
        state.tokens, state.updated = 0.0, max(state.updated, state.not_before)


class ChannelPacer:
    def __init__(self, rate: float = RATE, burst: int = BURST, patience: float = PATIENCE,
                 clock: Clock | None = None) -> None:
        self.rate, self.burst, self.patience = rate, burst, patience
        self.clock = clock or Clock()
        self._channels: OrderedDict[str, _Channel] = OrderedDict()

    def __len__(self) -> int:
        return len(self._channels)

    @asynccontextmanager
    async def turn(self, channel: str) -> AsyncIterator[None]:
        """Post to ``channel`` inside this: after the posts that came before, spaced as Slack allows. Raises
        ``ChannelBusy`` instead of waiting past ``patience``. A post Slack is slow to answer hands the turn on
        after ``SLOW_ANSWER`` seconds: people see a message before Slack answers its post, and a reply to it
        (in the same channel) must not wait for that answer."""
        started = self.clock.now()
        state = self._channel(channel, started)
        await self._enter(state)
        handed_on = False

        def hand_on() -> None:
            nonlocal handed_on
            if not handed_on:
                handed_on = True
                self._leave(state)

        try:
            while (wait := self._wait(state)) > 0:
                if self.clock.now() + wait - started > self.patience:
                    raise ChannelBusy(channel)
                await self.clock.sleep(wait)
            state.tokens -= 1
            state.limited = False
            reset = _in_turn.set((self, state))
            # Not while Slack holds this post: its retry comes first, in the order the posts came.
            slow = asyncio.get_running_loop().call_later(SLOW_ANSWER, lambda: None if state.limited else hand_on())
            try:
                yield
            finally:
                slow.cancel()
                _in_turn.reset(reset)
                # Spacing counts from the end of this post; after a refusal, from the end of Slack's wait, and
                # without a burst.
                state.updated = self.clock.now()
                if state.limited:
                    state.tokens, state.updated = 0.0, max(state.updated, state.not_before)
        finally:
            hand_on()
            self._forget_idle()

    def _channel(self, channel: str, now: float) -> _Channel:
        state = self._channels.get(channel)
        if state is None:
            state = self._channels[channel] = _Channel(tokens=float(self.burst), updated=now)
        self._channels.move_to_end(channel)
        return state

    def _refill(self, state: _Channel) -> float:
        """Now, with the tokens earned since ``updated`` (none before it: a hold's end, see ``turn``)."""
        now = self.clock.now()
        if now > state.updated:
            state.tokens = min(float(self.burst), state.tokens + (now - state.updated) * self.rate)
            state.updated = now
        return now

    def _wait(self, state: _Channel) -> float:
        """Seconds until the next post in ``state``'s channel may go."""
        now = self._refill(state)
        return max(state.not_before - now, (1.0 - state.tokens) / self.rate if state.tokens < 1 else 0.0)

    async def _enter(self, state: _Channel) -> None:
        """Wait for the posts queued before this one, first come first served."""
        if not state.busy and not state.waiters:
            state.busy = True
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        state.waiters.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():  # handed the turn as it was cancelled: pass it on
                self._leave(state)
            else:
                state.waiters.remove(turn)
            raise

    @staticmethod
    def _leave(state: _Channel) -> None:
        while state.waiters:
            turn = state.waiters.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        state.busy = False

    def _forget_idle(self) -> None:
        """Drop channels, least recently posted in first, that nothing waits on and whose burst is back."""
        now = self.clock.now()
        while self._channels:
            channel, state = next(iter(self._channels.items()))
            full = state.tokens + (now - state.updated) * self.rate >= self.burst
            if state.busy or state.waiters or not full or now < state.not_before:
                return
            del self._channels[channel]
