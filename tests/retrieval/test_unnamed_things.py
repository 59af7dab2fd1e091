"""A "which X" question is not answered with a sentence that brings in an X without naming it
(``retrieval.unnamed_things``), on a made-up article."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import EncoderProvider
from retrieval.engine import Engine
from retrieval.question import analyse
from retrieval.unnamed_things import mentions_unnamed, unnamed_mention
from tests.retrieval.conftest import index_of

MOVE = """---
title: Payments app Brisk moves its data home
date: 2024-05-10
---
ARNLEY: The payments app Brisk has moved its customers' records onto servers inside Tessary, a month before a
data-localisation rule takes effect.

Brisk now rents server space from a local cloud provider and stopped sending its records abroad in April.

Brisk also said it had opened an office in the port city of Vesk, where 40 engineers now work.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Engine:
    folder: Path = tmp_path_factory.mktemp("unnamed-things")
    index_of({"brisk-move.md": MOVE}, folder, encoder_provider)
    return Engine(folder / "index", encoder_provider)


def test_which_one_is_not_answered_with_one_left_unnamed(engine: Engine) -> None:
    """"rents server space from a local cloud provider" was quoted as the provider's name, which the article
    never gives."""
    answer = engine.ask("which cloud provider does brisk use")
    assert not answer.answered
    assert any("local cloud provider" in c.quote for c in answer.citations)  # among the closest passages


def test_which_one_is_answered_where_it_is_named(engine: Engine) -> None:
    answer = engine.ask("which city did brisk open an office in")
    assert answer.answered and "Vesk" in answer.text


@pytest.mark.parametrize(("sentence", "category", "unnamed"), [
    ("The firm rented space from a local cloud provider.", ("cloud", "provid"), True),
    ("Emergency services in two provinces found their posts hidden.", ("provinc",), True),
    ("The company shared it on the messaging app Chimewire.", ("app",), False),  # "the": one it names
    ("Officials may face a seven-year jail term.", ("jail", "term"), False),  # the figure is what is asked
    ("The provinces were named in the order.", ("provinc",), False),  # not brought in as one of its sort
])
def test_a_thing_brought_in_as_one_of_its_sort(sentence: str, category: tuple[str, ...], unnamed: bool) -> None:
    assert unnamed_mention(sentence, category) is unnamed


def test_only_a_question_asking_which_one_is_held_to_a_name() -> None:
    sentence = "The firm rented space from a local cloud provider last year."
    assert mentions_unnamed(analyse("which cloud provider does the firm use"), sentence)
    assert not mentions_unnamed(analyse("when did the firm rent space from a cloud provider"), sentence)


@pytest.mark.parametrize("sentence", [
    "The firm rented space from a local cloud provider, Nimbara, last year.",
    "The firm rented space from Nimbara, a local cloud provider.",
    "The firm rented space from a cloud provider called Nimbara.",
])
def test_a_name_beside_the_phrase_names_it(sentence: str) -> None:
    assert not mentions_unnamed(analyse("which cloud provider does the firm use"), sentence)
