"""The story asked for in chat's words goes to the timeline (``bot.story_asks``), its sides read from the index."""

from __future__ import annotations

import pytest

from bot.core import CommandCore
from bot.routing import route
from bot.story_asks import asks_latest, asks_story
from retrieval.name_spans import Mention
from retrieval.story_subjects import names_subject, subject_words
from retrieval.types import Answer

SIDES = frozenset({"twitter", "indian", "centre"})  # as an index of this story reads them


@pytest.mark.parametrize("message", [
    "what happened with twitter and india?", "what happened between twitter and india?",
    "twitter india fight explain pls 🙏", "what is this dispute about?", "explain the twitter centre row",
    "tell me about the whole twitter vs india thing", "any news on twitter and india?",
    "any updates regarding the standoff", "what's new with the twitter india row",
])
def test_a_request_for_the_story_in_its_own_words(message: str) -> None:
    assert asks_story(message, SIDES)
    assert route(message, SIDES)[1] is not None and route(message, SIDES)[1].topic is None  # type: ignore[union-attr]


@pytest.mark.parametrize("message", [
    "what happened with koo?", "what happened on feb 10", "explain section 69a", "what did twitter say about india?",
    "why did twitter and india fight?", "what happened to the accounts?", "what is meity?", "any news on koo",
    "any update on the accounts", "what's new with koo",
])
def test_a_question_naming_anything_else_is_its_own(message: str) -> None:
    assert not asks_story(message, SIDES)


def test_another_story_has_its_own_sides() -> None:
    """Nothing of this corpus is written in: an index about another story names its own sides."""
    assert asks_story("what happened between quillet and norvalia?", frozenset({"quillet", "norvalia"}))
    assert not asks_story("what happened between quillet and norvalia?", SIDES)


def _mention(name: str) -> Mention:
    return Mention(name, 0, len(name), False, False, False, False)


def test_the_sides_are_the_names_most_articles_share_and_write_often() -> None:
    named = [(doc, [_mention("Quillet")] * 5 + [_mention("Norvalia")] * 2) for doc in range(4)]
    named.append((0, [_mention("Koo")]))  # one article's topic
    named.append((1, [_mention("Harbour Ledger")] * 3))
    assert subject_words(named, 4) == frozenset({"quillet", "norvalia"})
    assert names_subject("quillet's", frozenset({"quillet"})) and names_subject("india", frozenset({"indian"}))
    assert not names_subject("in", frozenset({"indian"}))


@pytest.mark.parametrize("message", ["what's the latest?", "any news?", "latest news", "any updates?"])
def test_the_latest_leads_with_the_newest(message: str) -> None:
    assert asks_latest(message)
    routed = route(message)[1]
    assert routed is not None and routed.newest and routed.topic is None


def test_the_latest_of_something_else_is_no_request_for_news() -> None:
    assert not asks_latest("the latest order") and not asks_latest("what was the latest notice about")


def test_eval_names_a_request_for_the_story_as_chat_routes_it() -> None:
    """``bot eval`` says which questions chat does not search, with the index's subjects as chat reads them."""
    from bot.eval_command import chat_route

    assert chat_route("what happened between twitter and india?", 1000, SIDES) == "timeline"
    assert chat_route("what happened with koo?", 1000, SIDES) is None


@pytest.mark.parametrize(("message", "subject"), [
    ("what happened with koo?", "koo"), ("any update on koo", "koo"), ("what's new with koo", "koo"),
    ("what happened with the farmers protest", "the farmers protest"),
    ("any news on the farmers protest?", "the farmers protest"),
])
async def test_a_vague_ask_about_one_subject_is_answered_as_tell_me_about_it(
        seed_core: CommandCore, message: str, subject: str) -> None:
    """Searched, not routed (it names more than the story), "what happened with koo?" was declined over the
    sentences "tell me about koo" is answered with (``retrieval.topical_asks``)."""
    told = await seed_core.ask(f"tell me about {subject}")
    asked = await seed_core.ask(message)
    assert isinstance(told, Answer) and isinstance(asked, Answer) and told.answered
    assert asked.answered and asked.text == told.text
