"""A forward and the comment its author typed with it, which Discord's client sends as two messages.

A forward carries no text of its own (Discord's API refuses one with content), so "is this true?" typed in the
forward dialog arrives as a second message from the same author in the same channel, just after the forward,
pointing at nothing. In a server channel the comment ("@bot is this true?") was answered as if asked alone and the
forwarded claim never read; in a DM the bot answered twice, the forward alone and then the bare comment. Here a
message with no reference of its own points at its author's forward in that channel of the last
``FORWARD_WINDOW`` seconds, once; and a forward taken as a question waits ``COMMENT_WAIT`` seconds for such a
comment, which then asks about it, before being answered alone.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable

import discord

from bot.discord.pointed import forwarded
from bot.discord.threads import remember

# The client posts the comment right after the forward (two requests in a row); a message later than this from the
# same author is a message of its own, not the forward's comment.
FORWARD_WINDOW = 10.0
COMMENT_WAIT = 1.5  # how long a forward alone waits for its comment before it is answered as the question
_REMEMBERED = 1_000  # authors-in-channels kept: a bound on memory, far above the forwards of a few seconds

_Key = tuple[int, int]  # (channel id, author id)


class RecentForwards:
    """Each author's latest forward per channel not yet answered or commented on."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, wait: float = COMMENT_WAIT) -> None:
        self._clock = clock
        self._wait = wait
        self._forwards: OrderedDict[_Key, tuple[float, int, str]] = OrderedDict()  # when, the forward's id, its text
        self._taken: OrderedDict[int, None] = OrderedDict()  # forwards a comment asked about

    @staticmethod
    def _key(message: discord.Message) -> _Key:
        return message.channel.id, message.author.id

    def saw(self, message: discord.Message) -> None:
        """Note a forward, whether or not it addresses the bot: one in a server channel does not."""
        if text := forwarded(message):
            remember(self._forwards, self._key(message), (self._clock(), message.id, text), _REMEMBERED)

    def commented(self, message: discord.Message) -> str | None:
        """What the forward ``message`` comments on says: its author's forward in this channel of the last
        ``FORWARD_WINDOW`` seconds, for a message that forwards nothing and replies to nothing; each forward once."""
        if message.reference is not None or message.message_snapshots:
            return None
        found = self._forwards.pop(self._key(message), None)
        if found is None or self._clock() - found[0] > FORWARD_WINDOW:
            return None
        remember(self._taken, found[1], None, _REMEMBERED)
        return found[2]

    async def followed(self, message: discord.Message) -> bool:
        """Whether the forward ``message``, taken as a question, was taken up within ``COMMENT_WAIT`` seconds by its
        author's comment (``commented``), which then asks about it: the forward is not answered too. Otherwise it
        is answered alone, once, and no later message takes it up (another forward, a reply to something else, a
        message after the wait)."""
        if not forwarded(message):
            return False
        await asyncio.sleep(self._wait)
        if message.id in self._taken:
            return True
        key = self._key(message)
        waiting = self._forwards.get(key)
        if waiting is not None and waiting[1] == message.id:
            del self._forwards[key]
        return False
