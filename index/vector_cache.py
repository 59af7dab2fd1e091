"""Vectors by content hash: encoding what is new, and reading a live index's vectors for reuse.

Every embedded text (chunk, sentence, the words around a figure) is keyed by its content hash. Builds keep
each article's vectors in its cache entry (``index.articles``); the live index's own vectors are read only
when an unchanged article has no usable entry (an index built before entries existed, or a deleted
cache), so upgrading never re-embeds a corpus. A change of model, chunking or file format invalidates
everything (the manifest records them).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index import store
from index.chunking import ChunkSpec, text_hash
from index.documents import Document
from index.embedding import EncoderProvider, token_counts
from index.figures import WINDOW_WORDS, Figure, window_around

log = logging.getLogger(__name__)

ENCODE_BATCH = 32  # ONNX on 2 cores: 8-32 texts per batch were equally fast, 64 about 8% slower
# stage name, items done, items total
ProgressCallback = Callable[[str, int, int], None]


@dataclass
class VectorCache:
    rows: dict[str, np.ndarray] = field(default_factory=dict)

    def get(self, key: str) -> np.ndarray | None:
        return self.rows.get(key)


def settings_key(model: str, spec: ChunkSpec) -> dict[str, Any]:
    """What the vectors depend on: any change re-embeds everything."""
    return {"model": model, "chunking": spec.to_dict(), "format": store.FORMAT_VERSION}


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        manifest: dict[str, Any] = json.loads((folder / store.MANIFEST).read_text(encoding="utf-8"))
        return manifest
    except (OSError, ValueError):
        return None


def _vectors(path: Path) -> np.ndarray:
    return np.load(path, mmap_mode="r", allow_pickle=False)


def _remember(cache: VectorCache, keys: list[str], vectors: np.ndarray) -> None:
    for key, vec in zip(keys, vectors, strict=True):
        cache.rows[key] = np.array(vec)


def load_cache(live: Path | None, model: str, spec: ChunkSpec) -> tuple[VectorCache, dict[str, Any] | None]:
    """The live build's vectors by content hash, and its manifest; empty when they can't be reused."""
    if live is None:
        return VectorCache(), None
    try:
        manifest = json.loads((live / store.MANIFEST).read_text(encoding="utf-8"))
        if {k: manifest.get(k) for k in ("model", "chunking", "format")} != settings_key(model, spec):
            log.info("model or chunking changed since the last build: every chunk is embedded again")
            return VectorCache(), manifest
        cache = VectorCache()
        chunk_rows = store.read_jsonl(live / store.CHUNKS)
        chunk_vecs = _vectors(live / store.CHUNK_VECTORS)
        _remember(cache, [row["hash"] for row in chunk_rows], chunk_vecs)  # hashed when it was built
        docs = [Document.from_dict(d) for d in store.read_jsonl(live / store.DOCS)]
        spans = np.load(live / store.SENTENCES, allow_pickle=False)
        sentences = [docs[int(d)].text[int(s) : int(e)] for d, s, e in spans]
        _remember(cache, [text_hash(t) for t in sentences], _vectors(live / store.SENTENCE_VECTORS))
        if (live / store.FIGURES).exists():
            windows = [
                window_around(sentences[int(row)], Figure(0.0, sentences[int(row)][s:e], int(s), int(e)),
                              WINDOW_WORDS)
                for row, s, e in np.load(live / store.FIGURES, allow_pickle=False)
            ]
            _remember(cache, [text_hash(w) for w in windows], _vectors(live / store.FIGURE_VECTORS))
        return cache, manifest
    except (OSError, ValueError, KeyError, IndexError, json.JSONDecodeError) as exc:
        log.warning("cannot reuse vectors from %s (%s): embedding everything", live, exc)
        return VectorCache(), None


def encode_missing(
    missing: dict[str, str], encoder_provider: EncoderProvider, progress: ProgressCallback | None
) -> dict[str, np.ndarray]:
    """Vectors of the texts in ``missing`` (hash -> text), each encoded once; the model loads only if any."""
    fresh: dict[str, np.ndarray] = {}
    if not missing:
        return fresh
    if progress:  # before the model loads: the stage and its count show at once
        progress("embedding", 0, len(missing))
    encoder = encoder_provider()
    # Longest first: batches of similar length waste less padding, and the ETA starts pessimistic. In tokens
    # when the encoder counts them (each call below sorts only its own part).
    lengths = dict(zip(missing, token_counts(encoder, list(missing.values())), strict=True))
    items = sorted(missing.items(), key=lambda kv: lengths[kv[0]], reverse=True)
    step = ENCODE_BATCH * 4  # the encoder batches inside; this is how often progress is reported
    for i in range(0, len(items), step):
        part = items[i : i + step]
        vecs = encoder.encode([t for _, t in part], batch_size=ENCODE_BATCH)
        for (key, _), vec in zip(part, vecs, strict=True):
            fresh[key] = vec
        if progress:
            progress("embedding", min(i + step, len(items)), len(items))
    return fresh
