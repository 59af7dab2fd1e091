"""The Slack threads the bot follows: a reply in one needs no mention. One set, durable where it can be.

With shared state (``SHARED_STATE``) the set is the store's ``answered_threads``: every replica reads it, and
it outlives a restart. Without, it is a bounded set in this process, and each public reply is also recorded
by the core (``CommandCore.replied_in``, the store's ``replied_conversations``) for after a restart. Recording
a reply both ways wrote the same fact twice when shared state already kept it. Both records are keyed by the
conversation (``slack:thread:<channel>:<ts>``), and the core's ``answered_in`` reads both: a thread answered
while ``SHARED_STATE`` was on is still followed after it is turned off, and the other way round.

A reply is recorded durably once it was sent, never before nor alongside: a post Slack refused
(``not_in_channel``, ``channel_not_found``, an announcement-only channel) left its thread followed, and a later
message there was read as a question without a mention. In this process the thread is followed while the reply
is sent (a follow-up arriving as it appears is not missed), and no longer if Slack refuses it. The asker never
waits on the store for the record (the reply is out first), and a failed write is logged, not shown (the reply
stands; only after a restart might the thread need a mention again). The record is awaited inside the handling
of the event, so a graceful shutdown, which waits for what is in flight, loses none.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.core import CommandCore
from bot.shared_state import StoreThreads, call
from bot.slack.ask_threads import asked_in
from bot.slack.events import conversation_of
from bot.slack.memory import BoundedSet

log = logging.getLogger(__name__)


class FollowedThreads:
    """Keys ``"<channel>:<thread_ts>"``. ``shared``: the store-backed set, or None (``core`` then records each
    reply for after a restart). ``memory`` threads are also kept in this process, so a follow-up right after a
    reply never waits on the store's write of it, nor reads the store to know."""

    def __init__(self, core: CommandCore, shared: StoreThreads | None, memory: int) -> None:
        self._core = core
        self._shared = shared
        self._memory = BoundedSet(memory)
        self._not_asked = BoundedSet(memory)  # threads under a bot message that is no /ask answer: read once

    async def follows_reply(self, event: dict[str, Any], client: AsyncWebClient, bot_user: str | None) -> bool:
        """Whether the bot follows the thread of this reply: one it replied in (remembered, or after a restart
        found among the stored answers and replies: a follow-up there went unanswered without a word), or, found
        now, one under its ``/ask`` answer, which then goes on with that question's conversation
        (``bot.slack.ask_threads``). A thread found to be neither is not asked about again."""
        channel, thread = str(event.get("channel") or ""), str(event.get("thread_ts") or "")
        key, here = f"{channel}:{thread}", conversation_of(channel, thread, event.get("channel_type"))
        if await self.follows(key, here):
            return True
        if key in self._not_asked:
            return False
        answered = await self._core.answered_in(here) if here is not None else False
        if answered:  # answered before a restart, or while SHARED_STATE said otherwise
            await self.follow(key, here)
            return True
        if not bot_user or event.get("parent_user_id") != bot_user:
            # Not when the store failed to say (a database restarting): remembered, the thread stayed
            # unfollowed for good, its follow-ups dropped after the database was back.
            if answered is not None:
                self._not_asked.add(key)
            return False
        earlier = await asked_in(client, channel, thread, bot_user)
        if earlier is None or here is None:
            self._not_asked.add(key)
            return False
        self._core.continue_conversation(earlier, here)
        await self.follow(key, here)
        return True

    async def follows(self, key: str, conversation: str | None) -> bool:
        """Whether ``key`` is followed, in this process or (shared state) by the store's record of
        ``conversation``; not what the core stored (``CommandCore.answered_in``, the caller's next question)."""
        if key in self._memory:
            return True
        return self._shared is not None and await call(self._shared, self._shared.__contains__,
                                                       conversation or key)

    async def follow(self, key: str, conversation: str | None) -> None:
        """Follow ``key`` from now on: a thread found to be one the bot replied in, or under its /ask answer."""
        self._memory.add(key)
        if self._shared is not None:
            await call(self._shared, self._shared.add, conversation or key)

    @contextlib.asynccontextmanager
    async def replying(self, key: str, conversation: str | None) -> AsyncIterator[None]:
        """Around the post of the bot's public reply in ``key`` (``conversation``, the core's name for it):
        followed here at once, so a follow-up right after the reply is never missed; no longer if Slack refuses
        the post (unless it was before); recorded durably once the reply went out."""
        followed = key in self._memory
        self._memory.add(key)
        try:
            yield
        except BaseException:
            if not followed:
                self._memory.discard(key)
            raise
        await self._record(key, conversation)

    async def _record(self, key: str, conversation: str | None) -> None:
        """The durable record of a reply in ``key``; a failure is logged (it never raises)."""
        try:
            if self._shared is not None:
                await call(self._shared, self._shared.add, conversation or key)
            elif conversation is not None:
                await self._core.replied_in(conversation)
        except Exception:
            log.exception("could not record the reply in thread %s; after a restart a follow-up there may need a "
                          "mention", key)
