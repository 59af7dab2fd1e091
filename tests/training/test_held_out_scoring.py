"""Which questions ``training.fit.held_out`` scores: paraphrases are fitted on, never scored, so the held-out
figures with ``--paraphrases`` count the same questions as without."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import numpy as np
import pytest

from training import fit as fit_module
from training.fit import Row, held_out


def test_only_the_questions_as_written_are_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    def item(group: str, qid: str, original: bool) -> Any:
        return SimpleNamespace(group=group, question=SimpleNamespace(id=qid), original=original,
                               index=None, analysed=None, found=None)

    items = [item("a", "a-01", True), item("a", "a-01-p1", False), item("b", "b-01", True),
             item("b", "b-01-p1", False), item("b", "b-01-p2", False)]
    monkeypatch.setattr(fit_module, "out_of_fold",
                        lambda its, c, names, weight: {i: np.zeros(1) for i in range(len(its))})
    monkeypatch.setattr(fit_module, "_unpaired", lambda it, probs: Row(it, probs, {}, {}))
    monkeypatch.setattr(fit_module, "choose_threshold", lambda rows: 0.5)
    monkeypatch.setattr(fit_module, "row_of", lambda it, probs, t: Row(it, probs, {}, {}))
    chosen_on: list[list[str]] = []

    def choose(rows: list[Row]) -> tuple[float, float]:
        chosen_on.append([r.item.question.id for r in rows])
        return 0.5, 1.0

    monkeypatch.setattr(fit_module, "choose", choose)
    monkeypatch.setattr(fit_module, "compose", lambda index, analysed, found, probs, model: None)
    monkeypatch.setattr(fit_module, "score_one", lambda question, answer: question.id)
    pooled, reports = held_out(cast(Any, items), 1.0)
    assert {g: list(r.results) for g, r in reports.items()} == {"a": ["a-01"], "b": ["b-01"]}
    # The decline threshold is still chosen on every other group's rows, paraphrases too: they are training data.
    assert chosen_on == [["b-01", "b-01-p1", "b-01-p2"], ["a-01", "a-01-p1"]]
    assert len(pooled) == len(items)
