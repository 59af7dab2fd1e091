"""Questions asking what a short form stands for are answered by the sentence that spells it out."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.definitions import SPELLED_OUT, asked_short_form, defines, spelled_out
from retrieval.engine import Engine
from retrieval.features import FEATURES, Candidates

ALIASES = {"meiti": ["ministri", "electron", "inform", "technolog"], "ncra": ["news", "content", "remuner", "act"]}


@pytest.mark.parametrize("question", [
    "what is meity", "What is MeitY?", "whats meity?", "what's the NCRA", "MeitY?", "who is meity",
    "What does MeitY stand for?", "NCRA stands for?", "full form of meity", "meity full form",
    "what is the meaning of NCRA", "what's NCRA short for", "expand meity",
    "what does NCRA mean", "wht does meity mean?", "NCRA means?", "wat do meity stand for",
])
def test_asking_what_a_defined_short_form_stands_for(question: str) -> None:
    assert asked_short_form(question, ALIASES) in ("meiti", "ncra")


@pytest.mark.parametrize("question", [
    "what is koo",  # no article defines it as a short form
    "what is meity doing about twitter",  # asks more than what it stands for
    "why did meity send notices",
    "what is the FSTO",  # a short form, but not one these articles define
    "what does meity mean for twitter",  # asks more than what it stands for
])
def test_other_questions_are_left_to_the_model(question: str) -> None:
    assert asked_short_form(question, ALIASES) is None


def test_a_sentence_defines_a_short_form_either_way_round() -> None:
    assert defines("The Ministry of Electronics and Information Technology (MeitY) said so.", "meiti")
    assert defines("Officials of MeitY (Ministry of Electronics and Information Technology) met.", "meiti")
    assert not defines("MeitY said the move was unusual.", "meiti")


def test_the_spelling_out_sentence_becomes_the_answer_and_reads_alone() -> None:
    texts = ["MeitY said the move was unusual.",
             "Reacting to this, the Ministry of Electronics and Information Technology (MeitY) said no.",
             "The Ministry of Electronics and Information Technology (MeitY) agreed to meet."]
    found = Candidates([0, 1, 2], texts, np.zeros((3, len(FEATURES)), dtype=np.float32))
    probs = np.array([0.3, 0.2, 0.1])
    out = spelled_out(ALIASES, "what is meity?", found, probs)
    assert out.tolist() == [0.3, 0.2, SPELLED_OUT]  # not the one quoted with the sentence before it
    assert spelled_out(ALIASES, "why did meity object?", found, probs) is probs


def test_what_is_meity_is_answered_with_its_full_name(seed_engine: Engine) -> None:
    """It was declined over three passages that each named MeitY without saying what it is."""
    for question in ("what is meity?", "What does MeitY stand for?"):
        answer = seed_engine.ask(question)
        assert answer.answered and "Ministry of Electronics and Information Technology (MeitY)" in answer.text
