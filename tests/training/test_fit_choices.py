"""The decline threshold and the pairing share are chosen on held-out rows (``training.fit.choose``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import numpy as np

from training.fit import PAIR_COST, PAIR_GRID, Row, choose_pair_ratio


def _row(best: float, answerable: bool, holds: dict[float, bool], paired: dict[float, bool],
         group: str = "article") -> Row:
    found = SimpleNamespace(best=lambda probs: float(np.max(probs)))
    item = cast(Any, SimpleNamespace(question=SimpleNamespace(answerable=answerable), group=group, found=found))
    every = {r: holds.get(r, False) for r in PAIR_GRID}
    return Row(item, np.array([best]), every, {r: paired.get(r, False) for r in PAIR_GRID})


def _pairs_below(share: float) -> dict[float, bool]:
    return {r: r <= share for r in PAIR_GRID}


def test_pairing_is_chosen_where_it_gains_answers_worth_the_longer_ones() -> None:
    # The runner-up holds the fact in one answer in four when paired from a share of 0.5 down; below 0.5 it
    # pairs far more answers, with no more facts.
    gained = [_row(0.6, True, {r: r <= 0.5 for r in PAIR_GRID}, _pairs_below(0.5))]
    padded = [_row(0.6, True, {}, _pairs_below(0.5)) for _ in range(3)]
    crowd = [_row(0.6, False, {}, _pairs_below(0.4)) for _ in range(20)]
    assert choose_pair_ratio([*gained, *padded, *crowd], threshold=0.35) == 0.5


def test_no_pairing_when_it_only_lengthens_answers() -> None:
    rows = [_row(0.6, True, {r: True for r in PAIR_GRID}, _pairs_below(0.9)) for _ in range(5)]
    assert choose_pair_ratio(rows, threshold=0.35) == 1.0


def test_only_answers_given_and_on_topic_count() -> None:
    # Pairs under the threshold (declined) or on off-topic questions (always declined) cost nothing.
    gained = [_row(0.6, True, {r: r <= 0.3 for r in PAIR_GRID}, _pairs_below(0.3))]
    unseen = [_row(0.2, False, {}, _pairs_below(0.9)) for _ in range(30)]
    off = [_row(0.9, False, {}, _pairs_below(0.9), group="offtopic/1") for _ in range(30)]
    assert choose_pair_ratio([*gained, *unseen, *off], threshold=0.35) == 0.3
    assert PAIR_COST < 1.0
