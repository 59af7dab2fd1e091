"""A timeline reply is a turn of its conversation, in the core, as an answer is (``retrieval.timeline_turns``)."""

from __future__ import annotations

from bot.actors import LOCAL_USER
from bot.core import CommandCore
from bot.terminal import handle_line
from retrieval.types import Answer, Timeline

LEAD = "who will lead them?"


async def test_a_follow_up_reads_the_events_a_timeline_question_showed(seed_core: CommandCore) -> None:
    """"What's going on with the talks?" is answered with the dated events; "who will lead them?" after it
    named nothing the bot remembered, and was declined."""
    shown = await seed_core.ask("what's going on with the talks?", LOCAL_USER, "terminal:t1")
    assert isinstance(shown, Timeline) and shown.events
    answer = await seed_core.ask(LEAD, LOCAL_USER, "terminal:t1")
    assert isinstance(answer, Answer) and answer.answered and "Sawhney" in answer.text
    assert answer.searched_for and answer.expanded
    elsewhere = await seed_core.ask(LEAD, LOCAL_USER, "terminal:t2")
    assert isinstance(elsewhere, Answer) and "Sawhney" not in elsewhere.text, "another conversation: asked alone"


async def test_the_timeline_command_is_a_turn_where_it_is_shown(seed_core: CommandCore) -> None:
    timeline = await seed_core.timeline("the talks", LOCAL_USER, "terminal:t3")
    assert isinstance(timeline, Timeline) and timeline.events
    answer = await seed_core.ask(LEAD, LOCAL_USER, "terminal:t3")
    assert isinstance(answer, Answer) and "Sawhney" in answer.text
    await seed_core.timeline("the talks", LOCAL_USER)  # shown nowhere in particular: nothing remembered
    assert await seed_core.history.context("terminal:t4") is None


async def test_and_the_next_day_moves_from_the_day_shown(seed_core: CommandCore) -> None:
    """"What happened on feb 8?" then "and two days later?": searched, it was declined; it asks for the events
    of 10 February, and from there "the day before" is the 9th."""
    first = await seed_core.ask("what happened on feb 8?", LOCAL_USER, "terminal:d1")
    assert isinstance(first, Timeline) and "2021-02-08" in [e.date for e in first.events]
    later = await seed_core.ask("and two days later?", LOCAL_USER, "terminal:d1")
    assert isinstance(later, Timeline) and later.topic == "10 February 2021"
    assert [e.date for e in later.events if "/" not in e.date] == ["2021-02-10"]
    before = await seed_core.ask("what about the day before?", LOCAL_USER, "terminal:d1")
    assert isinstance(before, Timeline) and before.topic == "9 February 2021"
    alone = await seed_core.ask("and two days later?", LOCAL_USER, "terminal:d2")
    assert isinstance(alone, Answer), "with no day shown, it is a question as before"


async def test_in_the_terminal_a_timeline_and_its_follow_up(seed_core: CommandCore) -> None:
    assert "2021-02-08" in (await handle_line(seed_core, "/timeline the talks", "terminal:s1") or "")
    reply = await handle_line(seed_core, LEAD, "terminal:s1") or ""
    assert "Sawhney" in reply and "Searched for:" in reply
