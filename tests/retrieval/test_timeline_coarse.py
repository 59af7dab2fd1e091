"""Events of no day on the timeline ("in 2019", "late January", "by the end of the month"; ``index.date_values``):
their order, which topics list them, their JSON, how replies and the picture say them, and "what happened next?"
after one, over a small made-up corpus."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.render.dates import shown_date, span_words
from bot.render.timeline_png import timeline_figure
from index.embedding import Encoder, EncoderProvider
from retrieval.date_filters import Period
from retrieval.loaded import LoadedIndex
from retrieval.timeline import build_timeline
from retrieval.timeline_turns import moved, moved_events, timeline_turn
from retrieval.topic_dates import topic_dates
from retrieval.turns import FollowupContext
from retrieval.types import Citation, Timeline, TimelineEvent
from tests.retrieval.conftest import dates_for, index_of

ARTICLES = {
    "a.md": (
        "---\ntitle: Tamsara regulator fines Quillo\ndate: 2023-06-14\n---\n"
        "The Tamsara Data Office on Tuesday fined the map app Quillo 3 million dinars.\n\n"
        "Tamsara passed its data law in 2019. Quillo moved its servers to Tamsara in mid-2020.\n\n"
        "The office opened its inquiry in late March. It wrote to Quillo on March 24.\n\n"
        "Quillo must pay the fine by the end of the month."
    ),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
    return index_of(ARTICLES, tmp_path_factory.mktemp("coarse"), encoder_provider)


def test_events_of_no_day_in_order_and_json(index: LoadedIndex) -> None:
    """A year before its months, a part of a year or month after the day it begins on; JSON names each's
    precision, and a deadline at the month's end was still ahead."""
    timeline = build_timeline(index)
    assert [e.date for e in timeline.events] == [
        "2019", "2020-05~/2020-08~", "2023-03-21~/2023-03-31~", "2023-03-24", "2023-06-13", "2023-06-30~"]
    data = json.loads(json.dumps(timeline.to_dict()))["events"]
    assert [(e["precision"], e["planned"]) for e in data] == [
        ("year", False), ("part of year", False), ("part of month", False), ("day", False), ("day", False),
        ("part of month", True)]


@pytest.mark.parametrize(("topic", "expected"), [
    ("2019", ["2019"]),
    ("2020", ["2020-05~/2020-08~"]),  # a part of a year lies in it
    ("march 2023", ["2023-03-21~/2023-03-31~", "2023-03-24"]),
    ("late march", ["2023-03-21~/2023-03-31~", "2023-03-24"]),
    ("march 24 2023", ["2023-03-24"]),  # a part of a month names no day: not one asked by its day
    ("march 22 2023", []),
    ("between march 1 and march 25 2023", ["2023-03-24"]),  # late March lies partly outside it
    ("june 2023", ["2023-06-13", "2023-06-30~"]),
    ("mid-2020", ["2020-05~/2020-08~"]),  # read as 2020 and the word "mid", it listed nothing
    ("early 2019", []),  # all of 2019 is not in its first months
])
def test_topics_list_an_event_of_no_day_only_when_it_lies_wholly_inside(
        index: LoadedIndex, encoder: Encoder, topic: str, expected: list[str]) -> None:
    assert dates_for(index, encoder, topic) == expected


@pytest.mark.parametrize(("topic", "first", "last", "rest"), [
    ("mid-2020", date(2020, 5, 1), date(2020, 8, 31), ""),
    ("koo in late 2022", date(2022, 9, 1), date(2022, 12, 31), "koo in"),
    ("the first half of 2023", date(2023, 1, 1), date(2023, 6, 30), ""),
    ("the end of 2019", date(2019, 12, 1), date(2019, 12, 31), ""),
])
def test_a_topic_naming_a_part_of_a_year_is_its_months(topic: str, first: date, last: date, rest: str) -> None:
    (period,), words = topic_dates(topic)
    assert isinstance(period, Period) and period.days(2021) == (first, last) and words == rest


def cite(quote: str) -> Citation:
    return Citation("a", "A title", "2023-06-14", None, quote, 0, len(quote), 1.0)


def test_replies_and_the_picture_say_a_date_as_the_article_did() -> None:
    """"late January" was shown as ``2024-01`` (the whole month), and a year or a part of one could not be shown."""
    assert shown_date("2024-01-21~/2024-01-31~") == "late January 2024"
    assert shown_date("2019", estimated=True) == "~2019 (estimated)"
    assert shown_date("2021-02") == "February 2021"
    assert shown_date("2021-02-08/2021-02-14") == "2021-02-08 – 2021-02-14"  # days stay as they were
    assert span_words("2019") == "that year" and span_words("2024-01-21~/2024-01-31~") == "in that period"
    timeline = Timeline([TimelineEvent("2019", "Tamsara passed its data law in 2019.", [cite("x")]),
                         TimelineEvent("2023-06-01~/2023-06-07~", "In the first week of June it replied.", [cite("y")]),
                         TimelineEvent("2023-06-30~", "Quillo must pay by the end of the month.", [cite("z")],
                                       planned=True)])
    labels = [t.get_text().split(" · ")[0] for t in timeline_figure(timeline).axes[0].texts if " · " in t.get_text()]
    assert labels == ["2019", "first week of Jun 2023", "end of Jun 2023 (ahead)"]


def test_what_happened_next_after_an_event_of_no_day_goes_on_after_it() -> None:
    """A timeline showing only "2019" left no day to move from: "what happened next?" moved nowhere."""
    shown = Timeline([TimelineEvent("2019", "Tamsara passed its data law in 2019.", [cite("x")])], topic="2019")
    turn = timeline_turn(shown)
    assert turn is not None and turn.day == "2019-12-31"
    move = moved(FollowupContext((turn,)), "what happened next?")
    assert move is not None and move.topic == "after 31 December 2019"
    later = Timeline([TimelineEvent(when, f"Event {when}.", [cite(when)])
                      for when in ("2020-05~/2020-08~", "2021", "2023-03-24")], topic=move.topic)
    assert [e.date for e in moved_events(move, later).events] == ["2020-05~/2020-08~", "2021", "2023-03-24"]
    assert topic_dates(move.topic)[0], "the move's topic is a period the timeline reads"


def test_the_bars_of_two_years_in_a_row_are_two() -> None:
    """"2017" and "2018" drew one bar from 2017 to the end of 2018, in one lane: read as one event over two years."""
    timeline = Timeline([TimelineEvent("2017", "Quillo was founded in 2017.", [cite("x")]),
                         TimelineEvent("2018", "In 2018 Quillo promised to label its results.", [cite("y")])])
    bars = [line for line in timeline_figure(timeline).axes[0].lines if line.get_linewidth() == 5]
    assert len(bars) == 2 and len({float(line.get_xdata()[0]) for line in bars}) == 2
