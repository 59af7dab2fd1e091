"""The command core's replies that depend on what the bot holds or on the conversation, not on the words alone:
help for the asker, what it knows ("how many sources do you have?"), the sources of its last answer ("source?"),
"more" after an answer, "ok" after a decline, and the story asked for in chat's words ("what's the latest?").

``bot.smalltalk`` and ``bot.routing`` read the words and say which; this fills the reply in. A mixin of
``bot.core.CommandCore``, whose engine, history, pools and timeline readers it uses.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from bot.about_asks import CITED_TOPIC, MORE_TOPIC, NOTED_TOPIC, RECENT_TOPIC, STOCK_TOPIC, WEB_TOPIC
from bot.about_replies import cited_text, more_heading, more_text, noted_text, recent_text, stock_text, web_text
from bot.actors import Actor
from bot.help_text import Identify, asker, for_asker
from bot.results import Notice, Reply
from bot.routing import Route
from bot.story_asks import may_ask_story
from retrieval.turns import FollowupContext, Turn
from retrieval.types import Answer, Timeline

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import ThreadPoolExecutor

    from bot.actors import ModeratorPolicy
    from bot.history import History
    from retrieval.engine import Engine
    from retrieval.timeline_turns import Moved

    T = TypeVar("T")

log = logging.getLogger(__name__)
_KNOWN = {STOCK_TOPIC: stock_text, RECENT_TOPIC: recent_text, WEB_TOPIC: web_text}
_NEXT = "what happened next?"  # what "more" asks after a timeline reply


class ContextReplies:
    # What it reads of ``CommandCore``, set there.
    engine: Engine
    history: History
    _queries: ThreadPoolExecutor
    moderators: ModeratorPolicy

    if TYPE_CHECKING:
        async def _run(self, pool: ThreadPoolExecutor, fn: Callable[[], T]) -> T: ...
        async def _guarded(self, what: str, fn: Callable[[], T]) -> T | Notice: ...
        async def _moved(self, context: FollowupContext | None, question: str) -> Moved | None: ...
        async def _events(self, topic: str | None, conversation: str | None, move: Moved | None = None,
                          ) -> Timeline | Notice: ...

    async def _subjects(self, cleaned: str) -> frozenset[str]:
        """The story's main subjects (``LoadedIndex.story_subjects``), read only for a message that may ask for
        the story; none when the index can't be read (the question then fails as it would anyway)."""
        if not may_ask_story(cleaned):
            return frozenset()
        try:
            return await self._run(self._queries, lambda: self.engine.index.story_subjects)
        except Exception:
            log.warning("could not read the story's subjects; the message is read without them", exc_info=True)
            return frozenset()

    async def _story(self, routed: Route, conversation: str | None) -> Timeline | Notice:
        """The timeline a message asked for; the newest events first for the latest news."""
        events = await self._events(routed.topic, conversation)
        if routed.newest and isinstance(events, Timeline) and events.events:
            return replace(events, events=events.events[::-1], newest_first=True)
        return events

    async def _said(self, reply: Reply, actor: Actor | None, identify: Identify | None, conversation: str | None,
                    ) -> Reply | Answer | Timeline | Notice:
        """Small talk's ``reply`` as this asker, here, should read it (help for a moderator names their
        commands), filled in from the articles and the conversation's last turn where its topic asks."""
        if reply.about not in (*_KNOWN, CITED_TOPIC, MORE_TOPIC, NOTED_TOPIC):
            who = await asker(reply, actor, identify)
            return for_asker(reply, who, self.moderators)
        context = await self.history.context(conversation)
        last = context.turns[-1] if context is not None and context.turns else None
        if reply.about == NOTED_TOPIC:
            return Reply(noted_text(last, reply.text))
        if reply.about == MORE_TOPIC:
            return await self._more(last, context, conversation)
        known = await self._guarded("sources", lambda: (self.engine.sources(), self.engine.index.period))
        if isinstance(known, Notice):
            return reply  # said as the words alone call for: the index can't be read now
        sources, period = known
        if reply.about == CITED_TOPIC:
            return Reply(cited_text(last, sources, period))
        return Reply(_KNOWN[reply.about](sources, period))

    async def _more(self, last: Turn | None, context: FollowupContext | None, conversation: str | None,
                    ) -> Reply | Answer | Timeline | Notice:
        """"more" after an answer: the next-best passages for its question, none shown before (each "more" shows
        the next); after a timeline, the events after it. Searched as a word, "more" got sentences saying "more"."""
        if last is not None and last.day is not None:
            move = await self._moved(context, _NEXT)
            if move is not None:
                return await self._events(move.topic, conversation, move)
            return Reply(more_text(last, exhausted=True))
        if last is None or not last.answered:
            return Reply(more_text(last))
        answer = await self._guarded("ask", lambda: self.engine.ask(last.question))
        if not isinstance(answer, Answer):
            return answer
        shown = {*last.sentences, *(c.quote for c in answer.citations)}
        extra = [c for c in answer.alternatives if c.quote not in shown]
        if not extra:
            return Reply(more_text(last, exhausted=True))
        if conversation:  # the next "more" goes on from these
            shown_now = (*last.sentences, *(c.quote for c in extra))
            await self.history.remember(conversation, replace(last, sentences=shown_now))
        return Answer(last.question, more_heading(last.question), False, citations=extra)

