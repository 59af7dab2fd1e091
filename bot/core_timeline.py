"""The command core's timeline readers: ``/timeline``, and the timeline a question or follow-up asks for.

Each reads the events about a topic and remembers the one a follow-up most plausibly means as the
conversation's latest turn. A mixin of ``bot.core.CommandCore``, whose engine, history and guard it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from bot.actors import Actor
from bot.refusals import given_back
from bot.results import Notice, NoticeKind
from bot.story_requests import dated_overview, timeline_topic, wants_overview
from bot.validation import InvalidInput, clean_topic
from retrieval.timeline_turns import (
    Moved,
    asks_next,
    moved,
    moved_events,
    moved_turn,
    reported_day,
)
from retrieval.turns import FollowupContext
from retrieval.types import Timeline

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.admission import Admission
    from bot.core_config import CoreConfig
    from bot.history import History
    from retrieval.engine import Engine

    T = TypeVar("T")


def as_chat_asks(topic: str | None) -> str | None:
    """A ``/timeline`` topic worded as a chat message asks what the message asks in chat: "what happened in feb
    2022" the events of February 2022, "timeline of koo" those about Koo, "what happened" all of them. Read as
    topic words, "what happened in feb 2022" listed only "The talks are likely to happen this week" (its
    "happened"), none of that month's events. Any other topic is kept as typed."""
    if not topic:
        return topic
    if wants_overview(topic):
        return None
    asked_for = timeline_topic(topic)
    if asked_for is not None:
        return asked_for or None
    return dated_overview(topic) or topic


class TimelineReaders:
    # What it reads of ``CommandCore``, set there.
    config: CoreConfig
    admission: Admission
    engine: Engine
    history: History

    if TYPE_CHECKING:
        async def _guarded(self, what: str, fn: Callable[[], T]) -> T | Notice: ...

    async def timeline(self, topic: str | None = None, actor: Actor | None = None,
                       conversation: str | None = None) -> Timeline | Notice:
        """``conversation``: where the timeline is shown, as for ``ask``; a follow-up there ("why did they do
        that?") reads the event it showed (``retrieval.timeline_turns``)."""
        async def work() -> Timeline | Notice:
            try:
                cleaned = as_chat_asks(clean_topic(topic, self.config.max_question_chars))
            except InvalidInput as exc:
                return Notice(NoticeKind.INVALID, str(exc))
            return await self._events(cleaned, conversation)

        return given_back(await self.admission.run("timeline", actor, work), topic)

    async def _moved(self, context: FollowupContext | None, question: str) -> Moved | None:
        """What ``question`` asks the timeline when it moves in time from the latest turn
        (``retrieval.timeline_turns.moved``); after an answer, from the latest day of the events its quotes
        report. None for any other question."""
        move = moved(context, question)
        last = context.turns[-1] if context is not None and context.turns else None
        if move is not None or last is None or not last.answered or not asks_next(question):
            return move
        events = await self._guarded("timeline", lambda: self.engine.timeline(None))
        day = reported_day(events, last) if isinstance(events, Timeline) else None
        return moved(context, question, day) if day else None

    async def _events(self, topic: str | None, conversation: str | None, move: Moved | None = None,
                      ) -> Timeline | Notice:
        """The timeline about ``topic``, remembered in ``conversation`` as its latest turn: the event a
        follow-up most plausibly means, as if it had been the answer. A reply showing no event leaves the
        turns as they were, but for a day walked to ("and the next day?"), whose day it keeps (``moved_turn``).
        ``move``: the follow-up moving in time it answers, which shapes it."""
        if move is not None and (move.after or move.before):  # the first few after a day: of all, not the best
            events = await self._guarded("timeline", lambda: self.engine.timeline(topic, every=True))
        else:
            events = await self._guarded("timeline", lambda: self.engine.timeline(topic))
        if move is not None and isinstance(events, Timeline):
            events = moved_events(move, events)
        turn = moved_turn(move, events) if conversation and isinstance(events, Timeline) else None
        if conversation and turn is not None:
            await self.history.remember(conversation, turn)
        return events
