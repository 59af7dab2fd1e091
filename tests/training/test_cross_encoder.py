"""The cross-encoder experiment's bookkeeping (no fine-tuning here: that takes minutes and measures, it
doesn't test): which pairs it learns from, how its scores become answer-model columns, and that the fit
refuses columns it has no names for."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pytest

from retrieval.evaluate import EvalQuestion
from retrieval.features import FEATURES, Candidates
from training.cross_encoder import READ, with_reread
from training.dataset import Item
from training.fit import fit
from training.pairs import select


def _item(k: int, n: int, answer_at: int | None) -> Item:
    labels = np.zeros(n, dtype=np.int8)
    if answer_at is not None:
        labels[answer_at] = 1
    found = Candidates(list(range(n)), [f"sentence {k}.{i}" for i in range(n)],
                       np.random.default_rng(k).normal(size=(n, len(FEATURES))))
    question = EvalQuestion(f"q{k}", f"question {k}", answer_at is not None)
    return Item(f"group{k % 2}", question, cast(Any, None), found, labels, cast(Any, None))


def test_select_keeps_the_top_candidates_and_every_answer() -> None:
    item = _item(0, 5, answer_at=4)
    first = {0: np.array([0.1, 0.9, 0.5, 0.3, 0.0])}
    pairs = select([item], first, top=2)
    assert [(p.candidate, p.stage1_rank, p.label) for p in pairs] == [(1, 0, 0), (2, 1, 0), (4, 4, 1)]


def test_reread_columns_rank_unread_sentences_below_every_read_one() -> None:
    items = [_item(0, 4, answer_at=1), _item(1, 2, answer_at=None)]
    read = {(0, 0): 0.5, (0, 1): 2.0}  # question 1 was never re-read
    out = with_reread(items, read)
    first = out[0].found.matrix[:, -len(READ):]
    assert first[:, 0].tolist() == [0.5, 2.0, -0.5, -0.5]  # unread: just below the lowest read score
    assert first[:, 1].tolist() == [-1.5, 0.0, -2.5, -2.5]  # gap to the question's best
    assert first[:, 2].tolist() == [2.0] * 4
    assert out[1].found.matrix.shape == (2, len(FEATURES) + len(READ))
    assert items[0].found.matrix.shape[1] == len(FEATURES)  # the originals are left as they were


def test_fit_refuses_columns_without_names() -> None:
    items = with_reread([_item(k, 6, answer_at=k % 6) for k in range(8)], {})
    with pytest.raises(ValueError, match="names"):
        fit(items, 1.0)
    model = fit(items, 1.0, [*FEATURES, *READ])
    assert model.features[-len(READ):] == READ
