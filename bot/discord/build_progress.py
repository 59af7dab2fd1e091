"""A moderator's /add-article while it runs: its private "thinking…" edited with the build's stages, and, before
the interaction's token dies, with where the result will come.

A 1 MB article takes 10-17 minutes to add on shared cores: the moderator saw only "thinking…", and a result past
Discord's 15 minutes went by direct message alone, under a "thinking…" nothing could take down any more (a
private one stays until the moderator dismisses it). Edits come at most every ``bot.build_updates.EVERY_S``
seconds, one at a time; once the token nears its end (``bot.discord.withdrawing``'s deadline) the reply says the
result comes by direct message and in /index-history, and no edit is tried after.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import TypeVar

import discord

from bot.build_updates import BuildUpdate, elapsed
from bot.discord import withdrawing
from bot.discord.limits import CONTENT_LIMIT, safe

log = logging.getLogger(__name__)

Interaction = discord.Interaction[discord.Client]
T = TypeVar("T")

OUTLASTING = ("{doing}: still running after {elapsed}. Discord lets me update this reply for 15 minutes only, so "
              "I'll send you the result by direct message (in this channel, naming you, if you take none), and "
              "/index-history will show it.")


class ProgressReply:
    """The reply of one deferred command that changes the index. ``received``: when the interaction came, on
    ``time.monotonic``'s clock, from which its token's life is counted."""

    def __init__(self, interaction: Interaction, *, received: float, command: str) -> None:
        self._interaction = interaction
        self._received = received
        self._command = command
        self._lock = asyncio.Lock()  # one edit at a time: the deadline's note never crosses an update
        self._latest: BuildUpdate | None = None
        self._done = False  # told where the result will come, or an edit was refused: no more edits

    @property
    def _deadline(self) -> float:
        return self._received + withdrawing.TOKEN_LIFE - withdrawing.MARGIN

    async def show(self, update: BuildUpdate) -> None:
        """The build's latest stage, in the reply (the core's ``ProgressSink``)."""
        async with self._lock:
            self._latest = update
            if not self._done and time.monotonic() < self._deadline:
                await self._edit(update.text())

    async def around(self, work: Awaitable[T]) -> T:
        """``work``'s result; when it is not ready by the deadline, the reply says where it will come."""
        return await withdrawing.by_deadline(work, self._deadline, self._outlasting)

    async def _outlasting(self) -> None:
        async with self._lock:
            if self._done:
                return
            doing = self._latest.doing if self._latest else f"Your /{self._command}"
            await self._edit(OUTLASTING.format(doing=doing, elapsed=elapsed(time.monotonic() - self._received)))
            self._done = True

    async def _edit(self, text: str) -> None:
        try:
            await self._interaction.edit_original_response(content=safe(text, CONTENT_LIMIT),
                                                           allowed_mentions=discord.AllowedMentions.none())
        except Exception as exc:  # the result still comes, the way ``bot.discord.responding`` finds; never lost
            self._done = True  # for a progress edit that failed, nor the work left running unawaited
            log.warning("could not show /%s's progress in interaction %s (%s: %s); no more updates", self._command,
                        self._interaction.id, type(exc).__name__, exc)
