"""A list answer names one thing once, in its longest form, whatever short forms the articles also write; a
follow-up over the list ("which of them is a minister", "who else was named") is answered from it. The article
is made up: no name here is in the seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import EncoderProvider
from retrieval.engine import Engine
from retrieval.list_questions import list_question
from retrieval.loaded import LoadedIndex
from retrieval.mentions import list_answer
from retrieval.turns import FollowupContext, turn_of
from retrieval.types import Answer
from tests.retrieval.conftest import index_of

ARTICLE = """---
title: Ostrava orders the app Fennick to delete riders' records
date: 2023-06-02
---
The Ministry of Roads and Transport on Friday ordered the ride app Fennick to delete riders' records under the Road
Data Protection Act. The Transport Ministry said Fennick had kept the records for six years.

Varna Kesselt, Fennick's chief operating officer, said the company would comply with the RDP Act.

Transport Minister Ilse Dorothea Mabry said the order was final. Minister Ilse Mabry later met the Ostrava Riders
Union.

The Ostrava Couriers Association said the Income Tax Act did not apply to its drivers, and the IT Act was never cited.

Information Technology Act notices were sent to two other apps, Trandle and Wopsy, last year.

Fennick's co-founder said the company had not been told of the order before it was published.
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Path:
    folder = tmp_path_factory.mktemp("ostrava")
    index_of({"ostrava.md": ARTICLE}, folder, encoder_provider)
    return folder


@pytest.fixture(scope="module")
def engine(folder: Path, encoder_provider: EncoderProvider) -> Engine:
    return Engine(folder / "index", encoder_provider)


def _listed(index: LoadedIndex, question: str) -> list[str]:
    asked = list_question(question)
    assert asked is not None
    answer = list_answer(index, asked, question)
    assert answer is not None and answer.answered
    return answer.text.splitlines()[1:]


def test_a_laws_short_form_is_listed_with_its_name(engine: Engine) -> None:
    lines = _listed(engine.index, "which laws are mentioned")
    road = [line for line in lines if "Road Data Protection Act" in line]
    assert road == ["1. Road Data Protection Act (also “RDP Act”)"]
    assert not any(line.endswith(". RDP Act") for line in lines)
    # "IT Act" is the initials of two acts the article names: it is listed apart, no guess
    assert sum("IT Act" in line for line in lines) == 1 and any(line.endswith(". IT Act") for line in lines)


def test_an_organisations_other_word_order_is_one_line(engine: Engine) -> None:
    lines = _listed(engine.index, "which organisations are mentioned")
    # "Transport Ministry" holds no word the long name lacks: nothing to add to its line
    assert [line for line in lines if "Transport" in line] == ["1. Ministry of Roads and Transport"]


def test_a_persons_name_without_the_middle_name_is_one_person(engine: Engine) -> None:
    lines = _listed(engine.index, "who are the people named")
    assert sum("Mabry" in line for line in lines) == 1 and any("Ilse Dorothea Mabry" in line for line in lines)
    assert any("Varna Kesselt" in line for line in lines)  # her role set off by commas after her name


def _after(engine: Engine, first: str, then: str) -> Answer:
    context = FollowupContext((turn_of(first, engine.ask(first)),))
    return engine.ask(then, context)


def test_which_of_them_narrows_the_list_before(engine: Engine) -> None:
    answer = _after(engine, "who are the people named", "which of them is a minister?")
    assert answer.answered and answer.text.splitlines()[1:] == ["1. Ilse Dorothea Mabry"]
    assert answer.searched_for and "minister" in answer.searched_for
    ministries = _after(engine, "which organisations are mentioned", "which of those are ministries")
    assert ministries.text.splitlines()[1:] == ["1. Ministry of Roads and Transport"]


def test_who_else_after_every_name_was_shown_says_so(engine: Engine) -> None:
    answer = _after(engine, "who are the people named", "who else was named")
    assert not answer.answered and answer.text.startswith("The articles name no other people than the 2 listed")


def test_them_without_a_list_before_is_searched_as_usual(engine: Engine) -> None:
    answer = _after(engine, "what did the ministry order", "which of them is a minister?")
    assert "The articles name" not in answer.text


def test_a_roles_name_the_articles_never_give_is_declined(engine: Engine) -> None:
    answer = engine.ask("whats the name of fennick's co-founder")
    assert not answer.answered
    named = engine.ask("what is the name of fennick's chief operating officer")
    assert named.answered and "Varna Kesselt" in named.text
