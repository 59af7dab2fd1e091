from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from index.builder import build_index
from index.embedding import DEFAULT_MODEL, Encoder, EncoderProvider, lazy_encoder
from retrieval.engine import Engine
from retrieval.loaded import LoadedIndex, load_index
from retrieval.timeline import build_timeline
from retrieval.types import Timeline


@pytest.fixture(scope="session")
def seed_engine(seed_index_dir: Path, encoder_provider: EncoderProvider) -> Engine:
    return Engine(seed_index_dir, encoder_provider)


@pytest.fixture(scope="session")
def shipped_engine(seed_index_dir: Path) -> Engine:
    """The engine as the bot runs it: questions encoded by the index's ONNX export (``seed_engine`` encodes
    them with sentence-transformers, which answered "what were the 1178 accounts accused of?" before the bot
    did)."""
    return Engine(seed_index_dir, lazy_encoder(DEFAULT_MODEL, seed_index_dir))


def index_of(articles: dict[str, str], folder: Path, encoder_provider: EncoderProvider) -> LoadedIndex:
    """A real index of a few made-up articles (file name to text), built in ``folder``."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    build_index(corpus, folder / "index", model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    return load_index(folder / "index")


def module_index(articles: dict[str, str], name: str) -> Callable[..., LoadedIndex]:
    """A module's fixture: the index of ``articles`` (``index_of``), built once for the module's tests."""
    @pytest.fixture(scope="module")
    def index(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> LoadedIndex:
        return index_of(articles, tmp_path_factory.mktemp(name), encoder_provider)
    return index


def topic_timeline(index: LoadedIndex, encoder: Encoder, topic: str) -> Timeline:
    """The timeline ``/timeline topic`` gives: the topic encoded, as the engine does, for its meaning."""
    return build_timeline(index, topic, encoder.encode([topic])[0])


def dates_for(index: LoadedIndex, encoder: Encoder, topic: str) -> list[str]:
    """The days of ``topic``'s timeline, in its order."""
    return [e.date for e in topic_timeline(index, encoder, topic).events]
