"""Either-or questions, answered by the sentence naming one of the options (``retrieval.choices``)."""

from __future__ import annotations

import numpy as np
import pytest

from index.embedding import EncoderProvider
from index.lexical import terms
from retrieval.choices import decided, key_word, options
from retrieval.engine import Engine
from retrieval.features import FEATURES, Candidates
from tests.retrieval.conftest import index_of


@pytest.mark.parametrize(("text", "offered"), [
    ("was the hearing held online or in person?", ("held online", "in person")),
    ("did the court block the app permanently or temporarily", ("permanently", "temporarily")),
    ("was it the port authority or the navy that closed the harbour", ("the port authority", "the navy")),
    ("who filed the appeal, the mayor or the residents' group?", ("the mayor", "the residents' group")),
    ("Were the votes counted by hand or by machine", ("by hand", "by machine")),
])
def test_an_either_or_question_offers_two_options(text: str, offered: tuple[str, str]) -> None:
    assert options(text) == offered


@pytest.mark.parametrize("text", [
    "who ordered the blocking of accounts or hashtags",  # "or" inside a wh-question's noun phrase
    "is the govt willing to negotiate on the 257 handles thing or nah",  # a yes/no question's tail
    "is the company going to comply or not",
    "was the order before or after the meeting",  # a comparison (``retrieval.comparisons``)
    "how many of the blocked accounts belong to reporters or media outlets?",
    "did the court hear the case",
    "did the council approve the budget or the plan or the levy",  # more than two: no single choice
])
def test_other_questions_offer_no_options(text: str) -> None:
    assert options(text) is None


# the index's idf is keyed by terms as ``index.lexical.terms`` reads them ("onlin", "ministri")
IDF = {terms(word)[0]: idf for word, idf in {
    "home": 3.0, "ministry": 1.0, "interior": 2.5, "notice": 1.2, "sent": 0.8, "person": 2.0, "online": 2.2,
    "hearing": 1.5, "held": 0.9, "week": 0.7, "likely": 0.6}.items()}


def test_an_option_is_named_by_its_own_word_nearest_or() -> None:
    assert key_word("the home ministry", "the interior ministry", True, IDF) == "home"
    assert key_word("the interior ministry", "the home ministry", False, IDF) == "interior"
    # the option read to the question's end carries the frame: its word nearest "or" names it, not "notice"
    assert key_word("online notice", "in person", True, IDF) == "onlin"
    # a word no article uses names nothing, nor does an option with no word of its own ("the it act")
    assert key_word("the magic ministry", "the home ministry", True, IDF) is None
    assert key_word("the notice", "the home notice", False, IDF) is None


def _found(texts: list[str]) -> Candidates:
    matrix = np.zeros((len(texts), len(FEATURES)))
    matrix[:, FEATURES.index("answer_like")] = 1.0
    return Candidates(list(range(len(texts))), texts, matrix)


def test_the_sentence_naming_an_option_answers_before_one_restating_the_frame() -> None:
    found = _found(["The hearing is likely to be held next week.", "The hearing was held in person in the capital."])
    probs = np.array([0.6, 0.3])
    out = decided("was the hearing held online or in person?", found, probs, IDF)
    assert int(np.argmax(out)) == 1
    assert out[1] == pytest.approx(0.601)
    # any other question is unchanged
    assert decided("when was the hearing held?", found, probs, IDF) is probs


def test_the_model_decides_when_no_sentence_names_an_option_or_the_first_one_does() -> None:
    frame_only = _found(["The hearing is likely to be held next week.", "It lasted two days."])
    probs = np.array([0.6, 0.3])
    assert decided("was the hearing held online or in person?", frame_only, probs, IDF).tolist() == [0.6, 0.3]
    first_names = _found(["The hearing was held online.", "The hearing was held in person in the capital."])
    assert decided("was the hearing held online or in person?", first_names, probs, IDF).tolist() == [0.6, 0.3]
    # a declined question stays declined: the lifted sentence only takes the first one's place
    low = decided("was the hearing held online or in person?", _found(["The hearing is next week.",
                  "The hearing was held in person."]), np.array([0.2, 0.1]), IDF)
    assert float(low.max()) < 0.25


def test_a_sentence_naming_an_option_about_something_else_is_not_lifted() -> None:
    """"The talks were held in person" answers nothing about the hearing the question asks of, unless the
    model rates it near the first sentence."""
    found = _found(["The hearing is likely to be held next week.", "The talks were held in person."])
    probs = np.array([0.6, 0.2])
    assert decided("was the hearing held online or in person?", found, probs, IDF).tolist() == [0.6, 0.2]
    assert int(np.argmax(decided("was the hearing held online or in person?", found, np.array([0.6, 0.4]), IDF))) == 1


def test_an_option_the_articles_never_name_gives_way_only_to_a_sentence_rated_near_the_first() -> None:
    """"vp" is no word of the articles (they write "Vice President"): the first sentence may name it in theirs,
    so a sentence naming the other option ("interior") displaces it only when the model rates it near."""
    found = _found(["The hearing was held by the Vice President.", "The hearing of the interior ministry was held."])
    asked = "was the hearing held by the interior or the vp"
    assert decided(asked, found, np.array([0.6, 0.2]), IDF).tolist() == [0.6, 0.2]
    assert int(np.argmax(decided(asked, found, np.array([0.6, 0.4]), IDF))) == 1

ARTICLE = """---
title: Council to vote on harbour bridge plan
date: 2025-05-06
---
# Council to vote on harbour bridge plan

Brookhaven: The city council will vote on the harbour bridge plan next Tuesday, council members said on Monday, after
months of debate over the plan's cost.

The vote will be by secret ballot.

The bridge plan was drawn up by the port authority, not by the council's own engineers. It would cost about 90
million crowns.

The ferry operator, Blue Line, will keep running its boats while the bridge is built, the company said.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Engine:
    folder = tmp_path_factory.mktemp("bridge")
    index_of({"bridge.md": ARTICLE}, folder, encoder_provider)
    return Engine(folder / "index", encoder_provider)


def test_an_either_or_question_is_answered_by_the_sentence_deciding_it(engine: Engine) -> None:
    """Answered with "The city council will vote on the harbour bridge plan next Tuesday …", which holds every
    word of the question but its options and decides nothing."""
    answer = engine.ask("will the council vote on the harbour bridge plan by show of hands or by secret ballot")
    assert answer.answered
    assert answer.text.startswith("The vote will be by secret ballot.")
    # the first sentence naming an option already answers
    answer = engine.ask("was the bridge plan drawn up by the port authority or the council engineers")
    assert answer.text.startswith("The bridge plan was drawn up by the port authority")
