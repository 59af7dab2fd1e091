"""A question about when something will happen is not answered with the day of something already done
(``retrieval.coming``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import EncoderProvider
from retrieval.coming import asks_coming, dates_only_done
from retrieval.engine import Engine
from retrieval.loaded import LoadedIndex, load_index
from retrieval.question import analyse
from tests.retrieval.conftest import index_of

ARTICLE = """---
title: Pellory app fights a ban in Dunmere
date: 2023-06-09
---

Corvel: The video app Pellory filed an appeal in Dunmere's Administrative Court on Tuesday against a regional ban
on the app.

The regional council banned Pellory on May 30, saying its videos had stirred up unrest in two towns.

Pellory said the ban cut off about 900,000 users.

The council's chair said the council would publish its reasons for the ban on June 20.

The court has not yet said when it will hear the appeal.
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Path:
    folder = tmp_path_factory.mktemp("coming")
    index_of({"pellory.md": ARTICLE}, folder, encoder_provider)
    return folder


@pytest.fixture(scope="module")
def index(folder: Path) -> LoadedIndex:
    return load_index(folder / "index")


@pytest.fixture(scope="module")
def engine(folder: Path, encoder_provider: EncoderProvider) -> Engine:
    return Engine(folder / "index", encoder_provider)


def _row(index: LoadedIndex, words: str) -> int:
    return next(r for r in range(len(index.sentence_spans)) if words in index.sentence_text(r))


@pytest.mark.parametrize(("question", "coming"), [
    ("when will the administrative court hear pellory's appeal?", True),
    ("when is the court gonna hear the appeal", True),
    ("when is the court going to hear it", True),
    ("when did pellory file its appeal?", False),
    ("when did the council say it will publish its reasons?", False),  # the saying was done
    ("what will the court decide?", False),  # no "when"
])
def test_a_question_asks_for_a_time_still_to_come(question: str, coming: bool) -> None:
    assert asks_coming(analyse(question)) is coming


def test_a_sentence_dating_only_what_was_done(index: LoadedIndex) -> None:
    assert dates_only_done(index, _row(index, "filed an appeal"))
    assert dates_only_done(index, _row(index, "banned Pellory on May 30"))
    assert not dates_only_done(index, _row(index, "would publish its reasons"))  # still ahead when reported
    assert not dates_only_done(index, _row(index, "about 900,000 users"))  # no day at all


def test_when_will_is_not_answered_with_the_day_of_the_filing(engine: Engine) -> None:
    """The filing's Tuesday was quoted as the day of a hearing no sentence dates."""
    answer = engine.ask("when will the administrative court hear pellory's appeal?")
    assert not answer.answered
    assert any("filed an appeal" in c.quote for c in answer.citations)  # among the closest passages


def test_a_day_still_ahead_answers_when_will(engine: Engine) -> None:
    answer = engine.ask("when will the council publish its reasons for the ban?")
    assert answer.answered and "June 20" in answer.text
