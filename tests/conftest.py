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

from index import store
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, Encoder, EncoderProvider, SentenceTransformerEncoder
from tests.news_site import news_site  # noqa: F401  (a fixture: the fictional news site on 127.0.0.1)

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _hermetic_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test starts from the settings' defaults, whatever the caller's shell, ``.env`` or directory hold.

    A CI with unset secrets exports ``DISCORD_TOKEN=`` and the like; a developer may have real tokens or a
    ``.env`` in the checkout. Every variable that ``Settings`` reads is removed (pydantic-settings matches
    names case-insensitively, so any spelling is), and each test runs in an empty directory, so no ``.env``
    is found unless the test writes one. Tests set what they need with ``monkeypatch`` or arguments.

    Proxy variables go too (``HTTPS_PROXY``, ``http_proxy``, ``ALL_PROXY``, ``WS_PROXY``, ``NO_PROXY``, any
    ``*_proxy``): slack_sdk sends every call through ``HTTPS_PROXY``/``HTTP_PROXY`` and, unlike curl, ignores
    ``NO_PROXY``, so a developer's proxy took the stub servers' 127.0.0.1 traffic and tests failed.
    """
    from bot.settings import Settings

    fields = {name.lower() for name in Settings.model_fields}
    for key in list(os.environ):
        if key.lower() in fields or key.lower().endswith("_proxy"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


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


@pytest.fixture
def built_copy(corpus_copy: Path, seed_index_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(corpus, index_dir): a writable corpus copy with its own already-built index, made by copying the
    session's seed build instead of embedding again. Incremental builds from here reuse every vector."""
    live = seed_index_dir.resolve()
    index_dir = tmp_path / "index"
    target = tmp_path / "index.builds" / live.name
    shutil.copytree(live, target)
    index_dir.symlink_to(target, target_is_directory=True)
    # The model's ONNX exports too (linked, as builds link them): as on a machine that built before.
    shutil.copytree(store.encoders_dir(seed_index_dir), store.encoders_dir(index_dir), copy_function=os.link,
                    ignore=shutil.ignore_patterns(".lock"))
    return corpus_copy, index_dir
