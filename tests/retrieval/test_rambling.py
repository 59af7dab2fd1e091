"""A long message rambling around its question in one sentence is answered as its ask (``retrieval.rambling``)."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.rambling import scene_and_ask, without_own_reason


@pytest.mark.parametrize("text, asked", [
    ("who is the vorlan minister, because i keep hearing the name", "who is the vorlan minister"),
    ("why did Quillmark leave? since my brother asked", "why did Quillmark leave?"),
    ("what did the regulator fine them, cause im writing an essay", "what did the regulator fine them"),
    # Not the asker's reason: the question's own.
    ("why did Quillmark leave, because of the fine?", "why did Quillmark leave, because of the fine?"),
    ("did the fine stand as we know it", "did the fine stand as we know it"),
    ("because i asked", "because i asked"),  # nothing asked before it
])
def test_the_askers_reason_after_the_question_is_no_part_of_it(text: str, asked: str) -> None:
    assert without_own_reason(text) == asked


@pytest.mark.parametrize("text, told", [
    ("so my aunt has been following the vorlan data scandal for weeks now, like every day, what fine did the "
     "regulator give Quillmark, because i keep hearing different numbers",
     ("so my aunt has been following the vorlan data scandal for weeks now, like every day",
      "what fine did the regulator give Quillmark")),
    ("who is the vorlan minister, the one in charge", None),  # short: every word is asked
    ("i was reading up on the whole vorlan data scandal over the weekend and honestly it is a mess with all the "
     "fines and appeals and statements", None),  # asks nothing
])
def test_a_scene_told_between_commas_is_set_apart_from_the_ask(text: str, told: tuple[str, str] | None) -> None:
    assert scene_and_ask(text) == told


def test_a_rambling_one_sentence_question_is_answered_as_its_ask(seed_engine: Engine) -> None:
    """Searched as one text, the words around the ask ("trying", "understand", "different") outweighed its own,
    and the message was declined over the sentence naming the first notice's hashtag."""
    text = ("ok so basically i'm trying to understand, like, the whole thing with the farmers and the hashtags, "
            "what exactly was the hashtag that got those first accounts blocked, because i saw a lot of different "
            "ones going around")
    reply = seed_engine.ask(text)
    assert reply.answered and "#ModiPlanningFarmerGenocide" in reply.text and reply.question == text
