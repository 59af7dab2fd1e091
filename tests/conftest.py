"""Shared fixtures: one real encoder and one real index of the seed corpus per test session.

Loading the model takes seconds and building the seed index a few more, so both are session-scoped;
tests that modify an index copy the corpus into their own tmp folder and build there.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from index.builder import build_index  # noqa: E402
from index.embedding import DEFAULT_MODEL, Encoder, EncoderProvider, SentenceTransformerEncoder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    return SentenceTransformerEncoder(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def encoder_provider(encoder: Encoder) -> EncoderProvider:
    return lambda: encoder


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Path:
    """A read-only index of the shipped corpus. Do not modify it; copy the corpus instead."""
    index_dir = tmp_path_factory.mktemp("seed") / "index"
    build_index(SEED_CORPUS, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    return index_dir


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Iterator[Path]:
    """A private, writable copy of the shipped corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, target)
    yield target
