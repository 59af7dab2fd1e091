"""The command core's conversation links: what an adapter asks of a conversation, and the one it goes on as.

A question's conversation (a thread, a DM, a session) is what its follow-ups read (``bot.conversations``); an
adapter renames one when an answer gets a thread, finds one by an answer's buttons, and asks whether the bot
follows one after a restart. A mixin of ``bot.core.CommandCore``, whose history it uses.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot.shared_state import THREAD_TTL

if TYPE_CHECKING:
    from bot.history import History


class ConversationLinks:
    # What it reads of ``CommandCore``, set there.
    history: History

    def continue_conversation(self, old: str, new: str) -> None:
        """The conversation keyed ``old`` goes on under ``new`` (a question in a channel whose answer got a
        thread: follow-ups in the thread continue it)."""
        self.history.rename(old, new)

    async def answer_conversation(self, answer_id: str) -> str | None:
        """The conversation the stored answer ``answer_id`` (its 👍/👎 buttons name it) was given in; None when it
        is not stored. An adapter that knows an answer only by those buttons (a forward of it after a restart)
        goes on with that conversation wherever the answer was, a server the bot is not in included."""
        return await self.history.conversation_of(answer_id)

    async def goes_on(self, conversation: str) -> bool:
        """Whether ``conversation`` has earlier turns a follow-up there would read: a post someone's thread was
        opened on is what a question there points at only until then (``bot.discord.messages``)."""
        context = await self.history.context(conversation)
        return context is not None and bool(context.turns)

    async def answered_in(self, conversation: str) -> bool | None:
        """Whether the bot replied in ``conversation`` within the time a thread is followed (``THREAD_TTL``),
        by the stored answers and replies (``replied_in``): an adapter's own memory of the threads it follows is
        lost on a restart, and a follow-up there then went unanswered without a word. None when the store could
        not say (it failed): the adapter asks again next time rather than remember the thread as not followed."""
        return await self.history.answered_in(conversation, timedelta(seconds=THREAD_TTL))

    async def replied_in(self, conversation: str) -> None:
        """The bot replied in public in ``conversation``, whatever the reply: an answer, a timeline (not stored
        as an answer), a decline. Stored (unless ``HISTORY_MODE=off``) for ``answered_in`` to find after a
        restart: a thread whose only reply was a timeline was no longer followed."""
        await self.history.replied_in(conversation)
