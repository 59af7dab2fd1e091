"""A second turn asking the previous question again about something else ("same question for X")."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import DEFAULT_MODEL, lazy_encoder
from retrieval.engine import Engine
from retrieval.same_question import as_what_about
from retrieval.turns import FollowupContext, turn_of


@pytest.mark.parametrize(("asked", "read"), [
    ("same question for the latest notice", "what about the latest notice"),
    ("Same for koo?", "what about koo?"),
    ("and the same question about the farmers' accounts please", "what about the farmers' accounts please"),
    ("ok, same thing but for the second order", "what about the second order"),
    ("ditto for Sawhney", "what about Sawhney"),
    ("same goes for the minister", "what about the minister"),
])
def test_asking_again_about_something_else_is_read_as_what_about_it(asked: str, read: str) -> None:
    assert as_what_about(asked) == read


@pytest.mark.parametrize("asked", [
    "was the same hashtag used for both orders?", "what question did the ministry ask", "same",
    "is the same law used for koo", "which accounts were the same for both notices",
])
def test_a_question_that_only_uses_the_word_same_is_left_as_asked(asked: str) -> None:
    assert as_what_about(asked) is None


@pytest.fixture(scope="module")
def shipped_engine(seed_index_dir: Path) -> Engine:
    return Engine(seed_index_dir, lazy_encoder(DEFAULT_MODEL, seed_index_dir))


def test_same_question_for_another_notice_is_answered_about_it(shipped_engine: Engine) -> None:
    """"same question for the latest notice" after "how many accounts were in the first notice?" was declined:
    the articles "never use the word “question”", which also kept the turn from leaning on the first."""
    first = "How many accounts were in the first notice?"
    context = FollowupContext((turn_of(first, shipped_engine.ask(first)),))
    answer = shipped_engine.ask("same question for the latest notice", context)
    assert answer.answered and "1,178" in answer.text
    alone = shipped_engine.ask("same question for the latest notice")  # no previous question: left as asked
    assert not alone.answered
