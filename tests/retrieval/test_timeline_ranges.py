"""A topic that names a period of days ("between feb 10 and feb 15", "since feb 9") lists every event in it,
not the events of its two end days, over a small made-up corpus whose events are a few days apart."""

from __future__ import annotations

import json

import pytest

from index.embedding import Encoder, EncoderProvider
from retrieval.date_filters import Day, Period
from retrieval.loaded import LoadedIndex
from retrieval.timeline import build_timeline
from retrieval.topic_dates import topic_dates
from tests.retrieval.conftest import dates_for, index_of, topic_timeline

ARTICLES = {
    "a.txt": (
        "date 2021-02-16\n"
        "The ministry issued the blocking orders on February 1.\n\n"
        "Farmers camped at the borders of the capital between February 3 and February 6.\n\n"
        "Twitter restored most of the withheld accounts on February 5.\n\n"
        "Koo saw a surge of new users from India on February 10.\n\n"
        "The ministry met Twitter executives on February 12.\n\n"
        "Twitter published a blog post on February 15."
    ),
    "b.txt": (
        "date 2021-02-21\n"
        "The founders of Koo spoke to reporters on February 20.\n\n"
        "In January the protests at the borders grew."
    ),
}
WEEK_OF_CAMP = "2021-02-03/2021-02-06"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
    return index_of(ARTICLES, tmp_path_factory.mktemp("ranges"), encoder_provider)


@pytest.mark.parametrize("topic", [
    "between February 10 and February 15", "between feb 10 and feb 15", "from feb 10 to feb 15", "feb 10 to feb 15",
    "feb 10-15", "Feb 10 – 15", "feb 10 to 15", "10 to 15 february", "10-15 feb", "between 10 and 15 february",
    "10th to 15th feb", "feb 10 to 15, 2021", "2021-02-10 to 2021-02-15", "febuary 10 - febuary 15",
    "between feb 10 and 15", "between feb 10th and 15th", "feb 10th - 15th",
])
def test_a_range_lists_every_event_inside_it(index: LoadedIndex, encoder: Encoder, topic: str) -> None:
    """"between February 10 and February 15" listed February 10 and 15 and not the meeting of the 12th; "feb
    10-15" and "10 to 15 february" listed nothing or one day."""
    assert dates_for(index, encoder, topic) == ["2021-02-10", "2021-02-12", "2021-02-15"]


@pytest.mark.parametrize(("topic", "dates"), [
    ("since february 12", ["2021-02-12", "2021-02-15", "2021-02-20"]),
    ("from feb 12", ["2021-02-12", "2021-02-15", "2021-02-20"]),
    ("after 12 feb", ["2021-02-15", "2021-02-20"]),  # after the day, not on it
    ("on or after 12 feb", ["2021-02-12", "2021-02-15", "2021-02-20"]),
    ("before feb 5", ["2021-01", "2021-02-01", WEEK_OF_CAMP]),  # January is wholly before it; the camp began
    ("until feb 5", ["2021-01", "2021-02-01", WEEK_OF_CAMP, "2021-02-05"]),
    ("on or before feb 5", ["2021-01", "2021-02-01", WEEK_OF_CAMP, "2021-02-05"]),
    ("between republic day and feb 5", ["2021-02-01", WEEK_OF_CAMP, "2021-02-05"]),  # a named day as an end
    # A part of a month: early 1-10, mid 11-20, late 21 to the end; halves and weeks.
    ("early feb", ["2021-02-01", WEEK_OF_CAMP, "2021-02-05", "2021-02-10"]),
    ("mid-february", ["2021-02-12", "2021-02-15", "2021-02-20"]),
    ("the second week of february", ["2021-02-10", "2021-02-12"]),
    ("since feb 5 until feb 12", [WEEK_OF_CAMP, "2021-02-05", "2021-02-10", "2021-02-12"]),
    ("after feb 5 and before feb 15", [WEEK_OF_CAMP, "2021-02-10", "2021-02-12"]),
])
def test_an_open_or_exclusive_end(index: LoadedIndex, encoder: Encoder, topic: str, dates: list[str]) -> None:
    """"since february 9" was February 9 alone, "before feb 5" February 5 alone."""
    assert dates_for(index, encoder, topic) == dates


