"""Two months with a year ("February 2021 to January 2021", "January 2021 to March 2021") are one period, and a
day that does not exist ("February 30") is called so: the first was listed as two months' events, as if in
order (a period of days named backwards is told it ends before it starts), the second left February out, and
the third was answered only with the period the articles cover, as if that day had been looked up."""

from __future__ import annotations

import pytest

from index.embedding import Encoder, EncoderProvider
from retrieval.loaded import LoadedIndex
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
