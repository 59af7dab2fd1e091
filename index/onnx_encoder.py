"""Reading an ONNX export of the embedding model (see ``index.onnx_export`` for writing one).

An export is a folder with ``model.onnx``, the model's ``tokenizer.json`` and ``encoder.json`` (what it
was made from). Encoding through it needs only onnxruntime and tokenizers: no torch, transformers or
sentence-transformers import, which is most of a cold start and most of a small build.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

QUERY_ENCODER_DIR = "query_encoder"
META = "encoder.json"
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
# Bump when what an export contains or how it is made changes: cached exports are then made again (and
# builds whose export is older encode questions with torch until they are rebuilt).
EXPORT_VERSION = 1


def read_meta(folder: Path) -> dict[str, Any] | None:
    """The export's metadata, or None when the folder is not a complete export of this version."""
    try:
        meta: dict[str, Any] = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("export_version") != EXPORT_VERSION or not (folder / meta.get("file", MODEL_FILE)).exists():
        return None
    return meta


class OnnxEncoder:
    """The exported model through onnxruntime and tokenizers.

    One intra-op thread by default: a single short question gains little from a second thread on a
    two-core machine (bench/RESULTS.md), and concurrent questions then run in parallel instead of
    contending. Builds ask for more.
    """

    def __init__(self, folder: Path, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        self.folder = folder
        self.model_name = str(meta["model"])
        self.variant = str(meta["variant"])
        self._dimension = int(meta["dimension"])
        self._tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        padding = self._tokenizer.padding or {}
        self._pad_id = int(padding.get("pad_id", 0))
        self._pad_type_id = int(padding.get("pad_type_id", 0))
        # Padded here, per batch, to the batch's longest text: the texts are tokenized once, before the
        # batches are formed (the model's tokenizer.json may pad every text to a fixed length).
        self._tokenizer.no_padding()
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

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        """Tokens the model reads of each text (truncated as it is): a batch costs its longest text's count
        times its size, so batches of near-equal counts waste the least on padding."""
        return [len(e.ids) for e in self._tokenizer.encode_batch(list(texts))]

    def tokenize(self, texts: list[str]) -> dict[str, np.ndarray]:
        return self._feeds(self._tokenizer.encode_batch(texts))

    def _feeds(self, encodings: Sequence[Any]) -> dict[str, np.ndarray]:
        """The model's inputs for one batch, padded to its longest text as the tokenizer would pad them."""
        width = max((len(e.ids) for e in encodings), default=0)
        ids = np.full((len(encodings), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        types = np.full((len(encodings), width), self._pad_type_id, dtype=np.int64)
        for row, e in enumerate(encodings):
            n = len(e.ids)
            ids[row, :n], mask[row, :n], types[row, :n] = e.ids, e.attention_mask, e.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        return {name: feeds[name] for name in self._inputs}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        # Batches of near-equal token counts: ordered by characters, a long article's batches held 11% more
        # tokens than its texts (bench/embed_speed.py).
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids), reverse=True)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            vectors = self._session.run(None, self._feeds([encodings[i] for i in rows]))[0]
            out[rows] = vectors
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.ascontiguousarray(out / np.maximum(norms, 1e-12), dtype=np.float32)
