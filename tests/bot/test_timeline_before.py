""""And before that?" after a timeline: the events before the first day it showed, as "what happened next?" lists
those after its last (``retrieval.timeline_turns``)."""

from __future__ import annotations

from bot.actors import LOCAL_USER
from bot.core import CommandCore
from retrieval.types import Timeline


async def test_and_before_that_lists_the_events_before_the_first_day_shown(seed_core: CommandCore) -> None:
    """It was searched as an answer's follow-up ("before that? downloads several announced", words of the event
    shown) and declined."""
    shown = await seed_core.ask("what happened on feb 10?", LOCAL_USER, "terminal:b1")
    assert isinstance(shown, Timeline) and shown.events
    first = min(e.date.split("/")[0] for e in shown.events)
    before = await seed_core.ask("and before that?", LOCAL_USER, "terminal:b1")
    assert isinstance(before, Timeline) and before.events, "the events before the day, not a declined search"
    assert all(e.date.split("/")[0] < first for e in before.events)
    again = await seed_core.ask("and before that?", LOCAL_USER, "terminal:b1")
    assert isinstance(again, Timeline)
    assert all(e.date.split("/")[0] < min(x.date.split("/")[0] for x in before.events) for e in again.events)

