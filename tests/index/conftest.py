"""Encoders for build tests: the real model, wrapped to count or to fail like a crashing worker would."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.embedding import Encoder


class CountingEncoder:
    """The real encoder, counting how many texts it was asked to embed."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.encoded = 0

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        self.encoded += len(texts)
        return self.inner.encode(texts, batch_size)


class FailingEncoder(CountingEncoder):
    """Fails after ``after`` texts, as an out-of-memory kill or a broken model would mid-build."""

    def __init__(self, inner: Encoder, after: int) -> None:
        super().__init__(inner)
        self.after = after

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if self.encoded + len(texts) > self.after:
            raise RuntimeError("encoder crashed")
        return super().encode(texts, batch_size)
