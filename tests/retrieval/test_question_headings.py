"""An explainer written as questions and answers: the section under the heading a question asks again answers it
(``retrieval.question_headings``), on made-up articles indexed beside the seed corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from retrieval.engine import Engine

SEED_CORPUS = Path(__file__).resolve().parents[2] / "corpus"

EXPLAINER = """---
title: Explainer - what the Harbour Act says about ferry licences
date: 2024-03-15
---
The Harbour Board's decision has raised questions about what the law allows.

## What is Section 12 of the Harbour Act?

Section 12 lets the Harbour Board suspend any ferry licence when a vessel fails two safety inspections in a year.
The operator must be told in writing within seven days.

## Can the operator appeal a cancellation?

An operator may appeal to the High Court of Lorvath within 30 days of the notice. The court has overturned four
such cancellations since 2019.

**Who inspects the ferries?**

Inspections are carried out by the Maritime Safety Office, which visits every vessel twice a year.
"""

# A report sharing the explainer's words, whose sentences had been quoted before the explainer's answers.
REPORT = """---
title: Ferry operator appeals licence ruling
date: 2024-03-14
---
HALDEN, March 12 (Reuters) - The Harbour Board of Port Halden cancelled 40 ferry licences on Tuesday, officials said.

The operator said 3 hours ago that it would appeal the decision in the High Court.

Yesterday the board published the list of cancelled licences.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Engine:
    folder = tmp_path_factory.mktemp("explainer")
    corpus = folder / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (corpus / "harbour-explainer.md").write_text(EXPLAINER, encoding="utf-8")
    (corpus / "ferry-appeal.md").write_text(REPORT, encoding="utf-8")
    build_index(corpus, folder / "index", model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    return Engine(folder / "index", encoder_provider)


def test_a_question_its_heading_asks_is_answered_from_the_section(engine: Engine) -> None:
    """No sentence scored high enough alone, and the question was declined."""
    answer = engine.ask("Can the ferry operator appeal?")
    assert answer.answered
    assert answer.citations[0].quote.startswith("An operator may appeal to the High Court of Lorvath within 30 days")


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # a bold line asks it: another sentence holding "ferry" and "inspections" had been quoted first
        ("Who inspects the ferries?", "Inspections are carried out by the Maritime Safety Office"),
        # the heading's question in other words: the article's lead had been quoted first
        ("What does Section 12 of the Harbour Act allow?", "Section 12 lets the Harbour Board suspend"),
    ],
)
def test_the_section_under_the_heading_is_quoted_first(engine: Engine, question: str, opening: str) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.citations[0].quote.startswith(opening)
    assert not any(c.quote.rstrip().endswith("?") for c in answer.citations)  # the heading is never the quote


def test_a_when_answer_names_the_day_its_relative_words_stand_for(engine: Engine) -> None:
    """The quote keeps "Yesterday" as written; the citation says which day that was, counted from the article's
    date (14 March 2024), where the asker had to count it."""
    answer = engine.ask("When did the board publish the list of cancelled licences?")
    cited = next(c for c in answer.citations if c.doc_id == "ferry-appeal")
    assert cited.quote.startswith("Yesterday the board published")
    assert cited.meant is not None
    assert (cited.meant.words, cited.meant.day, cited.meant.estimated) == ("Yesterday", "2024-03-13", False)
