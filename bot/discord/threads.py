"""The threads the bot opens on its answers in server channels, and knowing them again.

Opening the thread comes after the answer was delivered and is best effort: if it fails the user already
has the answer, so the failure is logged and nobody gets an apology under a good answer.

A thread is the bot's when it owns it, or when its id was remembered since start-up (for threads not in
discord.py's cache): messages there are answered without a new mention. A mixin of
``bot.discord.messages.Conversations``.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import TypeVar

import discord

from bot.discord.limits import clip
from retrieval.types import Answer, Timeline

log = logging.getLogger(__name__)
K = TypeVar("K")
V = TypeVar("V")

THREAD_NAME_LIMIT = 100


def remember(memory: OrderedDict[K, V], key: K, value: V, limit: int) -> None:
    """Keep ``key`` in ``memory``, forgetting the oldest entries beyond ``limit``: a long-running bot's
    memory stays flat, and forgetting only means the next follow-up there needs a mention."""
    memory[key] = value
    while len(memory) > limit:
        memory.popitem(last=False)


def worth_a_thread(result: Answer | Timeline) -> bool:
    """An answer, or a timeline that shows events, gets a thread for its follow-ups. A timeline with none ("no
    dated events" for its topic, or a note asking which dates are meant) stays a reply in place: a thread
    holding only that is clutter in the channel's thread list, and a reply to the reply still goes on with
    its conversation (``replied_answer``)."""
    return isinstance(result, Answer) or bool(result.events)


class BotThreads:
    """Remembers and opens the bot's threads."""

    # Set by ``Conversations``.
    client: discord.Client
    _threads: OrderedDict[int, None]
    _remembered: int

    def remember_thread(self, thread_id: int) -> None:
        remember(self._threads, thread_id, None, self._remembered)

    def is_bot_thread(self, channel: object) -> bool:
        me = self.client.user
        if getattr(channel, "id", None) in self._threads:
            return True
        return isinstance(channel, discord.Thread) and me is not None and channel.owner_id == me.id

    @staticmethod
    def _can_open_thread(message: discord.Message) -> bool:
        return message.guild is not None and isinstance(message.channel, discord.TextChannel)

    async def _open_thread(self, reply: discord.Message, question: str) -> None:
        """Remembered before it is asked for (a thread opened on a message takes the message's id): Discord
        shows the thread, and people post in it, before its response reaches the bot. A thread that fails
        leaves an id no channel has."""
        self.remember_thread(reply.id)
        try:
            await reply.create_thread(name=clip(question, THREAD_NAME_LIMIT) or "Question", auto_archive_duration=1440)
        except discord.HTTPException as exc:  # usually a missing Create Public Threads permission
            log.info("could not open a thread on message %s: %s", reply.id, exc)
        except Exception as exc:  # a dropped connection and the like: the answer is out, so no apology
            log.warning("could not open a thread on message %s: %s: %s", reply.id, type(exc).__name__, exc)
