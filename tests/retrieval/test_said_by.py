"""An answer quoting words that name no speaker takes along the sentence that names them (``retrieval.said_by``):
a quote continued in the next paragraph, or after its attribution in the same one."""

from __future__ import annotations

import pytest

from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from retrieval.engine import Engine

STORY = """---
title: Harbour board defends licence freeze
date: 2024-03-14
source: Port Halden Courier
---
The Harbour Board of Port Halden on Wednesday defended its decision to freeze 40 ferry licences.

"We gave every operator a month to fix the hull inspections, and most did nothing," said Ilse Marrow, the \
board's chair, at a press conference.

"A ferry that sails without a current hull certificate puts two hundred passengers at risk every crossing."

The operators' association called the freeze unlawful and said it would go to court.

"This is punishment without a hearing," said Tomas Veyl, who speaks for the association. "Our members were \
never told which boats failed."

Passenger numbers on the island routes have fallen by a third.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Engine:
    folder = tmp_path_factory.mktemp("said_by")
    (folder / "corpus").mkdir()
    (folder / "corpus" / "freeze.md").write_text(STORY, encoding="utf-8")
    build_index(folder / "corpus", folder / "index", model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    return Engine(folder / "index", encoder_provider)


@pytest.mark.parametrize(("question", "words", "speaker"), [
    ("Who said a ferry without a hull certificate puts passengers at risk?", "two hundred passengers",
     "Ilse Marrow"),
    ("Who said the members were never told which boats failed?", "never told which boats", "Tomas Veyl"),
])
def test_a_quote_naming_no_one_is_answered_with_its_speaker(engine: Engine, question: str, words: str,
                                                            speaker: str) -> None:
    """The continued quote had been the whole answer, saying nothing of who said it."""
    answer = engine.ask(question)
    assert answer.answered
    assert speaker in answer.text and words in answer.text
    assert answer.text.index(speaker) < answer.text.index(words)  # the speaker first, as the article tells it


def test_an_answer_naming_its_speaker_takes_nothing_along(engine: Engine) -> None:
    answer = engine.ask("What did Tomas Veyl call the freeze?")
    assert answer.answered and "punishment without a hearing" in answer.text
    assert "Ilse Marrow" not in answer.text
