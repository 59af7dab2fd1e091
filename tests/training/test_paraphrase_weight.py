"""``fit(..., paraphrase_weight=w)``: what a paraphrase's sentences count for against an original question's."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np

from training.fit import fit


def _item(matrix: np.ndarray, labels: np.ndarray, original: bool) -> Any:
    return SimpleNamespace(found=SimpleNamespace(matrix=matrix), labels=labels, original=original)


def test_a_paraphrase_weighted_zero_leaves_the_fit_as_without_it() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    y = (x[:, 0] + 0.3 * rng.normal(size=40) > 0).astype(np.int8)
    originals = [_item(x, y, True)]
    # The same sentences with every label flipped: the scaling is unchanged, only the weight decides.
    contrary = [*originals, _item(x, 1 - y, False)]
    alone = fit(originals, 1.0, ["a", "b"])
    assert np.allclose(fit(contrary, 1.0, ["a", "b"], paraphrase_weight=0.0).coef, alone.coef)
    halved = fit(contrary, 1.0, ["a", "b"], paraphrase_weight=0.5).coef
    assert 0 < halved[0] < alone.coef[0]  # counted, for less than the originals
