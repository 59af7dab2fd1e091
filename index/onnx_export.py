"""Exporting the embedding model to ONNX (made once per model: ``index.encoder_cache`` keeps the result).

Two variants come from one export: ``onnx`` is the float32 graph, the model's own vectors within float
error, which builds use to embed articles without torch; ``onnx-int8`` adds per-channel dynamic int8
weights (question vectors within cosine ~0.99 of torch), which encodes a question in half the time with the
same dev-set score (bench/RESULTS.md), so builds ship it as the query encoder. Reading an export is
``index.onnx_encoder``; only the plain sentence-transformers layout (transformer, mean pooling, optional
normalisation) is exported, anything else stays on torch.

Each variant is checked against the torch model on probe texts before it is kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import warnings
from pathlib import Path
from typing import Any

from index.model_files import model_fingerprint, offline_env, resolve_model_path
from index.onnx_encoder import (
    EXPORT_VERSION,
    META,
    MODEL_FILE,
    QUERY_ENCODER_DIR,
    TOKENIZER_FILE,
    OnnxEncoder,
    read_meta,
)

__all__ = ["DEFAULT_VARIANT", "MIN_COSINE", "QUERY_ENCODER_DIR", "VARIANTS", "UnsupportedModel", "export_model",
           "export_query_encoder", "file_digest", "model_fingerprint", "read_meta"]

log = logging.getLogger(__name__)

OPSET = 17
VARIANTS = ("onnx", "onnx-int8")
DEFAULT_VARIANT = "onnx-int8"
# The variant articles are embedded with: their vectors must be the model's.
DOCUMENT_VARIANT = "onnx"
# Minimum cosine between the export and torch on the probe texts.
MIN_COSINE = {"onnx": 0.9999, "onnx-int8": 0.97}
_PROBES = (
    "How many accounts were ordered blocked?",
    "Twitter said it would not take action on accounts of journalists, activists and politicians.",
    "short",
)


class UnsupportedModel(ValueError):
    """The model is not the plain transformer + mean pooling layout this exporter handles."""


def file_digest(path: Path) -> str:
    """sha256 of an exported graph, kept in its metadata so a full build can tell a damaged copy."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _layout(model_path: str) -> tuple[int, bool]:
    """(max_seq_length, normalize) of a plain mean-pooling sentence-transformers folder."""
    root = Path(model_path)
    try:
        modules = json.loads((root / "modules.json").read_text(encoding="utf-8"))
    except OSError as exc:
        raise UnsupportedModel(f"no sentence-transformers folder at {model_path}") from exc
    types = [m["type"].rsplit(".", 1)[-1] for m in modules]
    if types not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise UnsupportedModel(f"modules {types}")
    pooling = json.loads((root / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
    modes = [k for k, v in pooling.items() if k.startswith("pooling_mode") and v]
    if modes != ["pooling_mode_mean_tokens"]:
        raise UnsupportedModel(f"pooling {modes}")
    if not (root / TOKENIZER_FILE).exists():
        raise UnsupportedModel("no tokenizer.json")
    config = json.loads((root / "sentence_bert_config.json").read_text(encoding="utf-8"))
    return int(config.get("max_seq_length") or 256), len(types) == 3


def _probe_inputs(tokenizer_file: Path, max_len: int) -> dict[str, Any]:
    import numpy as np
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.enable_padding(pad_id=int((tokenizer.padding or {}).get("pad_id", 0)))
    tokenizer.enable_truncation(max_len)
    encodings = tokenizer.encode_batch(list(_PROBES))
    return {
        "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
    }


def export_model(model: str, out_dirs: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """Export ``model`` once and write each requested variant into its folder, each verified against torch;
    returns the metadata written to each ``encoder.json``. The one place that loads torch to export."""
    offline_env()
    import numpy as np
    import torch
    from transformers import AutoModel

    unknown = set(out_dirs) - set(VARIANTS)
    if unknown:
        raise ValueError(f"unknown variants {sorted(unknown)}")
    path = resolve_model_path(model)
    max_len, normalize = _layout(path)
    for folder in out_dirs.values():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(path) / TOKENIZER_FILE, folder / TOKENIZER_FILE)
    # Eager attention traces to plain ops; an all-ones dummy mask could let a fused kernel drop the mask.
    hf = AutoModel.from_pretrained(path, attn_implementation="eager").eval()

    class _Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.hf = hf

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                    token_type_ids: torch.Tensor) -> torch.Tensor:
            hidden = self.hf(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1) if normalize else pooled

    names = ["input_ids", "attention_mask", "token_type_ids"]
    dummy_mask = torch.ones(2, 8, dtype=torch.long)
    dummy_mask[1, 5:] = 0
    dummy = (torch.full((2, 8), 100, dtype=torch.long), dummy_mask, torch.zeros(2, 8, dtype=torch.long))
    first = next(iter(out_dirs.values()))
    # The torch reference is computed before exporting: tracing leaves the module unfit to run again.
    with torch.no_grad():
        probes = _probe_inputs(first / TOKENIZER_FILE, max_len)
        ref = _Pooled()(*(torch.from_numpy(probes[n]) for n in names)).numpy()
    ref = ref / np.linalg.norm(ref, axis=1, keepdims=True)
    fp32 = out_dirs["onnx"] / MODEL_FILE if "onnx" in out_dirs else first / "model-fp32.onnx"
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Pooled(), dummy, str(fp32), input_names=names, output_names=["embedding"],
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "embedding": {0: "batch"}},
            opset_version=OPSET, dynamo=False,
        )
    if "onnx-int8" in out_dirs:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        root = logging.getLogger()
        level = root.level
        root.setLevel(max(level, logging.ERROR))  # the quantizer logs each tensor at INFO, advice at WARNING
        try:
            quantize_dynamic(str(fp32), str(out_dirs["onnx-int8"] / MODEL_FILE), weight_type=QuantType.QInt8,
                             per_channel=True)
        finally:
            root.setLevel(level)
    if fp32.name != MODEL_FILE:
        fp32.unlink()
    metas = {}
    for variant, folder in out_dirs.items():
        meta = {
            "model": model, "fingerprint": model_fingerprint(path), "variant": variant,
            "export_version": EXPORT_VERSION, "file": MODEL_FILE, "max_seq_length": max_len,
            "dimension": int(hf.config.hidden_size), "inputs": names,
            "sha256": file_digest(folder / MODEL_FILE),
        }
        (folder / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        # Keep the export only if it embeds like the torch model it came from.
        got = OnnxEncoder(folder).encode(list(_PROBES))
        cosine = float((got * ref).sum(axis=1).min())
        if cosine < MIN_COSINE[variant]:
            raise ValueError(f"ONNX export ({variant}) disagrees with torch (cosine {cosine:.5f})")
        log.info("exported %s encoder for %s (probe cosine %.6f)", variant, model, cosine)
        metas[variant] = meta
    return metas


def export_query_encoder(model: str, out_dir: Path, variant: str = DEFAULT_VARIANT) -> dict[str, Any]:
    """Export one variant of ``model`` into ``out_dir`` (see ``export_model``)."""
    return export_model(model, {variant: out_dir})[variant]