def test_an_event_over_days_is_in_a_range_that_shares_one_of_them(index: LoadedIndex, encoder: Encoder) -> None:
    """The camp of February 3-6 was going on in a range that holds only some of its days, or all of them."""
    assert [e.date for e in build_timeline(index).events] == [  # the corpus is as these tests count on
        "2021-01", "2021-02-01", WEEK_OF_CAMP, "2021-02-05", "2021-02-10", "2021-02-12", "2021-02-15", "2021-02-20"]
    assert dates_for(index, encoder, "between feb 2 and feb 7") == [WEEK_OF_CAMP, "2021-02-05"]
    assert dates_for(index, encoder, "between feb 6 and feb 9") == [WEEK_OF_CAMP]
    assert dates_for(index, encoder, "feb 4 to 5 feb") == [WEEK_OF_CAMP, "2021-02-05"]


def test_a_month_only_event_is_in_a_range_only_when_the_whole_month_is(index: LoadedIndex, encoder: Encoder) -> None:
    """"In January" names no day of it: a range of some of its days can't say it happened in them."""
    assert "2021-01" not in dates_for(index, encoder, "between jan 20 and feb 2")
    assert dates_for(index, encoder, "between jan 1 and feb 2") == ["2021-01", "2021-02-01"]
    assert dates_for(index, encoder, "january to february") == dates_for(index, encoder, "") != []


def test_words_left_after_a_range_still_filter_by_topic(index: LoadedIndex, encoder: Encoder) -> None:
    assert dates_for(index, encoder, "between feb 9 and feb 20 koo") == ["2021-02-10", "2021-02-20"]
    assert topic_dates("between feb 9 and feb 12 koo")[1] == "koo"


@pytest.mark.parametrize("topic", ["feb 1 to feb 10", "since feb 1 until feb 10", "feb 1 feb 10",
                                   "between feb 1st and 10th"])
def test_a_dates_words_leave_nothing_behind(topic: str) -> None:
    """"feb 1 to feb 10" left "to 0" to search for: taking out "February 1" also cut "February 10"."""
    assert topic_dates(topic)[1] == ""


def test_a_range_the_articles_have_no_events_in_says_what_they_cover(index: LoadedIndex, encoder: Encoder) -> None:
    result = topic_timeline(index, encoder, "between March 1 and March 5")
    assert result.events == []
    assert result.note == "The articles cover 1 February 2021 to 21 February 2021."
    assert json.loads(json.dumps(result.to_dict()))["note"] == result.note
    assert topic_timeline(index, encoder, "feb 25").note == result.note  # as a single day with nothing on it


def test_a_year_alone_is_every_day_of_it(index: LoadedIndex, encoder: Encoder) -> None:
    """"2021" was a word, and listed the events whose sentences happen to write it."""
    every = dates_for(index, encoder, "")
    assert dates_for(index, encoder, "2021") == dates_for(index, encoder, "from 2020 to 2021") == every
    assert dates_for(index, encoder, "in 2020") == []
    assert topic_dates("top 2000 accounts") == ([], "top 2000 accounts")  # a figure, not a year


@pytest.mark.parametrize("topic", ["04/03/2021 - 07/03/2021", "since 3/4", "04.03.2021 to 07.03.2021"])
def test_a_day_in_figures_alone_is_said_to_be_unreadable(index: LoadedIndex, encoder: Encoder, topic: str) -> None:
    """"10/02/2021" was read as words and listed nothing, without a word on why. Neither reading of these
    (4 March or 3 April) falls in the articles' period, so neither is the day meant."""
    result = topic_timeline(index, encoder, topic)
    assert result.events == [] and "(day or month first?)" in result.note and "“feb 10”" in result.note
    assert result.note.endswith("The articles cover 1 February 2021 to 21 February 2021.")


@pytest.mark.parametrize("topic", ["04/03/2021", "04.03.2021", "04/03/21", "koo 04/03/2021"])
def test_a_day_in_figures_either_way_round_is_asked_back(index: LoadedIndex, encoder: Encoder, topic: str) -> None:
    """"10/02/2021", the README's own example, got no note: its 2021 was read as a year, leaving "10/02/", which
    the figures pattern did not match. One that neither way round falls in the articles' period lists nothing
    (not the sentences that share its figures) and names both days it could be."""
    result = topic_timeline(index, encoder, topic)
    assert result.events == [] and "(day or month first?)" in result.note and "“feb 10”" in result.note
    if topic.endswith("04/03/2021"):
        assert "could be 4 March 2021 or 3 April 2021" in result.note
    assert result.note.endswith("The articles cover 1 February 2021 to 21 February 2021.")


