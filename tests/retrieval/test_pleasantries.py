"""A greeting before a question and thanks after it are manners, not words to look for."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.pleasantries import without_pleasantries


@pytest.mark.parametrize(("typed", "read"), [
    ("hello! who is the IT secretary? thank you so much", "who is the IT secretary?"),
    ("Good morning, team: when did koo launch? thanks!", "when did koo launch?"),
    ("hey bot - how many accounts were blocked thx", "how many accounts were blocked"),
    ("hi there! what law was used? 🙏 cheers", "what law was used?"),
    ("hiya, why did twitter refuse? ty :)", "why did twitter refuse?"),
])
def test_a_greeting_and_thanks_around_a_question_are_left_out(typed: str, read: str) -> None:
    assert without_pleasantries(typed) == read


@pytest.mark.parametrize("typed", [
    "who did the minister thank?", "did twitter say thank you", "why did the government say thanks to koo",
    "hello", "hello there", "hey bot", "thanks!", "highlights of the order", "is the hey campaign linked to koo",
    "good governance rules: what do they say",
])
def test_words_the_question_asks_about_stay(typed: str) -> None:
    """Thanks the question asks about, a message of nothing but small talk (the chat layer answers it), and a
    word that only starts like a greeting."""
    assert without_pleasantries(typed) == typed


@pytest.mark.parametrize("question", [
    "hey how many accounts did the government order blocked? thank you so much",
    "good morning! how did MeitY describe Twitter's blog post? thanks!",
])
def test_a_polite_question_gets_the_answer_the_plain_one_gets(seed_engine: Engine, question: str) -> None:
    """Searched, "hey", "good", "morning" and "thank" were question words no article holds, counted against
    every sentence: such questions were declined where the plain question is answered."""
    polite = seed_engine.ask(question)
    plain = seed_engine.ask(without_pleasantries(question))
    assert plain.answered and polite.answered and polite.citations[0].quote == plain.citations[0].quote


@pytest.mark.parametrize("typed", ["did the minister say 'thank you'", "was the ty act cited?"])
def test_quoted_thanks_stay(typed: str) -> None:
    assert without_pleasantries(typed) == typed
