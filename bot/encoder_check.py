"""The live index's ONNX query encoder, checked at start like the index's other files. The loader leaves it out
(a broken export falls back to the model), so a truncated ``query_encoder/model.onnx`` was neither rebuilt nor
refused: every start warned, in the middle of the chat's prompt, and loaded torch, while ``index status`` called
the index damaged."""

from __future__ import annotations

from pathlib import Path

from index import file_check, store
from index.onnx_encoder import QUERY_ENCODER_DIR
from index.vector_cache import read_manifest
from retrieval.loaded import IndexLoadError


def _encoder_file(name: str) -> bool:
    return name.startswith(f"{QUERY_ENCODER_DIR}/")


def encoder_damage(index_dir: Path) -> IndexLoadError | None:
    """The first query encoder file not as the build wrote it (checksums too: 10 ms for its 22 MB), as the
    loader's error for a damaged file, so start-up repairs it the same way; None when intact or not recorded."""
    live = store.live_dir(index_dir)
    manifest = read_manifest(live) if live is not None else None
    if live is None or manifest is None:
        return None
    found = file_check.damaged(live, manifest, checksums=True, wanted=_encoder_file)
    return IndexLoadError(live / found[0].file, found[0].problem) if found else None
