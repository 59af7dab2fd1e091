"""One role in any of its standard forms ("ceo", "chief executive", "chief executive officer"; "vp", "vice
president"; "md", "managing director"; "secy", "secretary"; "min", "minister"), and a role question the answer
model declines outright still looked at further (``retrieval.declined_roles``), never answered where no one in
the role is named. The made-up article and its names are made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import EncoderProvider
from retrieval.engine import Engine
from retrieval.role_titles import read_as
from tests.retrieval.conftest import index_of

_ARTICLE = """Brindle Freight and Quillon clash over the canal toll

Brindle's CEO was not at the hearing on the canal toll, the company said on Tuesday.

Brindle Freight Chief Executive Officer Tomas Verhoek wrote to the regulator about the canal toll last month.

Quillon's chief executive did not attend the hearing on the canal toll either.

Quillon CEO Mara Fennick said the toll would double the cost of every barge crossing.

Brindle's vice president did not reply to questions about the canal toll.

Brindle Vice-President Olek Danner signed the letter on the canal toll with the board.

Quillon's managing director was at the hearing, the regulator said.

Quillon MD Sunita Okafor called the toll unlawful in a statement.

The Canal Secretary Irena Malkova set the toll at four percent of every cargo fee.

The Canal Minister Pavel Iskra defended the toll in the assembly.
"""


@pytest.fixture(scope="module")
def made_up(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Engine:
    folder: Path = tmp_path_factory.mktemp("role_synonyms")
    index_of({"canal.txt": _ARTICLE}, folder, encoder_provider)
    return Engine(folder / "index", encoder_provider)


@pytest.mark.parametrize(("question", "name"), [
    ("who is brindle's ceo", "Tomas Verhoek"),  # the article: "Chief Executive Officer Tomas Verhoek"
    ("who is quillon's chief executive", "Mara Fennick"),  # the article: "CEO Mara Fennick"
    ("who is brindle's vp", "Olek Danner"),  # "Vice-President Olek Danner"
    ("who is quillon's md", "Sunita Okafor"),
    ("who is quillon's managing director", "Sunita Okafor"),  # "MD Sunita Okafor"
    ("who is the canal secy", "Irena Malkova"),
    ("who is the canal min", "Pavel Iskra"),
])
def test_a_role_in_another_of_its_forms_finds_its_holder(made_up: Engine, question: str, name: str) -> None:
    answer = made_up.ask(question)
    assert answer.answered and name in answer.text
    docs = {d.doc_id: d.text for d in made_up.index.docs}
    assert all(docs[c.doc_id][c.start : c.end] == c.quote for c in [*answer.citations, *answer.related])


def test_titles_are_read_as_one_role() -> None:
    assert read_as("Brindle's Chief Executive Officer and the chief executive") == "Brindle's ceo and the ceo"
    assert read_as("the vice-president, the Vice President and the VP") == "the vp, the vp and the vp"


def test_a_declined_role_question_looks_further_but_names_no_one_the_articles_do_not(seed_engine: Engine) -> None:
    answer = seed_engine.ask("who is the information technology secretary")
    assert answer.answered and "Sawhney" in answer.text
    # The articles name no CEO of Koo and no finance minister: both stay declined.
    assert not seed_engine.ask("who is koo's chief executive officer").answered
    assert not seed_engine.ask("who is india's finance minister").answered
