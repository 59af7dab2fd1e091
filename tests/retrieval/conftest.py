from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import EncoderProvider
from retrieval.engine import Engine


@pytest.fixture(scope="session")
def seed_engine(seed_index_dir: Path, encoder_provider: EncoderProvider) -> Engine:
    return Engine(seed_index_dir, encoder_provider)
