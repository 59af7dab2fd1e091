"""An interviewer labelled by the publication's name ("Northern Ledger: …") is never quoted as the answer."""

from __future__ import annotations

import pytest

from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from index.turn_labels import is_interviewer_turn
from retrieval.engine import Engine

INTERVIEW = """---
title: "Interview: Harbour board chief Alma Verrin on the licence freeze"
date: 2024-03-20
source: Northern Ledger
---
The harbour board of Port Halden froze ferry licences in March. Its chief, Alma Verrin, spoke to the Northern \
Ledger about the freeze.

Northern Ledger: Your board cancelled 40 ferry licences in March. Operators say it was done without warning.

Alma Verrin: That is wrong. We suspended eleven licences, all of them for missed safety inspections.

Northern Ledger: Will the suspended operators get their licences back?

Alma Verrin: Each operator can apply again once its boats pass inspection, which takes about six weeks.

Northern Ledger: Operators also say the board has stopped answering their letters.

Alma Verrin: Every letter gets an answer within ten working days. That rule has not changed.
"""


def test_the_interviewers_turns_are_known_by_their_questions() -> None:
    assert is_interviewer_turn(INTERVIEW, "Northern Ledger: Your board cancelled 40 ferry licences in March.")
    assert is_interviewer_turn(INTERVIEW, "Operators say it was done without warning.")
    answer = "We suspended eleven licences, all of them for missed safety inspections."
    assert not is_interviewer_turn(INTERVIEW, answer)
    # an article with no questions has no interviewer: a speaker's lines are its statements
    plain = INTERVIEW.replace("?", ".")
    assert not is_interviewer_turn(plain, "Northern Ledger: Your board cancelled 40 ferry licences in March.")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Engine:
    folder = tmp_path_factory.mktemp("interviewers")
    (folder / "corpus").mkdir()
    (folder / "corpus" / "ledger-interview.md").write_text(INTERVIEW, encoding="utf-8")
    build_index(folder / "corpus", folder / "index", model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    return Engine(folder / "index", encoder_provider)


@pytest.mark.parametrize("question", [
    "How many ferry licences did the harbour board cancel?",
    "Did the board stop answering operators' letters?",
])
def test_the_interviewers_statement_is_not_the_answer(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    quoted = " ".join(c.quote for c in answer.citations)
    assert "40 ferry licences" not in quoted and "stopped answering" not in quoted
