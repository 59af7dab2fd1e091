"""The answer model: features in, the probability that a sentence answers the question out.

A standardised logistic regression whose weights live in ``answer_model.json`` beside this file, written by
``make train`` (``training/fit.py``). Nothing here is fitted by hand: to change how answers are chosen,
change the features or the training questions and refit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

WEIGHTS = Path(__file__).with_name("answer_model.json")


@dataclass(frozen=True)
class AnswerModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float  # answer when the best sentence's probability reaches this (chosen on held-out data)
    meta: dict[str, Any]
    # The runner-up sentence joins the answer when its probability is at least this share of the best's: the
    # model can't tell which of the two answers (chosen on held-out data; 1.0 never pairs).
    pair_ratio: float = 1.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerModel:
        n = len(data["features"])
        mean, scale, coef = (np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "coef"))
        if any(a.shape != (n,) for a in (mean, scale, coef)):
            raise ValueError("answer model: mean, scale and coef must each have one value per feature")
        ratio = float(data.get("pair_ratio", 1.0))
        if not 0.0 < ratio <= 1.0:
            raise ValueError("answer model: pair_ratio must lie in (0, 1]")
        return cls(tuple(data["features"]), mean, scale, coef, float(data["intercept"]), float(data["threshold"]),
                   dict(data.get("meta", {})), ratio)

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features), "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(), "coef": self.coef.round(6).tolist(),
            "intercept": round(self.intercept, 6), "threshold": round(self.threshold, 4),
            "pair_ratio": round(self.pair_ratio, 4), "meta": self.meta,
        }

    def probabilities(self, matrix: np.ndarray, names: list[str]) -> np.ndarray:
        """One probability per row of ``matrix`` (columns named by ``names``); unused columns are ignored."""
        if not len(matrix):
            return np.zeros(0)
        x = matrix[:, _columns(self.features, tuple(names))].astype(np.float64)
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@lru_cache(maxsize=16)
def _columns(features: tuple[str, ...], names: tuple[str, ...]) -> list[int]:
    """Where each of the model's features sits among ``names``: the same two lists for every question."""
    position = {name: i for i, name in enumerate(names)}
    missing = [f for f in features if f not in position]
    if missing:
        raise ValueError(f"answer model needs features the candidates lack: {missing}")
    return [position[f] for f in features]


def save(model: AnswerModel, path: Path = WEIGHTS) -> None:
    path.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def load(path: Path = WEIGHTS) -> AnswerModel:
    return AnswerModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
