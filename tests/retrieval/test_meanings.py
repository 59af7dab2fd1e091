"""Questions asking what a phrase of the articles means, answered by the sentence explaining it
(``retrieval.meanings``)."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.engine import Engine
from retrieval.features import FEATURES, Candidates
from retrieval.meanings import asked_phrase, explained, explains


@pytest.mark.parametrize(("text", "phrase"), [
    ('what does "non-compliance" mean here?', "non-compliance"), ("what does non-compliance mean", "non-compliance"),
    ("what is meant by coercive action", "coercive action"), ("meaning of penal action?", "penal action"),
    ("what does the government mean by non-negotiable", "non-negotiable"), ("define ‘free speech’", "free speech"),
    ("what is the meaning of protected speech in this context", "protected speech"),
])
def test_a_question_asking_what_a_phrase_means_names_it(text: str, phrase: str) -> None:
    assert asked_phrase(text) == phrase


@pytest.mark.parametrize("text", ["what does twitter do", "what did the government say about non-compliance",
                                  "what is non-compliance", "did twitter mean it"])
def test_other_questions_ask_no_meaning(text: str) -> None:
    assert asked_phrase(text) is None


def test_a_sentence_explains_a_phrase_in_the_set_ways_english_has() -> None:
    assert explains("The government registered the failure to remove the accounts as non-compliance of its "
                    "orders.", "non-compliance")
    assert explains('The move was described as "coercive action" by lawyers.', "coercive action")
    assert explains("Geoblocking, i.e. withholding a post in one country, is common.", "geoblocking")
    assert explains("Geo-blocking means withholding a post in one country.", "geo-blocking")
    assert not explains("An acknowledgment of the non-compliance notice has been sent.", "non-compliance")
    assert not explains("It blocked accounts such as journalists.", "journalists")  # an example, not a meaning


def _found(texts: list[str]) -> Candidates:
    matrix = np.zeros((len(texts), len(FEATURES)))
    matrix[:, FEATURES.index("answer_like")] = 1.0
    return Candidates(list(range(len(texts))), texts, matrix)


def test_the_sentence_explaining_the_phrase_answers_before_one_using_it() -> None:
    found = _found(["An acknowledgment of the non-compliance notice has been sent.",
                    "The government registered the failure to remove the accounts as non-compliance."])
    probs = np.array([0.7, 0.4])
    out = explained('what does "non-compliance" mean here', found, probs, threshold=0.36)
    assert int(np.argmax(out)) == 1
    # a question the model would decline stays declined; any other question is unchanged
    assert explained('what does "non-compliance" mean here', found, np.array([0.3, 0.2]), 0.36).tolist() == [0.3, 0.2]
    assert explained("who sent the non-compliance notice", found, probs, 0.36) is probs


def test_what_a_phrase_means_here_is_answered_with_its_explanation(seed_engine: Engine) -> None:
    """Answered with "An acknowledgment to the receipt of the non-compliance notice has also been formally
    communicated", a sentence using the phrase, not saying what it is."""
    answer = seed_engine.ask('what does "non-compliance" mean here')
    assert answer.answered
    assert answer.text.startswith("After a few days, when Twitter failed to remove or block around 250 accounts, "
                                  "the government registered the failure to remove the accounts as non-compliance")
