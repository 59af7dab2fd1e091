"""Questions that name nothing to look for ("when?", "how many?", a question in a script the articles' words
aren't written in): no sentence can answer them on their own, so none is quoted as if it did."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.turns import FollowupContext, turn_of
from retrieval.wording import in_another_script


@pytest.mark.parametrize("question", ["when?", "how many?", "who?", "what is it", "explain please"])
def test_a_question_without_a_subject_is_not_answered(seed_engine: Engine, question: str) -> None:
    """Asked alone, "when?" was answered with the first dated sentence the search happened to rank first
    ("Beginning on 26 January 2021, …"), a quote about nothing the asker named."""
    answer = seed_engine.ask(question)
    assert not answer.answered, answer.text
    assert "names nothing to look for" in answer.text
    assert "couldn't find" not in answer.text  # nothing was searched for: there was nothing to find


def test_a_question_in_another_script_is_told_what_the_bot_reads(seed_engine: Engine) -> None:
    """"ट्विटर ने कितने अकाउंट ब्लॉक किए?" was told "I couldn't find a clear answer" over three passages
    its words never reached: the keyword index reads Latin letters and the model English."""
    answer = seed_engine.ask("ट्विटर ने कितने अकाउंट ब्लॉक किए?")
    assert not answer.answered
    assert "English" in answer.text and "couldn't find" not in answer.text


def test_a_subjectless_follow_up_is_read_with_the_conversation(seed_engine: Engine) -> None:
    """After "who is Ravi Shankar Prasad?", "when?" was answered as asked alone (the 26 January sentence
    scored higher than the expanded reading's best), never with what the conversation was about."""
    first = "who is Ravi Shankar Prasad?"
    context = FollowupContext((turn_of(first, seed_engine.ask(first)),))
    answer = seed_engine.ask("when?", context)
    assert answer.searched_for and "Prasad" in answer.searched_for


def test_a_question_in_another_script_is_told_so_inside_a_conversation_too(seed_engine: Engine) -> None:
    """Asked after another question (the terminal chat is one conversation), "किसानों के बारे में क्या हुआ" was
    read as a follow-up: searched for the earlier turn's words alone, declined over them and shown "Searched
    for: किसानों … Ravi Shankar Prasad", where the README promises such a question is told to ask in English."""
    first = "who is Ravi Shankar Prasad?"
    context = FollowupContext((turn_of(first, seed_engine.ask(first)),))
    answer = seed_engine.ask("किसानों के बारे में क्या हुआ", context)
    assert not answer.answered and not answer.searched_for
    assert "English" in answer.text and "couldn't find" not in answer.text


@pytest.mark.parametrize("question", ["what is π?", "what about µ?", "what about é?", "explain ∑ please"])
def test_a_question_naming_nothing_with_one_letter_of_another_script_is_not_told_to_ask_in_english(
    seed_engine: Engine, question: str
) -> None:
    """One letter outside the Latin script (a Greek π, the micro sign µ) was enough for a question that names
    nothing to be told "I can only look questions up in English": it is in English, and names nothing."""
    answer = seed_engine.ask(question)
    assert not answer.answered
    assert "English" not in answer.text, answer.text


@pytest.mark.parametrize(("text", "other"), [
    ("ट्विटर ने कितने अकाउंट ब्लॉक किए?", True), ("Twitter ने कितने अकाउंट ब्लॉक किए?", True), ("what is π?", False),
    ("Niño and Pérez", False), ("koo क्या है", False), ("2021", False),
])
def test_only_a_text_mostly_in_another_script_is_in_one(text: str, other: bool) -> None:
    assert in_another_script(text) is other
