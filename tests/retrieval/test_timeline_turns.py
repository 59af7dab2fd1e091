"""A timeline reply as a conversation turn: the event a follow-up means, its words, and "and the next day?"."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.followup import FollowupContext, Turn, turn_of
from retrieval.timeline_turns import day_shift, shifted_day, shown_event, timeline_turn
from retrieval.types import Citation, Timeline, TimelineEvent


def cite(doc_id: str, quote: str) -> Citation:
    return Citation(doc_id, "A title", "2021-02-10", None, quote, 0, len(quote), 1.0)


def event(when: str, summary: str, planned: bool = False, *more: Citation) -> TimelineEvent:
    return TimelineEvent(when, summary, [cite(f"doc-{when}", summary), *more], planned=planned)


DONE_8 = event("2021-02-08", "Twitter said on February 8 that it was cooperating with the Centre.")
WEEK = event("2021-02-08/2021-02-14", "This week, the Centre sent a notice to Twitter.")
DONE_10 = event("2021-02-10", "Twitter released a blog post on Wednesday responding to the blocking orders.", False,
                cite("doc-other", "On February 10, Twitter put out a note on how it had responded."))
PLANNED_10 = event("2021-02-10", "The talks are likely to happen this week.", True)


def test_the_event_meant_is_what_was_done_on_a_day_listed_last() -> None:
    """"What happened on feb 10?" lists the week holding it and what was still ahead too: "that" is what was
    done that day. In a longer list, the last listed; with only plans, the plan."""
    assert shown_event(Timeline([WEEK, DONE_10, PLANNED_10])) == DONE_10
    assert shown_event(Timeline([DONE_8, WEEK, DONE_10])) == DONE_10
    assert shown_event(Timeline([WEEK, PLANNED_10])) == WEEK
    assert shown_event(Timeline([PLANNED_10])) == PLANNED_10
    assert shown_event(Timeline([])) is None


def test_a_timeline_turn_holds_the_events_words_without_its_dates() -> None:
    turn = timeline_turn(Timeline([WEEK, DONE_10, PLANNED_10], topic="blocking orders feb 10"))
    assert turn is not None
    # The topic's words lead; no date or weekday, which were borrowed first for being rare ("why? 8 …").
    assert turn.question == "blocking orders Twitter released a blog post on responding to the blocking orders."
    assert turn.day == "2021-02-10" and turn.answered
    assert turn.doc_ids == ("doc-2021-02-10", "doc-other")
    assert turn.sentences == (DONE_10.summary, "On February 10, Twitter put out a note on how it had responded.")
    week = timeline_turn(Timeline([WEEK]))
    assert week is not None and week.day is None, "a week is no day to move from"
    assert timeline_turn(Timeline([], topic="feb 9")) is None, "nothing shown: the turns stay as they were"


@pytest.mark.parametrize(("asked", "shift"), [
    ("and the next day?", 1), ("what about the day after?", 1), ("the following day", 1),
    ("what happened the day before?", -1), ("and the previous day", -1), ("two days later?", 2),
    ("what happened 3 days earlier", -3), ("a day later then?", 1),
])
def test_a_message_asking_for_another_day_than_the_one_shown(asked: str, shift: int) -> None:
    assert day_shift(asked) == shift


@pytest.mark.parametrize("asked", ["why did they do that?", "what happened next week", "the day the blog came out",
                                   "what happened on feb 11", "next"])
def test_other_messages_move_no_day(asked: str) -> None:
    assert day_shift(asked) is None


def test_the_day_moves_from_the_latest_turns_day_only() -> None:
    shown = Turn("Twitter said it was cooperating", ("d",), ("…",), day="2021-02-28")
    assert shifted_day(FollowupContext((shown,)), 1) == "1 March 2021"
    assert shifted_day(FollowupContext((shown,)), -2) == "26 February 2021"
    answered = Turn("who is sawhney", ("d",), ("Sawhney is the IT Secretary.",))
    assert shifted_day(FollowupContext((shown, answered)), 1) is None, "the latest turn was an answer"
    assert shifted_day(None, 1) is None


def test_a_follow_up_to_a_timeline_is_read_against_the_event_shown(seed_engine: Engine) -> None:
    """After the events about the talks, "who will lead them?" named nothing: asked alone it is declined; read
    against the event shown ("The talks are likely to happen this week."), it is answered with who leads them."""
    turn = timeline_turn(seed_engine.timeline("the talks"))
    assert turn is not None
    alone = seed_engine.ask("who will lead them?")
    assert "Sawhney" not in alone.text
    answer = seed_engine.ask("who will lead them?", FollowupContext((turn,)))
    assert answer.answered and "Sawhney" in answer.text and answer.expanded
    # The answer's turn goes on from there as any answer's does.
    assert turn_of("who will lead them?", answer).doc_ids
