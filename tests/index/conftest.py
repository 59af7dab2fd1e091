"""Encoders for build tests: the real model, wrapped to count or to fail like a crashing worker would."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

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


def wait_for_marker(child: subprocess.Popen[bytes], marker: Path, exited_first: str) -> None:
    """Until ``child`` writes ``marker``: it has reached the point a crash test kills it at. Fails with
    ``exited_first`` when the child ends before that, and after two minutes."""
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert child.poll() is None, exited_first
        assert time.monotonic() < deadline
        time.sleep(0.05)
