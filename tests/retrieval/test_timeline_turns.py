"""A timeline reply as a conversation turn: the event a follow-up means, its words, and "and the next day?"."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.timeline_turns import (
    NEXT_EVENTS,
    Moved,
    asks_next,
    day_shift,
    moved,
    moved_events,
    moved_turn,
    reported_day,
    shown_event,
    timeline_turn,
    walked_turn,
)
from retrieval.turns import FollowupContext, Turn, turn_of
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
    assert moved(FollowupContext((shown,)), "and the next day?") == moved_to("1 March 2021")
    assert moved(FollowupContext((shown,)), "two days earlier") == moved_to("26 February 2021")
    answered = Turn("who is sawhney", ("d",), ("Sawhney is the IT Secretary.",))
    assert moved(FollowupContext((shown, answered)), "and the next day?") is None, "the latest turn was an answer"
    assert moved(None, "and the next day?") is None
    assert moved(FollowupContext((shown,)), "why did they do that?") is None


def moved_to(dates: str, subject: str = "") -> Moved:
    return Moved(f"{subject} {dates}".strip(), subject, dates)


def test_a_day_walked_to_keeps_the_turn_at_that_day() -> None:
    """A day showing nothing about the topic left the turn on the day before: "and the next day?" again asked for
    the same day."""
    turn = Turn("koo", ("d",), ("…",), day="2021-02-10", topic="koo")
    move = moved(FollowupContext((turn,)), "and the next day?")
    assert move is not None
    assert walked_turn(move, Timeline([], topic=move.topic)) == Turn("koo", ("d",), ("…",), day="2021-02-11",
                                                                     topic="koo")
    assert walked_turn(move, Timeline([DONE_10], topic=move.topic)) is None, "events shown: timeline_turn's turn"
    assert walked_turn(move, Timeline([], asked_back=True)) is None
    assert walked_turn(moved(FollowupContext((turn,)), "what happened next?"), Timeline([])) is None


def test_the_next_day_is_asked_about_what_the_timeline_was_about() -> None:
    """After "what happened with koo on feb 10", "and the next day?" listed every event of the 11th: it asks
    what koo did then."""
    turn = timeline_turn(Timeline([DONE_10], topic="with koo on feb 10"))
    assert turn is not None and turn.topic == "koo" and turn.day == "2021-02-10"
    move = moved(FollowupContext((turn,)), "and the next day?")
    assert move == moved_to("11 February 2021", "koo")
    assert timeline_turn(Timeline([DONE_10], topic="feb 10")).topic is None  # type: ignore[union-attr]


def test_a_topic_with_nothing_that_day_says_so_and_how_to_ask_for_the_whole_day() -> None:
    move = moved(FollowupContext((Turn("koo", ("d",), ("…",), day="2021-02-10", topic="koo"),)), "the next day")
    assert move is not None
    # Other events that day (the builder gave no note): say the topic has none, and how to ask for them all.
    empty = moved_events(move, Timeline([], topic=move.topic))
    assert "about other things" in empty.note and "“what happened on 11 February 2021?”" in empty.note
    # No event at all that day: the builder's note (the period the articles cover) stands.
    covered = "The articles cover …"
    assert moved_events(move, Timeline([], topic=move.topic, note=covered)).note == covered


def test_a_week_asked_about_for_one_day_is_that_day_to_move_from() -> None:
    turn = timeline_turn(Timeline([WEEK], topic="9 February 2021"))
    assert turn is not None and turn.day == "2021-02-09"
    assert timeline_turn(Timeline([WEEK], topic="feb 9")).day is None, "no year: which day?"  # type: ignore[union-attr]


def test_a_topic_is_read_in_the_articles_years_as_the_timeline_read_it() -> None:
    """The timeline read its topic in the articles' years, so the turn it leaves reads it the same way: in
    "feb 10 2000 accounts" (articles of 2021) 2000 counts accounts, and the week shown is no day to move from;
    "9/2" is the 9th of February of the articles' period, the day to move from, and no word of the subject."""
    period = ("2021-01-26", "2021-02-12")
    counted = timeline_turn(Timeline([WEEK], topic="feb 10 2000 accounts", period=period))
    assert counted is not None and counted.day is None and counted.topic == "2000 accounts"
    figures = timeline_turn(Timeline([WEEK], topic="9/2/2021", period=period))
    assert figures is not None and figures.day == "2021-02-09" and figures.topic is None


