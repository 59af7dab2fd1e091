""""And before that?" after a timeline asks for the events before the first day it showed
(``retrieval.timeline_turns``), as "what happened next?" asks for those after its last."""

from __future__ import annotations

import pytest

from retrieval.timeline_turns import asks_before, moved, timeline_turn
from retrieval.turns import FollowupContext, Turn
from retrieval.types import Citation, Timeline, TimelineEvent


@pytest.mark.parametrize("question", ["and before that?", "before that?", "what happened before that?",
                                      "and earlier?", "what came before?", "So before that"])
def test_asks_before(question: str) -> None:
    assert asks_before(question)


@pytest.mark.parametrize("question", ["and the day before?", "what happened before the ban?", "why?",
                                      "and what did they do before that meeting?"])
def test_not_asks_before(question: str) -> None:
    assert not asks_before(question)


def test_before_moves_back_from_the_first_day_shown() -> None:
    turn = Turn("koo downloads", day="2021-02-12", topic="koo", first_day="2021-02-09")
    move = moved(FollowupContext((turn,)), "and before that?")
    assert move is not None and move.before == "2021-02-09"
    assert move.topic == "koo before 9 February 2021"


def _event(day: str, text: str) -> TimelineEvent:
    return TimelineEvent(day, text, [Citation("d1", "An article", None, None, text, 0, len(text), 1.0)])


def test_a_timeline_turn_keeps_its_first_day() -> None:
    shown = Timeline([_event("2021-02-09", "Koo signups rose."), _event("2021-02-12", "Ministers joined Koo.")],
                     topic="koo")
    turn = timeline_turn(shown)
    assert turn is not None and turn.day == "2021-02-12" and turn.first_day == "2021-02-09"
