"""Chat's shorthand is searched as the words it stands for, and a follow-up written in it leans on the
conversation; a question written out, a letter and a form the articles use are left alone."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.shorthand import plain_words
from retrieval.turns import FollowupContext, turn_of


@pytest.mark.parametrize(("typed", "meant"), [
    ("wat abt farmers", "what about farmers"),
    ("y did they do that", "why did they do that"),
    ("and y?", "and why?"),
    ("why tho", "why though"),
    ("how many ppl did u say", "how many people did you say"),
    ("Wat did the govt ask", "What did the government ask"),
    ("how many judges r hearing it", "how many judges are hearing it"),
    ("who r they", "who are they"),
    ("r the accounts still blocked", "are the accounts still blocked"),
])
def test_shorthand_is_written_out(typed: str, meant: str) -> None:
    assert plain_words(typed) == meant


@pytest.mark.parametrize("question", [
    "what did section y of the act say",  # a letter, not "why"
    "what did section r of the act say",  # a letter, not "are"
    "what did the u.s. say",
    "why did twitter comply though the order was unlawful",  # "though" joining two clauses
    "what about the farmers",
    "when though?",
])
def test_written_out_questions_and_letters_are_left_alone(question: str) -> None:
    assert plain_words(question) is None


def test_a_form_the_articles_use_is_their_word() -> None:
    assert plain_words("did the govt reply", lambda word: word.lower() == "govt") is None


def test_a_follow_up_in_shorthand_leans_on_the_conversation(seed_engine: Engine) -> None:
    """"wat abt farmers" after a question about the hashtag was searched alone and declined, the reply
    saying the articles "never use the words “wat” or “abt”"; "why tho" was told they "never use the word
    “tho”, so they likely don't cover this"."""
    first = "which hashtag did meity want blocked"
    context = FollowupContext((turn_of(first, seed_engine.ask(first)),))
    farmers = seed_engine.ask("wat abt farmers", context)
    assert farmers.expanded and farmers.searched_for and farmers.searched_for.startswith("what about farmers")
    assert "“wat”" not in farmers.text and "“abt”" not in farmers.text
    why = seed_engine.ask("why tho", context)
    assert why.expanded and (why.searched_for or "").startswith("why though")
    assert "“tho”" not in why.text


def test_a_first_question_is_searched_as_typed_and_its_shorthand_never_named(seed_engine: Engine) -> None:
    """Written out in a first question's search, shorthand cost held-out answers when the answer model was
    refitted (``retrieval.engine._reading``); a decline still names none of it."""
    answer = seed_engine.ask("wat did the govt tell twitter abt the farmers protest tho")
    assert not answer.searched_for or "what" not in answer.searched_for.split()
    assert not any(f"“{word}”" in answer.text for word in ("wat", "abt", "tho"))
