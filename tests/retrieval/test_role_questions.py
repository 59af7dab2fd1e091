"""A question asking who holds a role is read alike however it is worded, and checked on every answer path
(``retrieval.role_questions``, ``retrieval.unnamed``). Every name in the made-up questions is made up."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.role_questions import asks_for_a_name
from retrieval.types import Answer, Citation
from retrieval.unnamed import without_unnamed

_OTHERS = (
    "who is Irena Malk",
    "who said the site would appeal",
    "who is the minister meeting on monday",
    "when did the minister in charge resign",
    "Irena Malk met the board on monday. what's his name?",  # the scene names no role
)


@pytest.mark.parametrize("question", [
    "who is pellway's ceo",
    "Who's the head of the transport board?",
    "who heads the ministry of roads",
    "pellway's chief executive?",
    "pellway's vp of global public policy is meeting the secretary. what's his name?",
    "I was reading about the hearing, who is the ministry's lawyer",
])
def test_role_questions_in_other_words_ask_for_a_name(question: str) -> None:
    assert asks_for_a_name(question)
    assert not any(asks_for_a_name(other) for other in _OTHERS)  # a named person, a speaker, a role's doings


def test_a_scene_naming_the_role_declines_its_unnamed_answer() -> None:
    quote = "The secretary will meet Pellway's vice president of public policy on Monday."
    answer = Answer("what's his name?", f"{quote} [1]", answered=True,
                    citations=[Citation("a", "A", None, None, quote, 0, len(quote), 0.9)])
    assert without_unnamed(answer) == answer  # the ask alone names no role
    declined = without_unnamed(answer, "pellway's vp of public policy is meeting the secretary. what's his name?")
    assert not declined.answered


def test_every_path_checks_a_roles_name(seed_engine: Engine) -> None:
    asked = seed_engine.ask("who is twitter's vice president of global public policy")
    assert not asked.answered  # the articles name the role, never who holds it
    scene = seed_engine.ask("twitter's vp of global public policy is meeting sawhney. what's his name?")
    assert not scene.answered
    named = seed_engine.ask("who is twitter's ceo")
    assert named.answered and "Dorsey" in named.text
