"""Days written in figures alone read against the period the articles cover (``retrieval.figure_dates``)."""

from __future__ import annotations

from retrieval.engine import Engine
from retrieval.figure_dates import within_period

PERIOD = ("2021-01-26", "2021-02-14")


def test_the_one_reading_within_the_period_is_the_day_meant() -> None:
    """10 February 2021 or 2 October 2021: articles of late January to mid February can only mean the first."""
    assert within_period("what happened on 10/02/2021", PERIOD) == "what happened on 10 February 2021"
    assert within_period("what happened on 02/10/2021", PERIOD) == "what happened on 10 February 2021"
    assert within_period("what did twitter say on 8/2", PERIOD) == "what did twitter say on 8 February"
    assert within_period("between 8/2 and 10/2", PERIOD) == "between 8 February and 10 February"
    assert within_period("on 02/02/2021", ("2021-01-01", "2021-12-31")) == "on 2 February 2021"  # either way


def test_figures_with_no_reading_or_two_readings_in_the_period_stay_as_typed() -> None:
    assert within_period("what happened on 04/03/2021", PERIOD) is None  # 4 March or 3 April: neither
    assert within_period("what happened on 05/02/2021", ("2021-01-01", "2021-12-31")) is None  # both
    assert within_period("what happened on 10/02/2021", None) is None  # nothing dated


def test_figures_without_a_year_are_a_day_only_after_a_word_leading_to_one() -> None:
    """"24/7 coverage" or "3/4 of the accounts" are no dates; a timeline's topic is about a time."""
    assert within_period("who gave 2/2 answers", PERIOD) is None
    assert within_period("1/2 of the accounts", ("2021-01-01", "2021-12-31")) is None
    assert within_period("9/2", PERIOD) is None
    assert within_period("9/2", PERIOD, topic=True) == "9 February"


def test_a_question_dated_in_figures_is_answered(seed_engine: Engine) -> None:
    """Declined: the articles "never use the word “8/2”", over "Twitter said on February 8 that it was
    cooperating with the Centre"; the reply says how the day was read."""
    answer = seed_engine.ask("what did twitter say on 8/2")
    assert answer.answered and "cooperating with the Centre" in answer.text
    assert answer.searched_for == "what did twitter say on 8 February"
