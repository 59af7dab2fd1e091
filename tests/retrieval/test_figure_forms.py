"""A question's figure in digits searched as the articles write it ("1178" for their "1,178";
``retrieval.figure_forms``)."""

from __future__ import annotations

from collections import Counter

import pytest

from retrieval.engine import Engine
from retrieval.figure_forms import articles_forms, as_written
from retrieval.question import analyse
from retrieval.reach import unknown_figures

WRITTEN = {1178.0: Counter({"1,178": 3}), 257.0: Counter({"257": 2}), 1.25: Counter({"1.25": 1}),
           1250.0: Counter({"1,250": 1}), 40_000.0: Counter({"40,000": 1, "forty thousand": 2}),
           2000.0: Counter({"2,000": 1})}


@pytest.mark.parametrize(("text", "expected"), [
    ("what were the 1178 accounts accused of?", "what were the 1,178 accounts accused of?"),
    ("the 1 178 accounts", "the 1,178 accounts"),  # grouped by a space
    ("the 1.178 accounts", "the 1,178 accounts"),  # European, and no article gives 1.178
    ("40000 users?", "40,000 users?"),  # the form the articles write in digits, not in words
    ("the 1.250 accounts", None),  # ambiguous: the articles give 1.25 too
    ("the 1,178 accounts", None),  # already as written
    ("257 handles", None),
    ("what happened in 2000", None),  # may be a year
    ("the 3456 accounts", None),  # no article gives it: named as the question's own premise
])
def test_a_figure_is_written_as_the_articles_write_it(text: str, expected: str | None) -> None:
    assert as_written(text, WRITTEN, articles_forms(WRITTEN)) == expected


@pytest.mark.parametrize("asked", ["what were the 1178 accounts accused of?",
                                   "what were the 1 178 accounts accused of?"])
def test_a_figure_typed_without_separators_is_answered(shipped_engine: Engine, asked: str) -> None:
    """Declined with "1178" while "what were the 1,178 accounts accused of?" was answered."""
    answer = shipped_engine.ask(asked)
    assert answer.answered and "1,178" in answer.text


def test_a_figure_grouped_by_spaces_is_no_unknown_premise(shipped_engine: Engine) -> None:
    """"1 178" was read as 1 and 178, and declined: "The articles never give the figure 178"."""
    assert unknown_figures(shipped_engine.index, analyse("what were the 1 178 accounts accused of?")) == []
