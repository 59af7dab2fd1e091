"""An encoder for builds run in a child process that a test kills: random unit vectors of the real model's width.
Loading the real model in the child would only make the test slower; what is killed is the build, not the model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class StandInEncoder:
    dimension = 384

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        rng = np.random.default_rng(len(texts))
        v = rng.standard_normal((len(texts), self.dimension)).astype("float32")
        return v / np.linalg.norm(v, axis=1, keepdims=True)
