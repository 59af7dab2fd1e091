"""Which sentence an answer leads with: the one holding what was asked over one restating the question
(``retrieval.leads``)."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.engine import Engine
from retrieval.features import FEATURES, INDEX, Candidates
from retrieval.leads import dateline_only, lead_first, negated
from retrieval.question import analyse


def _found(texts: list[str], type_match: list[float]) -> Candidates:
    matrix = np.zeros((len(texts), len(FEATURES)), dtype=np.float32)
    matrix[:, INDEX["type_match"]] = type_match
    return Candidates(list(range(len(texts))), texts, matrix)


def test_a_restating_best_yields_to_a_trusted_one_holding_the_asked_thing() -> None:
    question = analyse("who will meet the officials?")
    found = _found(["The ministry will meet the officials.", "Asha Rao will meet them.", "Bo Lin met them."],
                   [0.0, 1.0, 1.0])
    probs = np.array([0.7, 0.5, 0.4])
    assert lead_first(question, found, probs, [0, 1, 2], 0.35) == [1, 2, 0]
    # Not to one the model trusts far less than the best, nor to one under the threshold.
    assert lead_first(question, found, np.array([0.9, 0.4, 0.3]), [0, 1, 2], 0.35) == [0, 1, 2]
    assert lead_first(question, found, np.array([0.5, 0.3, 0.3]), [0, 1, 2], 0.35) == [0, 1, 2]


def test_a_best_holding_the_asked_thing_or_a_question_asking_nothing_visible_keeps_its_order() -> None:
    found = _found(["Asha Rao will meet them.", "The ministry will meet them."], [1.0, 0.0])
    probs = np.array([0.7, 0.6])
    assert lead_first(analyse("who will meet them?"), found, probs, [1, 0], 0.35) == [0, 1]
    assert lead_first(analyse("what did the ministry say?"), _found(["a", "b"], [0.0, 1.0]), probs, [0, 1],
                      0.35) == [0, 1]


def test_a_negated_question_leads_with_a_negated_sentence() -> None:
    question = analyse("which accounts did the company not suspend?")
    found = _found(["The company suspended 500 accounts.", "It did not suspend accounts of journalists."],
                   [1.0, 0.0])
    assert lead_first(question, found, np.array([0.6, 0.5]), [0, 1], 0.35) == [1, 0]
    assert negated("they won't comply") and negated("it has never said") and not negated("nothing known")


def test_a_dateline_alone_is_no_match() -> None:
    question = analyse("when is the next farmers market in new delhi?")
    assert dateline_only(question, "New Delhi: The company on Monday reached out to the ministry.")
    assert not dateline_only(question, "New Delhi: Farmers gathered at the market on Monday.")
    assert not dateline_only(question, "The company on Monday reached out to the ministry in New Delhi.")


@pytest.mark.parametrize(("question", "fact", "not_first"), [
    # "The government has agreed to meet Twitter officials." restated the question and named no one.
    ("who was going to meet the twitter officials for the government?", "MeitY", "The government has agreed"),
    # "… took enforcement action … on … accounts" answered which accounts it did act against.
    ("which accounts did twitter not take action against?", "news media entities", "Beginning on 26 January"),
])
def test_the_answer_leads_with_what_was_asked(seed_engine: Engine, question: str, fact: str,
                                              not_first: str) -> None:
    answer = seed_engine.ask(question)
    assert answer.answered and fact in answer.citations[0].quote
    assert not_first not in answer.citations[0].quote


def test_a_question_sharing_only_a_dateline_place_is_declined(seed_engine: Engine) -> None:
    """"New Delhi: Twitter Inc. on Monday reached out …" answered "when is the next farmers market in new delhi"."""
    assert not seed_engine.ask("when is the next farmers market in new delhi?").answered
