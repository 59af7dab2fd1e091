"""A vague topical ask ("what happened with koo?", "any news on X") is read as "tell me about X" when the articles
name X, and searched as typed (so declined) when they don't (``retrieval.topical_asks``; the off-topic ones in
``tests/eval/offtopic_probe.txt``, which ``tests/retrieval/test_quality.py`` checks). The made-up article's names
are in no seed article."""

from __future__ import annotations

import pytest

from index.embedding import EncoderProvider
from retrieval.engine import Engine
from retrieval.planned import asks_done_of_planned
from retrieval.topical_asks import as_told_about, topic_of
from tests.retrieval.conftest import index_of

# The chat forms, each with "{}" where its subject goes.
FORMS = ["what happened with {}?", "what's going on with {}", "whats going on with {}", "any news on {}",
         "any update on {}", "any updates about {}?", "what's the story with {}", "what's the deal with {}",
         "what is happening with {}", "what's new with {}", "what happened to {}", "so what's up with {} lately?"]

ARTICLE = """---
title: Veskara fines ferry operator Saltline over harbour closures
date: 2022-06-09
---
The Veskara Maritime Board on Thursday fined the ferry operator Saltline 3 million korun for closing the Dunmere
harbour route without notice. Saltline said the closures were forced by a shortage of pilots.
Harbour Minister Ilsa Crayne said the board would audit Saltline's pilot rosters before the summer season.
Saltline will appeal the fine at the Veskara Commercial Court, its chief executive Tomas Redd told reporters.
Commuters on Dunmere island staged a protest at the ferry terminal on Wednesday.
"""


@pytest.mark.parametrize("form", FORMS)
def test_each_form_names_its_subject(form: str) -> None:
    assert topic_of(form.format("the harbour levy")) == "the harbour levy"


@pytest.mark.parametrize("question", [
    "what about koo",  # already read so; in a conversation, the previous question again about koo
    "what happened at the talks this week?",  # an event's outcome (``retrieval.planned``)
    "what happened on feb 10",
    "what happened after the meeting",
    "what happened with it?",  # a pointer: only the conversation says what
    "whats going on with them",
    "what happened with koo and why did the ministers join it",  # a question of its own after the subject
    "what happened with koo, the ministers and the farmers and the blocked accounts",
    "did anything happen with koo",
    "tell me what happened with koo",  # "tell me" asks already
])
def test_other_messages_are_no_topical_ask(question: str) -> None:
    assert topic_of(question) is None


def test_read_as_tell_me_about_only_when_the_articles_name_every_word() -> None:
    named = {"koo", "farmer", "protest", "Delhi"}.__contains__
    assert as_told_about("what happened with koo?", named) == "tell me about koo"
    assert as_told_about("any news on the farmers protest", named) == "tell me about the farmers protest"
    assert as_told_about("what happened with the weather in delhi", named) is None
    assert as_told_about("any news on petrol prices", named) is None
    assert as_told_about("what happened at the protest", named) is None


def test_a_topical_ask_is_no_question_about_what_was_done() -> None:
    """"Recent reports indicate that most union ministers will soon shift to Koo." tells what the articles say
    of Koo; "what happened with koo?" was declined over it as if it asked what had been done."""
    plan = "Recent reports indicate that most union ministers will soon shift to Koo."
    assert not asks_done_of_planned("what happened with koo?", plan)
    assert asks_done_of_planned("what happened at the meeting with koo?", plan)


@pytest.mark.parametrize("subject", ["koo", "section 69a", "the farmers protest"])
@pytest.mark.parametrize("form", FORMS)
def test_seed_subjects_are_answered_as_tell_me_about(shipped_engine: Engine, form: str, subject: str) -> None:
    told = shipped_engine.ask(f"tell me about {subject}")
    asked = shipped_engine.ask(form.format(subject))
    assert told.answered and asked.answered
    assert asked.citations[0].quote == told.citations[0].quote
    assert asked.question == form.format(subject) and asked.searched_for is None  # a decline quotes it as asked


@pytest.fixture(scope="module")
def veskara(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Engine:
    folder = tmp_path_factory.mktemp("veskara")
    index_of({"veskara.md": ARTICLE}, folder, encoder_provider)
    return Engine(folder / "index", encoder_provider)


@pytest.mark.parametrize("subject", ["saltline", "the dunmere harbour route"])
@pytest.mark.parametrize("form", FORMS)
def test_any_articles_subject_is_answered_as_tell_me_about(veskara: Engine, form: str, subject: str) -> None:
    told = veskara.ask(f"tell me about {subject}")
    asked = veskara.ask(form.format(subject))
    assert told.answered and asked.answered
    assert [c.quote for c in asked.citations] == [c.quote for c in told.citations]


def test_a_subject_of_no_article_is_declined(veskara: Engine) -> None:
    assert not veskara.ask("what happened with the cricket score?").answered
