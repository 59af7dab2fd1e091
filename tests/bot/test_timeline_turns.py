"""A timeline reply is a turn of its conversation, in the core, as an answer is (``retrieval.timeline_turns``)."""

from __future__ import annotations

from pathlib import Path

from bot.actors import LOCAL_USER
from bot.core import CommandCore
from bot.terminal import handle_line
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from retrieval.timeline import DEFAULT_LIMIT
from retrieval.timeline_turns import NEXT_EVENTS
from retrieval.types import Answer, Timeline
from tests.bot.conftest import CoreFactory

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


async def test_the_next_day_keeps_the_timelines_topic(seed_core: CommandCore) -> None:
    """After the events about penal action (8 February), "and two days later?" listed every event of the
    10th; it asks about penal action then, and says the day's events are about other things."""
    await seed_core.timeline("penal action", LOCAL_USER, "terminal:k1")
    later = await seed_core.ask("and two days later?", LOCAL_USER, "terminal:k1")
    assert isinstance(later, Timeline) and later.topic == "penal action 10 February 2021"
    assert not later.events and "“what happened on 10 February 2021?”" in later.note
    said = await handle_line(seed_core, "and two days later?", "terminal:k1") or ""
    assert "what happened on 12 February 2021" in said, "two days on from the 10th, where the walk got to"


async def test_what_happened_next_lists_the_events_after_the_day_shown(seed_core: CommandCore) -> None:
    """"What happened on feb 8?" then "what happened next?" was searched as a question and declined."""
    await seed_core.ask("what happened on feb 8?", LOCAL_USER, "terminal:n1")
    after = await seed_core.ask("what happened next?", LOCAL_USER, "terminal:n1")
    assert isinstance(after, Timeline) and after.events
    assert all(e.date.split("/")[0] > "2021-02-08" for e in after.events), "the week of the 8th was no news after it"
    last = await seed_core.ask("and then?", LOCAL_USER, "terminal:n1")
    assert isinstance(last, Timeline) and all(e.date > after.events[-1].date for e in last.events)
    alone = await seed_core.ask("what happened next?", LOCAL_USER, "terminal:n2")
    assert not isinstance(alone, Timeline), "nothing shown before: asked as a question, as before"


async def test_what_happened_next_after_an_answer(seed_core: CommandCore) -> None:
    answer = await seed_core.ask("what did twitter say on february 8?", LOCAL_USER, "terminal:n3")
    assert isinstance(answer, Answer) and answer.answered
    after = await seed_core.ask("what happened next?", LOCAL_USER, "terminal:n3")
    assert isinstance(after, Timeline) and after.events
    assert all(e.date.split("/")[0] > "2021-02-08" for e in after.events)


async def test_walking_on_from_a_day_with_nothing_on_the_topic(seed_core: CommandCore) -> None:
    """After penal action (8 February), "and two days later?" shows nothing about it on the 10th; "and the next
    day?" then asked for the 9th again (the 10th showed no event, so the conversation stayed on the 8th): it is
    the 11th, and the day before that the 10th."""
    await seed_core.timeline("penal action", LOCAL_USER, "terminal:w1")
    empty = await seed_core.ask("and two days later?", LOCAL_USER, "terminal:w1")
    assert isinstance(empty, Timeline) and not empty.events
    walked = await seed_core.ask("and the next day?", LOCAL_USER, "terminal:w1")
    assert isinstance(walked, Timeline) and walked.topic == "penal action 11 February 2021"
    back = await seed_core.ask("and the day before?", LOCAL_USER, "terminal:w1")
    assert isinstance(back, Timeline) and back.topic == "penal action 10 February 2021"


# A council meeting every day of March 2021, told latest first: more days than a timeline lists, and the ones
# it keeps (the best supported, then the first in the text) the latest.
HEARINGS = 30
COUNCIL = "---\ntitle: A month of hearings\ndate: 2021-04-01\n---\n" + "\n\n".join(
    f"On March {day}, 2021, the council held hearing number {day}." for day in range(HEARINGS, 0, -1)) + "\n"


async def test_what_happened_next_says_how_many_more_and_how_to_see_them(
    make_core: CoreFactory, tmp_path: Path, encoder_provider: EncoderProvider
) -> None:
    """"What happened next?" listed 5 events and said nothing of the rest, as if nothing came after them; and of
    only the 25 best supported events, it skipped the days right after the one shown."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "council.md").write_text(COUNCIL, encoding="utf-8")
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    core = make_core(index_dir, corpus)
    assert HEARINGS - DEFAULT_LIMIT > 1, "the 2nd among those a timeline leaves out"
    await core.ask("what happened on march 1 2021?", LOCAL_USER, "terminal:m1")
    after = await core.ask("what happened next?", LOCAL_USER, "terminal:m1")
    assert isinstance(after, Timeline)
    assert [e.date for e in after.events] == [f"2021-03-{day:02}" for day in range(2, 2 + NEXT_EVENTS)]
    assert after.omitted == HEARINGS - 1 - NEXT_EVENTS and after.later
    said = await handle_line(core, "and then?", "terminal:m1") or ""
    left = HEARINGS - 1 - 2 * NEXT_EVENTS
    assert "hearing number 11." in said and "hearing number 12." not in said
    assert f"…and {left} more dated events, later; ask “and then?” for the next ones." in said
