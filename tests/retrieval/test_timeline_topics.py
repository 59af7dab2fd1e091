"""Topics that name a month alone, or misspell it, over the seed corpus's timeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import Encoder
from retrieval.engine import Engine
from retrieval.loaded import LoadedIndex, load_index
from retrieval.timeline import build_timeline
from retrieval.topic_dates import topic_dates
from tests.retrieval.conftest import dates_for


@pytest.fixture(scope="module")
def seed(seed_index_dir: Path) -> LoadedIndex:
    return load_index(seed_index_dir)


@pytest.mark.parametrize("topic", ["February", "feb", "in february", "Febuary", "feburary"])
def test_a_month_alone_lists_that_months_events(seed: LoadedIndex, encoder: Encoder, topic: str) -> None:
    """"February" listed the one sentence with the word in it, not the month's events as "February 2021" does."""
    assert dates_for(seed, encoder, topic) == dates_for(seed, encoder, "February 2021") != []


def test_a_misspelt_month_with_a_day_is_that_day(seed: LoadedIndex, encoder: Encoder) -> None:
    assert dates_for(seed, encoder, "febuary 10") == dates_for(seed, encoder, "feb 10")


@pytest.mark.parametrize("topic", ["decision to block", "marching farmers", "twitter may block accounts",
                                   "farmers march", "Julie", "Section 69A", "koo"])
def test_words_that_are_no_month_stay_words(topic: str) -> None:
    assert topic_dates(topic)[0] == []


def test_may_and_march_alone_are_months() -> None:
    assert topic_dates("may")[0] and topic_dates("in March")[0] and topic_dates("march")[0]


def test_a_misspelt_topic_is_searched_as_the_word_meant_and_says_so(seed_engine: Engine) -> None:
    """"blokcing orders" gave "no dated events", where "blocking orders" gives four; a question mends it."""
    mended = seed_engine.timeline("blokcing orders")
    assert mended.searched_for == "blocking orders" and mended.topic == "blokcing orders"
    assert [e.date for e in mended.events] == [e.date for e in seed_engine.timeline("blocking orders").events] != []
    assert seed_engine.timeline("blocking orders").searched_for is None
    assert "searched_for" not in seed_engine.timeline("blocking orders").to_dict()
    assert mended.to_dict()["searched_for"] == "blocking orders"


@pytest.mark.parametrize("topic", ["republic day", "REPUBLIC DAY", "Republic day"])
def test_a_named_day_is_a_date_however_it_is_written(seed: LoadedIndex, encoder: Encoder, topic: str) -> None:
    """"Republic Day" listed the day's reports, "republic day" the one sentence with the words. (One report: the
    two sentences that name the violence of that day are dated by no date of theirs, ``index.dates``.)"""
    assert topic_dates(topic)[0] == topic_dates("Republic Day")[0] != []
    def reports(t: str) -> list[int]:
        return [len(e.citations) for e in build_timeline(seed, t, encoder.encode([t])[0]).events]

    assert reports(topic) == reports("Republic Day") == [1]


@pytest.mark.parametrize("topic", ["feb 30", "30 February", "April 31 2021", "koo feb 30"])
def test_a_day_that_does_not_exist_matches_nothing(seed_engine: Engine, topic: str) -> None:
    """"feb 30" listed February 10, the month's sentence nearest in meaning to "30"."""
    assert seed_engine.timeline(topic).events == []
    assert topic_dates(topic)[1] == topic_dates("koo")[1] * topic.startswith("koo")  # nothing else to look for


@pytest.mark.parametrize("topic", ["last week", "this week", "yesterday", "today", "last month", "recently",
                                   "koo last week", "what happened 2 days ago", "in the past 3 days"])
def test_a_time_relative_to_now_is_asked_back(seed_engine: Engine, topic: str) -> None:
    """"last week" listed the articles' "this week" talks, and "this week" the week of 8 February 2021: the
    articles are from 2021, and which week the asker means can't be told. The reply names the period the
    articles cover and dates to ask instead; nothing is listed."""
    result = seed_engine.timeline(topic)
    assert result.events == [] and result.asked_back and result.to_dict()["asked_back"] is True
    assert "the articles are from 26 January 2021 to 14 February 2021" in result.note
    assert "“feb 14”" in result.note and "“between feb 8 and feb 14”" in result.note


@pytest.mark.parametrize("topic", ["the last week of january", "weekly protests", "koo"])
def test_a_week_of_a_month_or_no_time_is_not_asked_back(seed_engine: Engine, topic: str) -> None:
    assert not seed_engine.timeline(topic).asked_back
