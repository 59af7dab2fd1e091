"""A question about what was done is not answered with a report that it was still to come (``retrieval.planned``)."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.planned import asks_done_of_planned, told_as_planned


@pytest.mark.parametrize("question", ["what happened at the talks this week?", "did the talks happen this week?"])
def test_what_happened_is_not_answered_with_what_was_planned(seed_engine: Engine, question: str) -> None:
    """"The talks are likely to happen this week." was quoted as if the talks had happened: the article was
    written before they took place and can't say."""
    answer = seed_engine.ask(question)
    assert not answer.answered
    assert any("likely to happen this week" in c.quote for c in answer.citations)  # among the closest passages


def test_a_question_about_the_plan_is_still_answered_by_it(seed_engine: Engine) -> None:
    answer = seed_engine.ask("when will the talks happen?")
    assert answer.answered and "likely to happen this week" in answer.text


@pytest.mark.parametrize(("sentence", "planned"), [
    ("The Minister for Communications is due to answer questions in parliament on Monday.", True),
    ("The review committee is scheduled to meet on Friday.", True),
    ("The ministry said it will reply to the notice by Friday.", False),  # the saying was done
    ("The review committee was scheduled to meet on Friday.", False),
    ("The committee met on Friday and upheld the order.", False),
])
def test_a_plan_is_told_in_the_sentences_own_voice(sentence: str, planned: bool) -> None:
    assert told_as_planned(sentence) is planned


def test_a_question_about_a_plan_that_was_made_is_no_question_about_what_was_done() -> None:
    plan = "The ministry will publish the orders on Friday."
    assert asks_done_of_planned("what did the ministry decide on friday", plan)
    assert not asks_done_of_planned("what did the ministry say it would do", plan)
    assert not asks_done_of_planned("when will the ministry publish the orders", plan)
