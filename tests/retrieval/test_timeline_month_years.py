"""Two months with a year ("February 2021 to January 2021", "January 2021 to March 2021") are one period, and a
day that does not exist ("February 30") is called so: the first was listed as two months' events, as if in
order (a period of days named backwards is told it ends before it starts), the second left February out, and
the third was answered only with the period the articles cover, as if that day had been looked up."""

from __future__ import annotations

import pytest

from index.embedding import Encoder, EncoderProvider
from retrieval.date_filters import Day
from retrieval.loaded import LoadedIndex
from retrieval.topic_dates import topic_dates
from tests.retrieval.conftest import index_of, topic_timeline

ARTICLES = {
    "a.txt": (
        "date 2021-03-20\n"
        "The ministry wrote to Twitter on January 12, 2021.\n\n"
        "Twitter withheld the accounts on February 10, 2021.\n\n"
        "The new rules for social media were notified on March 15, 2021."
    ),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
    return index_of(ARTICLES, tmp_path_factory.mktemp("month_years"), encoder_provider)


@pytest.mark.parametrize("topic", ["February 2021 to January 2021", "between March 2021 and January 2021"])
def test_months_named_backwards_say_so(index: LoadedIndex, encoder: Encoder, topic: str) -> None:
    result = topic_timeline(index, encoder, topic)
    assert result.events == [] and "ends before it starts: name the earlier day first" in result.note, result


@pytest.mark.parametrize("topic", ["January 2021 to March 2021", "jan 2021 - mar 2021", "january to march 2021"])
def test_months_with_a_year_are_every_day_between(index: LoadedIndex, encoder: Encoder, topic: str) -> None:
    result = topic_timeline(index, encoder, topic)
    assert [e.date for e in result.events] == ["2021-01-12", "2021-02-10", "2021-03-15"], result


@pytest.mark.parametrize(("topic", "said"), [("February 30", "February 30 is no day of the calendar"),
                                             ("30 February 2021", "30 February 2021 is no day (February 2021 has 28")])
def test_a_day_that_does_not_exist_is_called_so(index: LoadedIndex, encoder: Encoder, topic: str, said: str) -> None:
    result = topic_timeline(index, encoder, topic)
    assert result.events == [] and said in result.note, result


@pytest.mark.parametrize(("topic", "said"), [
    ("2021-02-30", "2021-02-30 is no day (February 2021 has 28 days)"),
    ("events on 9999-01-01", "9999-01-01 is outside the years dates are read in (1900 to 2100)"),
    ("28 February 9999", "28 February 9999 is outside the years dates are read in"),
    ("in january 2150", "January 2150 is outside the years dates are read in"),
])
def test_a_date_that_is_none_says_why(index: LoadedIndex, encoder: Encoder, topic: str, said: str) -> None:
    """"2021-02-30" listed every event (as the year 2021), "9999-01-01" was answered "The articles never use the
    words 9999 or 01", as if the topic were words, and "28 February 9999" listed 28 February of any year."""
    result = topic_timeline(index, encoder, topic)
    assert result.events == [] and said in result.note and "never use" not in result.note, result


@pytest.mark.parametrize("topic", ["2021-02-10", "accounts withheld 2021-02-10", "February 10, 2021"])
def test_a_day_in_a_year_dates_are_read_in_still_filters(index: LoadedIndex, encoder: Encoder, topic: str) -> None:
    assert [e.date for e in topic_timeline(index, encoder, topic).events] == ["2021-02-10"]


@pytest.mark.parametrize(("topic", "said"), [
    ("feb 10 to feb 30", "February 30 is no day of the calendar"),
    ("between feb 10 and feb 31", "February 31 is no day of the calendar"),
    ("from feb 10 to feb 30", "February 30 is no day of the calendar"),
    ("feb 30 to mar 15", "February 30 is no day of the calendar"),
    ("feb 10 to 31", "February 31 is no day of the calendar"),
    ("feb 10 to 29, 2021", "February 29, 2021 is no day (February 2021 has 28 days)"),
])
def test_a_period_with_an_end_that_is_no_day_is_refused_as_that_day(
        index: LoadedIndex, encoder: Encoder, topic: str, said: str) -> None:
    """"feb 10 to feb 30" listed February 10's events alone, as if the topic were "feb 10", and never said the
    end was no day; "feb 10 to 31" listed nothing and said only which period the articles cover. A period is
    refused as the single "feb 30" is, with the same words."""
    result = topic_timeline(index, encoder, topic)
    assert result.events == [] and said in result.note, result


def test_two_days_one_of_them_none_are_no_period(index: LoadedIndex, encoder: Encoder) -> None:
    """Without "between", "and" joins two days, not a period's ends: the day that exists is still listed."""
    assert [e.date for e in topic_timeline(index, encoder, "feb 10 and feb 30").events] == ["2021-02-10"]
    assert topic_timeline(index, encoder, "between feb 10 and feb 30").events == []


@pytest.mark.parametrize("topic", ["feb 10 1500 accounts", "feb 10 1178 handles", "feb 10 9999 accounts",
                                   "feb 10, 1500 accounts"])
def test_a_figure_of_things_counted_after_a_day_is_no_year(index: LoadedIndex, encoder: Encoder, topic: str) -> None:
    """"feb 10 1500 accounts" was told 1500 is outside the years dates are read in: a figure followed by what it
    counts is a figure, searched as the topic's words, and the day is still February 10."""
    result = topic_timeline(index, encoder, topic)
    assert "outside the years" not in result.note, result
    dates, rest = topic_dates(topic)
    assert dates == [Day(None, 2, 10)] and rest.lstrip(", ") == " ".join(topic.split()[2:])


def test_a_year_or_a_day_before_a_counted_thing_is_still_read() -> None:
    """Only a figure too long for a day and outside the years dates are read in is no year: "January 2021
    accounts" is still January 2021, "feb 10 accounts" February 10, and "days" count no thing."""
    assert topic_dates("january 2150 accounts") == ([Day(None, 1, None)], "2150 accounts")
    assert topic_dates("january 2021 accounts") == ([Day(2021, 1, None)], "accounts")
    assert topic_dates("feb 10 accounts") == ([Day(None, 2, 10)], "accounts")
    assert topic_dates("feb 10 2021 accounts") == ([Day(2021, 2, 10)], "accounts")
    assert topic_dates("28 February 9999 days")[0] == [Day(None, 0, 0, written="28 February 9999")]


def test_a_figure_of_things_counted_is_a_year_only_among_the_articles_years() -> None:
    """With the articles' years known, a figure before what it counts is a count unless it is one of them ("feb 10
    2000 accounts"; 2000 is within the years dates are read in, and was read as February 10's year); after a
    word of time it is still a year ("in 2000 accounts"), and so is one of the articles' years."""
    years = range(2021, 2022)
    assert topic_dates("feb 10 2000 accounts", years) == ([Day(None, 2, 10)], "2000 accounts")
    assert topic_dates("feb 10 2021 accounts", years) == ([Day(2021, 2, 10)], "accounts")
    assert topic_dates("in 2000 accounts", years)[0] == topic_dates("in 2000")[0] != []
    assert topic_dates("2000 to 2021", years)[0] == topic_dates("2000 to 2021")[0] != []
