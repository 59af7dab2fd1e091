"""The answer model file: features in, probabilities out, and a clear error for a damaged file."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from retrieval import ranker
from retrieval.features import FEATURES
from retrieval.ranker import AnswerModel


def _model(**over: object) -> AnswerModel:
    data = {"features": ["a", "b"], "mean": [1.0, 0.0], "scale": [2.0, 1.0], "coef": [1.0, -1.0],
            "intercept": 0.0, "threshold": 0.5, **over}
    return AnswerModel.from_dict(data)


def test_probabilities_follow_the_standardised_weights_and_ignore_unused_columns() -> None:
    model = _model()
    matrix = np.array([[3.0, 0.0, 99.0], [1.0, 2.0, -99.0]])
    probs = model.probabilities(matrix, ["a", "b", "unused"])
    assert probs == pytest.approx([1 / (1 + np.exp(-1.0)), 1 / (1 + np.exp(2.0))])


def test_columns_are_matched_by_name_not_position() -> None:
    model = _model()
    swapped = model.probabilities(np.array([[0.0, 3.0]]), ["b", "a"])
    assert swapped == pytest.approx(model.probabilities(np.array([[3.0, 0.0]]), ["a", "b"]))


def test_a_missing_feature_or_mismatched_lengths_are_errors() -> None:
    with pytest.raises(ValueError, match="lack"):
        _model().probabilities(np.zeros((1, 1)), ["a"])
    with pytest.raises(ValueError, match="one value per feature"):
        _model(coef=[1.0])


def test_round_trip_through_the_text_file(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    ranker.save(_model(), path)
    again = ranker.load(path)
    assert again.features == ("a", "b") and again.threshold == 0.5
    assert json.loads(path.read_text())["coef"] == [1.0, -1.0]


def test_the_shipped_weights_use_only_features_the_code_computes() -> None:
    model = ranker.load(ranker.WEIGHTS)
    assert set(model.features) <= set(FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert model.meta.get("held_out"), "the held-out figures travel with the weights"


def test_the_columns_are_matched_once_for_every_question() -> None:
    """Every question's candidates have the same columns: where the model's features sit is worked out once."""
    model = _model()
    ranker._columns.cache_clear()
    for rows in ([[3.0, 0.0]], [[1.0, 2.0], [0.0, 0.0]], [[5.0, 5.0]]):
        model.probabilities(np.array(rows), ["a", "b"])
    assert ranker._columns.cache_info().misses == 1
