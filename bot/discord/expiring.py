"""Refusals posted in a server channel that delete themselves once read, and go at once when the bot stops.

Only interactions can answer privately, so a refusal to a mention ("Slow down", a question too long, "I'm
restarting") is public, and in a server channel it deletes itself after a while. discord.py's own
``delete_after`` keeps the deletion in a task of the running client alone: a bot stopped before it ran left
the refusal up for good, and "I'm restarting; ask again in a moment" is sent exactly then. The notices still
up are deleted when the client closes, before its connection does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord

log = logging.getLogger(__name__)
CLOSING_SECONDS = 5.0  # at most this long deleting notices when the bot stops: a shutdown has a grace period


class ExpiringNotices:
    def __init__(self) -> None:
        self._up: dict[int, discord.Message] = {}
        self._timers: set[asyncio.Task[None]] = set()

    def expire(self, notice: discord.Message, after: float) -> None:
        """Delete ``notice`` in ``after`` seconds, or when the bot stops, whichever comes first."""
        self._up[notice.id] = notice
        timer = asyncio.create_task(self._later(notice, after))
        self._timers.add(timer)
        timer.add_done_callback(self._timers.discard)

    async def _later(self, notice: discord.Message, after: float) -> None:
        await asyncio.sleep(after)
        await self.withdraw(notice)

    async def withdraw(self, notice: discord.Message) -> None:
        """Delete ``notice`` now (once, whoever asks first); one deleted already is no error."""
        self._up.pop(notice.id, None)
        with contextlib.suppress(discord.HTTPException):
            await notice.delete()

    async def withdraw_all(self) -> None:
        """Delete every notice still up, as the bot stops."""
        for timer in list(self._timers):
            timer.cancel()
        notices = list(self._up.values())
        if not notices:
            return
        try:
            async with asyncio.timeout(CLOSING_SECONDS):
                await asyncio.gather(*(self.withdraw(n) for n in notices), return_exceptions=True)
        except TimeoutError:
            log.warning("stopping with %d refusals not deleted", len(self._up))
