"""Sentence embeddings: which encoder embeds what, and the one place that knows about sentence-transformers.

Questions are encoded by the live index's ONNX query encoder (``lazy_encoder``), articles by the model's
float32 ONNX export (``document_encoder``); both fall back to sentence-transformers, which also remains the
reference the exports are checked against.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from index.disk_full import raise_if_full
from index.model_files import DEFAULT_MODEL, ModelNotFound, offline_env, require_model, resolve_model_path
from index.onnx_encoder import QUERY_ENCODER_DIR, OnnxEncoder, read_meta

__all__ = ["DEFAULT_MODEL", "Encoder", "EncoderProvider", "ModelNotFound", "OnnxEncoder",
           "SentenceTransformerEncoder", "document_encoder", "lazy_encoder", "offline_env", "onnx_export_for",
           "require_model", "resolve_model_path", "token_counts"]

log = logging.getLogger(__name__)



class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows."""

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray: ...


class SentenceTransformerEncoder:
    def __init__(self, model: str, device: str = "cpu") -> None:
        offline_env()
        from sentence_transformers import SentenceTransformer

        path = require_model(model)
        self.model_name = model
        try:
            self._model = SentenceTransformer(path, device=device)
        except (OSError, ValueError) as exc:  # files missing (OSError) or not a model transformers knows
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelNotFound(model, f"its files cannot be loaded ({first})") from exc
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


@runtime_checkable
class CountsTokens(Protocol):
    """An encoder that can tell how many tokens it would read of each text without encoding them."""

    def token_counts(self, texts: Sequence[str]) -> list[int]: ...


def token_counts(encoder: Encoder, texts: Sequence[str]) -> list[int]:
    """What each text costs ``encoder``: its tokens when the encoder counts them, else its characters."""
    if isinstance(encoder, CountsTokens):
        return encoder.token_counts(texts)
    return [len(t) for t in texts]


def onnx_export_for(index_dir: Path, model: str | None) -> tuple[Path, dict[str, Any]] | None:
    """The live index's ONNX export when it was made from ``model`` (the model the index vectors came from);
    ``None``: from whichever model the index was built with."""
    from index import store

    live = store.live_dir(index_dir)
    if live is None:
        return None
    try:
        manifest = json.loads((live / store.MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    meta = read_meta(live / QUERY_ENCODER_DIR)
    built_with = manifest.get("model")
    if meta is None or meta.get("model") != built_with or (model is not None and built_with != model):
        return None
    return live / QUERY_ENCODER_DIR, meta


def lazy_encoder(model: str, index_dir: Path | None = None) -> EncoderProvider:
    """Load the model on first use only: a build that re-embeds nothing never loads it.

    With ``index_dir``, the ONNX export in the live index (made from the same model) is preferred, which
    keeps torch out of the process; without one, or if it cannot be loaded, sentence-transformers is used.
    A rebuild that publishes a new export is picked up on the next call; an unchanged export (linked from
    the previous build) keeps the loaded session.
    """
    lock = threading.Lock()
    loaded: dict[Any, Encoder] = {}
    state: dict[str, Any] = {"live": None, "key": None}

    def torch_encoder() -> Encoder:
        if "torch" not in loaded:
            log.info("loading embedding model %s (torch)", model)
            loaded["torch"] = SentenceTransformerEncoder(model)
        return loaded["torch"]

    def provide() -> Encoder:
        if index_dir is None:
            with lock:
                return torch_encoder()
        from index import store

        live = store.live_dir(index_dir)
        if live is not None and live == state["live"] and state["key"] in loaded:
            return loaded[state["key"]]
        with lock:
            live = store.live_dir(index_dir)  # a caller that waited here (warm-up and a first question) finds it loaded
            if live is not None and live == state["live"] and state["key"] in loaded:
                return loaded[state["key"]]
            found = onnx_export_for(index_dir, model)
            if found is None and (found := onnx_export_for(index_dir, None)) is not None:
                # The index was built with another model (the setting changed and the rebuild failed or is
                # still to come, or another replica built it): questions encoded with the configured model
                # would be compared with vectors of another, and nothing would match. Its own export keeps
                # answers right until the index is rebuilt.
                log.warning("the index was built with %s, not EMBEDDING_MODEL=%s: questions are encoded with the "
                            "index's model until it is rebuilt (dispute-bot index build)",
                            found[1].get("model"), model)
            key: Any = "torch"
            if found is not None:
                folder, meta = found
                key = (meta.get("fingerprint"), meta.get("variant"), meta.get("file"))
                if key not in loaded:
                    try:
                        loaded[key] = OnnxEncoder(folder)
                        log.info("query encoder: %s from %s", meta.get("variant"), folder)
                    except Exception as exc:  # a broken export must not stop questions being answered
                        log.warning("cannot load the ONNX query encoder in %s (%s); using torch", folder, exc)
                        key = "torch"
            if key == "torch":
                torch_encoder()
            state["live"], state["key"] = live, key
            return loaded[key]

    return provide


def _load_document_encoder(model: str, index_dir: Path, threads: int) -> Encoder:
    from index import store
    from index.encoder_cache import ensure_exports
    from index.onnx_export import DOCUMENT_VARIANT

    require_model(model)  # a model that is not there is that error, not a failed export and then a traceback
    try:
        folder = ensure_exports(model, store.encoders_dir(index_dir), (DOCUMENT_VARIANT,))[DOCUMENT_VARIANT]
        encoder = OnnxEncoder(folder, threads)
        log.info("embedding articles with the %s export in %s", DOCUMENT_VARIANT, folder)
        return encoder
    except Exception as exc:  # an unsupported model or a broken export: the model itself still works
        raise_if_full(exc)  # not the export's fault: the build stops with the disk's line, no torch warning
        log.warning("articles are embedded with torch: no usable ONNX export of %s (%s: %s)",
                    model, type(exc).__name__, exc)
        return SentenceTransformerEncoder(model)


def document_encoder(model: str, index_dir: Path, threads: int | None = None) -> EncoderProvider:
    """Embeds articles for builds of ``index_dir`` with the model's float32 ONNX export.

    Its vectors are the model's within float error (``tests/index/test_onnx.py``), without importing torch,
    which was most of the time of adding one article. The export is made once per model and kept next to
    the index (``index.encoder_cache``); the encoder loads on first use and stays loaded, so a bot's later
    builds find it warm. A model that can't be exported is used through sentence-transformers.
    """
    lock = threading.Lock()
    loaded: list[Encoder] = []
    count = threads or min(os.cpu_count() or 1, 4)

    def provide() -> Encoder:
        with lock:
            if not loaded:
                loaded.append(_load_document_encoder(model, index_dir, count))
            return loaded[0]

    return provide
