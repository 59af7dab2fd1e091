"""Taking down a public "thinking…" before the interaction's token dies, where nothing could take it down after.

Work that outlasts the token's 15 minutes is delivered by ``bot.discord.elsewhere``, which deletes the stale
"thinking…" with the bot's own token: that works only where the bot itself is (``seated``) and knows the message's
id. A command run through a user's install in a server the bot is not in, or in a DM among friends, left its
public "thinking…" up for good, above nothing: the answer went to the asker by direct message. There the token is
the only handle on it, so shortly before it dies the "thinking…" is deleted through it, and the result, whenever
it comes, goes the late way.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import discord

log = logging.getLogger(__name__)

Interaction = discord.Interaction[discord.Client]
T = TypeVar("T")

TOKEN_LIFE = 15 * 60.0  # seconds an interaction's token works, from when Discord created the interaction
# Seconds before that the "thinking…" is taken down: the bot receives an interaction a little after Discord made
# it, and the deletion is one more request that must arrive in time.
MARGIN = 60.0


class Thinking:
    """A deferred command's "thinking…" while its work runs: ``withdrawn`` once it was taken down early."""

    def __init__(self, interaction: Interaction, *, received: float, must_withdraw: bool, what: str) -> None:
        self._interaction = interaction
        self._deadline = received + TOKEN_LIFE - MARGIN  # on ``time.monotonic``'s clock
        self._must = must_withdraw
        self._what = what
        self.withdrawn = False

    async def run(self, work: Awaitable[T]) -> T:
        """``work``'s result; when it is not ready by the deadline, the "thinking…" is taken down meanwhile."""
        if not self._must:
            return await work
        return await by_deadline(work, self._deadline, self._withdraw)

    async def _withdraw(self) -> None:
        self.withdrawn = True
        log.warning("%s by %s is still running as its interaction nears Discord's 15 minutes; its 'thinking…' is "
                    "taken down now, since nothing could after", self._what, self._interaction.user.id)
        try:
            await self._interaction.delete_original_response()
        except discord.HTTPException as exc:
            log.warning("could not take down the 'thinking…' of interaction %s (%s %s)", self._interaction.id,
                        exc.code, exc.text)


async def by_deadline(work: Awaitable[T], deadline: float, late: Callable[[], Awaitable[None]]) -> T:
    """``work``'s result; ``late`` run meanwhile when it is not ready by ``deadline`` (on ``time.monotonic``'s
    clock). ``work`` is cancelled with the caller."""
    task = asyncio.ensure_future(work)
    try:
        done, _ = await asyncio.wait({task}, timeout=max(0.0, deadline - time.monotonic()))
    except BaseException:
        task.cancel()
        raise
    if not done:
        await late()
    return await task
