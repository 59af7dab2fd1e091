"""Exporting the embedding model to ONNX once per build, so questions are encoded without torch.

The export lives in the build folder (``query_encoder/``: ``model.onnx``, ``tokenizer.json`` and
``encoder.json``). A query process then needs only onnxruntime and tokenizers: no torch, transformers or
sentence-transformers import, which is most of a cold start. Only the plain sentence-transformers layout
(transformer, mean pooling, optional normalisation) is exported; anything else stays on torch.

The export is checked against the torch model on probe texts before it is kept; a later build with the
same model links the previous export instead of exporting again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import warnings
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

QUERY_ENCODER_DIR = "query_encoder"
META = "encoder.json"
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
EXPORT_VERSION = 1
OPSET = 17
# "onnx" is the float32 graph (same vectors as torch to 1e-6); "onnx-int8" adds per-channel dynamic int8
# weights (question vectors within cosine ~0.99 of torch). Builds ship int8: it encodes a question in half the
# time with the same dev-set score (bench/RESULTS.md). Only questions use the export; article vectors always
# come from the model itself.
VARIANTS = ("onnx", "onnx-int8")
DEFAULT_VARIANT = "onnx-int8"
# Minimum cosine between the export and torch on the probe texts.
MIN_COSINE = {"onnx": 0.9999, "onnx-int8": 0.97}
_PROBES = (
    "How many accounts were ordered blocked?",
    "Twitter said it would not take action on accounts of journalists, activists and politicians.",
    "short",
)


class UnsupportedModel(ValueError):
    """The model is not the plain transformer + mean pooling layout this exporter handles."""


def read_meta(folder: Path) -> dict[str, Any] | None:
    try:
        meta: dict[str, Any] = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("export_version") != EXPORT_VERSION or not (folder / meta.get("file", MODEL_FILE)).exists():
        return None
    return meta


def model_fingerprint(model_path: str) -> str:
    """Cheap identity of a local model folder: its small config files' contents and weight file sizes."""
    root = Path(model_path)
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if path.suffix in (".json", ".txt") and path.stat().st_size < 4_000_000:
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
        elif path.suffix in (".safetensors", ".bin"):
            digest.update(f"{rel}\0{path.stat().st_size}\0".encode())
    return digest.hexdigest()[:32]


def _layout(model_path: str) -> tuple[int, bool]:
    """(max_seq_length, normalize) of a plain mean-pooling sentence-transformers folder."""
    root = Path(model_path)
    modules = json.loads((root / "modules.json").read_text(encoding="utf-8"))
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


def export_query_encoder(model: str, out_dir: Path, variant: str = DEFAULT_VARIANT) -> dict[str, Any]:
    """Export ``model`` into ``out_dir`` and verify it; returns the metadata written to ``encoder.json``."""
    from index.embedding import OnnxEncoder, offline_env, resolve_model_path

    offline_env()
    import numpy as np
    import torch
    from transformers import AutoModel

    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    path = resolve_model_path(model)
    max_len, normalize = _layout(path)
    out_dir.mkdir(parents=True, exist_ok=True)
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
    shutil.copyfile(Path(path) / TOKENIZER_FILE, out_dir / TOKENIZER_FILE)
    # The torch reference is computed before exporting: tracing leaves the module unfit to run again.
    with torch.no_grad():
        probes = _probe_inputs(out_dir / TOKENIZER_FILE, max_len)
        ref = _Pooled()(*(torch.from_numpy(probes[n]) for n in names)).numpy()
    fp32 = out_dir / ("model-fp32.onnx" if variant != "onnx" else MODEL_FILE)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Pooled(), dummy, str(fp32), input_names=names, output_names=["embedding"],
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "embedding": {0: "batch"}},
            opset_version=OPSET, dynamo=False,
        )
    if variant == "onnx-int8":
        from onnxruntime.quantization import QuantType, quantize_dynamic

        root = logging.getLogger()
        level = root.level
        root.setLevel(max(level, logging.ERROR))  # the quantizer logs each tensor at INFO, advice at WARNING
        try:
            quantize_dynamic(str(fp32), str(out_dir / MODEL_FILE), weight_type=QuantType.QInt8, per_channel=True)
        finally:
            root.setLevel(level)
        fp32.unlink()
    meta = {
        "model": model, "fingerprint": model_fingerprint(path), "variant": variant,
        "export_version": EXPORT_VERSION, "file": MODEL_FILE, "max_seq_length": max_len,
        "dimension": int(hf.config.hidden_size), "inputs": names,
    }
    (out_dir / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    # Keep the export only if it embeds like the torch model it came from.
    got = OnnxEncoder(out_dir).encode(list(_PROBES))
    ref = ref / np.linalg.norm(ref, axis=1, keepdims=True)
    cosine = float((got * ref).sum(axis=1).min())
    if cosine < MIN_COSINE[variant]:
        raise ValueError(f"ONNX export disagrees with torch (cosine {cosine:.5f})")
    log.info("exported %s query encoder for %s (probe cosine %.6f)", variant, model, cosine)
    return meta


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for item in src.iterdir():
        if item.is_file():
            try:
                os.link(item, dst / item.name)  # builds share the file: no copy, no extra disk
            except OSError:
                shutil.copy2(item, dst / item.name)


def prepare_query_encoder(model: str, build_dir: Path, previous: Path | None,
                          variant: str = DEFAULT_VARIANT) -> str:
    """Put an ONNX query encoder into ``build_dir``; returns the manifest's ``query_encoder`` value.

    Reuses ``previous``'s export when it was made from the same model files; never raises: a failed export
    logs a warning and the index is served with the torch encoder.
    """
    target = build_dir / QUERY_ENCODER_DIR
    try:
        from index.embedding import resolve_model_path

        fingerprint = model_fingerprint(resolve_model_path(model))
        old = read_meta(previous / QUERY_ENCODER_DIR) if previous is not None else None
        if old and old.get("model") == model and old.get("fingerprint") == fingerprint \
                and old.get("variant") == variant:
            _link_or_copy(previous / QUERY_ENCODER_DIR, target)  # type: ignore[operator]
            return variant
        return str(export_query_encoder(model, target, variant)["variant"])
    except Exception as exc:  # any failure here must not fail the build
        log.warning("ONNX query encoder not exported (%s: %s); questions will use torch",
                    type(exc).__name__, exc)
        shutil.rmtree(target, ignore_errors=True)
        return "torch"
