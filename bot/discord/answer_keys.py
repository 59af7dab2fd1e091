"""Tying a question asked in a plain channel to its answer's message before anyone can reply to that message.

A reply to one of the bot's answers goes on with the conversation the answer belongs to, which the bot finds
by the answer's message id (``thread_conversation``). People see an answer as soon as Discord has made it, a
round trip before Discord's response tells the bot its id (a second or more when discord.py retries a 502): a
conversation tied to that id only once the response came back left a reply made in between asked alone.

For a slash command the id is known before the answer exists: an interaction's response keeps the id of its
"thinking…" message, which Discord names in its answer to the deferral (``response_message_id``), or which
the bot reads once deferred (again before filling it in, should that read fail) when Discord leaves it out. For a
message the bot replies to, the id comes only with the response to sending the reply: a reply to a bot message the
bot does not know yet, in a channel where it is sending an answer, waits for that answer to be remembered
(``AnswersInFlight``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import discord

from bot.core import CommandCore
from bot.discord.identity import thread_conversation

log = logging.getLogger(__name__)


class ChannelAsk:
    """The conversation of a slash command run in a plain channel: keyed by the interaction until the id of its
    response's message is known, then by that message (a thread opened on it later has its id)."""

    def __init__(self, core: CommandCore, interaction_id: int) -> None:
        self._core = core
        self.conversation = f"discord:interaction:{interaction_id}"
        self._bound = False

    def deferred(self, message_id: int | None) -> None:
        """After the deferral: its message's id (``bot.discord.responding.thinking_id``: named by Discord, or read),
        when known, keys the conversation from the start (before the core asks, so nothing needs moving)."""
        if message_id is not None:
            self.conversation, self._bound = thread_conversation(message_id), True

    async def before_answer(self, interaction: discord.Interaction[Any]) -> None:
        """Before the "thinking…" message is filled in: the conversation moves to its id, fetched if the
        deferral did not name it. Should the fetch fail, ``answered`` ties it afterwards, as before."""
        if self._bound:
            return
        try:
            original = await interaction.original_response()
        except Exception as exc:  # a dropped connection too: the answer matters more than this
            log.warning("could not read the response of interaction %s (%s: %s); a reply to its answer before "
                        "Discord's response to it may be asked alone", interaction.id, type(exc).__name__, exc)
            return
        self._bind(original.id)

    def answered(self, sent: discord.Message | None) -> None:
        """After delivery: the fallback when the message's id was not known before, and the move to the answer's
        own message when it is not the "thinking…" one (posted in the channel once the interaction expired)."""
        if sent is None:
            return
        if not self._bound or (not sent.flags.ephemeral and thread_conversation(sent.id) != self.conversation):
            self._bind(sent.id)

    def _bind(self, message_id: int) -> None:
        key = thread_conversation(message_id)
        self._core.continue_conversation(self.conversation, key)
        self.conversation, self._bound = key, True


class AnswersInFlight:
    """The answers being sent to messages, by channel, until each is remembered (its id known): a reply to a
    bot message the bot does not know yet waits for the answers in its channel that could be that message.
    Only from the send on: the question being worked on before that has no message anyone could reply to."""

    def __init__(self) -> None:
        self._sending: defaultdict[int, dict[int, asyncio.Event]] = defaultdict(dict)
        self._gone: set[int] = set()  # questions deleted while their answer was being sent

    def deleted(self, channel_id: int, message_id: int) -> None:
        """Discord says ``message_id`` was deleted: if its answer is being sent, the parts not yet sent are not."""
        if message_id in self._sending.get(channel_id, {}):
            self._gone.add(message_id)

    def gone(self, message: discord.Message) -> bool:
        """Whether ``message`` was deleted while its answer was being sent."""
        return message.id in self._gone

    def sending(self, message: discord.Message) -> None:
        """The answer to ``message`` is about to be sent: people may see it before the bot knows its id."""
        self._sending[message.channel.id].setdefault(message.id, asyncio.Event())

    @asynccontextmanager
    async def answering(self, message: discord.Message) -> AsyncIterator[None]:
        """Around answering ``message``: on leaving, its answer is remembered (or none was sent)."""
        try:
            yield
        finally:
            channel = message.channel.id
            self._gone.discard(message.id)
            done = self._sending.get(channel, {}).pop(message.id, None)
            if done is not None:
                done.set()
            if channel in self._sending and not self._sending[channel]:
                del self._sending[channel]

    async def settled(self, channel_id: int, answer_id: int) -> None:
        """Once every answer being sent in ``channel_id`` that could be the message ``answer_id`` is remembered:
        those to messages older than it (ids grow with time, and an answer comes after its question). A reply
        waits before its own answer is sent, so it never waits on one that waits on it."""
        waiting = [done for question, done in self._sending.get(channel_id, {}).items() if question < answer_id]
        if waiting:
            await asyncio.gather(*(done.wait() for done in waiting))