@pytest.mark.parametrize(("topic", "expected"), [
    ("10/02/2021", ["2021-02-10"]), ("10.02.2021", ["2021-02-10"]), ("02/10/2021", ["2021-02-10"]),
    ("koo 10/02/21", ["2021-02-10"]), ("10/2", ["2021-02-10"]), ("since 12/2", ["2021-02-12", "2021-02-15",
                                                                              "2021-02-20"]),
    ("10/02/2021 - 15/02/2021", ["2021-02-10", "2021-02-12", "2021-02-15"]),
])
def test_a_day_in_figures_with_one_reading_in_the_articles_period_is_that_day(
    index: LoadedIndex, encoder: Encoder, topic: str, expected: list[str]
) -> None:
    """"10/02/2021" was asked back ("10 February 2021 or 2 October 2021?") of articles covering 1 to 21 February
    2021, where only one of the two can be meant; "10/2" without a year too."""
    result = topic_timeline(index, encoder, topic)
    assert [e.date for e in result.events] == expected and not result.asked_back


@pytest.mark.parametrize(("topic", "expected"), [
    ("15/02/2021", ["2021-02-15"]), ("02/15/2021", ["2021-02-15"]), ("15.02.2021", ["2021-02-15"]),
    ("20/02/21", ["2021-02-20"]), ("13/02/2021 to 16/02/2021", ["2021-02-15"]),
])
def test_a_day_in_figures_one_way_round_is_that_day(
    index: LoadedIndex, encoder: Encoder, topic: str, expected: list[str]
) -> None:
    """"13/02/2021" gave nothing: 13 is no month, so it is 13 February 2021."""
    assert dates_for(index, encoder, topic) == expected
    assert topic_dates("01/01/2021") == topic_dates("1 January 2021")  # the same day whichever comes first
    assert topic_dates("31/02/2021")[0] == []  # no day at all
    assert "is no day of the calendar" in topic_timeline(index, encoder, "31/02/2021").note


def test_a_range_named_backwards_says_so(index: LoadedIndex, encoder: Encoder) -> None:
    result = topic_timeline(index, encoder, "between feb 15 and feb 10")
    assert result.events == []
    assert result.note.startswith("15 February 2021 to 10 February 2021 ends before it starts")
    assert result.note.endswith("The articles cover 1 February 2021 to 21 February 2021.")


def test_no_note_when_the_dates_have_events_but_not_about_the_topic(index: LoadedIndex, encoder: Encoder) -> None:
    result = topic_timeline(index, encoder, "between feb 10 and feb 15 cricket world cup")
    assert result.events == [] and result.note == ""
    assert "note" not in result.to_dict()


@pytest.mark.parametrize(("topic", "alone"), [
    ("Thursday, February 11", "February 11"), ("thursday feb 11", "feb 11"), ("thu 11 feb", "11 feb"),
    ("February 11, Thursday", "February 11"), ("February 11 (Thu)", "February 11"),
    ("since Monday, February 8", "since February 8"), ("wed feb 10 koo", "feb 10 koo"),
])
def test_a_weekday_beside_a_date_is_part_of_it(topic: str, alone: str) -> None:
    """"Thursday, February 11" listed nothing: "Thursday," was left as the topic's word, which no event is about;
    and "since Monday, February 8" lost its "since"."""
    assert topic_dates(topic) == topic_dates(alone)


def test_a_weekday_after_a_date_without_a_comma_is_the_topics_word() -> None:
    assert topic_dates("feb 10 saturday night live")[1] == "saturday night live"


@pytest.mark.parametrize(("topic", "period"), [
    ("between dec 25 and jan 5", Period(Day(None, 12, 25), Day(None, 1, 5))),
    ("december to january", Period(Day(None, 12, None), Day(None, 1, None))),
    ("between feb 15 and feb 10", Period(Day(None, 2, 15), Day(None, 2, 10))),
])
def test_a_yearless_period_over_a_years_end_is_read_as_named(topic: str, period: Period) -> None:
    """Its ends as named: which events it covers, over the year's end or named backwards, is the period's
    (tests/retrieval/test_date_filters.py)."""
    assert topic_dates(topic) == ([period], "")