@pytest.mark.parametrize("asked", ["what happened next?", "and then?", "then what", "what happened after that?",
                                   "And what came next?", "ok what next", "what did they do next?", "after that?"])
def test_a_message_asking_what_came_next(asked: str) -> None:
    assert asks_next(asked)


@pytest.mark.parametrize("asked", ["what happened then?", "what happened next week", "next", "why then?",
                                   "what happens next year in india"])
def test_other_messages_ask_nothing_next(asked: str) -> None:
    assert not asks_next(asked)


def test_what_happened_next_lists_the_first_few_events_begun_after_the_day() -> None:
    """A week holding the day began before it: no news after it. The earliest few, not the rest of the story."""
    turn = Turn("koo", ("d",), ("…",), day="2021-02-08", topic="koo")
    move = moved(FollowupContext((turn,)), "what happened next?")
    assert move is not None and move.topic == "koo after 8 February 2021"
    later = [event(f"2021-02-{day:02}", f"Event {day}.") for day in range(9, 9 + NEXT_EVENTS + 3)]
    shown = moved_events(move, Timeline([WEEK, *later], topic=move.topic, omitted=2))
    assert [e.date for e in shown.events] == [e.date for e in later[:NEXT_EVENTS]]
    assert shown.omitted == 3 + 2 and shown.later, "the 3 after those shown, and the 2 the builder left out"
    assert not moved_events(move, Timeline(later[:NEXT_EVENTS], topic=move.topic)).later, "none after them"
    assert moved(FollowupContext((Turn("who is sawhney", ("d",), ("…",)),)), "and then?") is None
    said = moved_events(move, Timeline([WEEK], topic=move.topic)).note
    assert said == ("The articles date nothing about koo after 8 February 2021; for every event after 8 February "
                    "2021, ask “what happened after 8 February 2021?”")


def test_after_an_answer_next_goes_on_from_the_latest_event_it_quoted() -> None:
    answered = Turn("when was the blog post", ("d",), (DONE_10.summary, DONE_8.summary))
    assert reported_day(Timeline([DONE_8, WEEK, DONE_10, PLANNED_10]), answered) == "2021-02-10"
    assert reported_day(Timeline([WEEK, PLANNED_10]), Turn("q", (), (PLANNED_10.summary,))) is None
    move = moved(FollowupContext((answered,)), "what happened next?", "2021-02-10")
    assert move is not None and move.topic == "after 10 February 2021", "an answer's words are no topic"


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


def test_and_then_goes_on_after_the_last_event_listed() -> None:
    """"What happened next?" listed a plan after the last event done; the turn kept the day of that event, and
    "and then?" listed the plan again. Events begun the day the fifth began are listed with it, not skipped."""
    turn = Turn("koo", ("d",), ("…",), day="2021-02-08", topic="koo")
    move = moved(FollowupContext((turn,)), "what happened next?")
    assert move is not None
    listed = [*(event(f"2021-02-{day:02}", f"Done {day}.") for day in (9, 10, 11, 12)),
              event("2021-02-13", "Ahead 13.", True), event("2021-02-13", "Also ahead 13.", True),
              event("2021-02-15", "Done 15.")]
    shown = moved_events(move, Timeline(listed, topic=move.topic))
    assert [e.summary for e in shown.events][-2:] == ["Ahead 13.", "Also ahead 13."] and shown.omitted == 1
    left = moved_turn(move, shown)
    assert left is not None and left.day == "2021-02-13" and left.question.startswith("koo")
    after = moved(FollowupContext((left,)), "and then?")
    assert after is not None and after.after == "2021-02-13"
    assert [e.summary for e in moved_events(after, Timeline(listed, topic=after.topic)).events] == ["Done 15."]
