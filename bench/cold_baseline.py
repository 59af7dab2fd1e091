"""The tutorial stack's cold path, run as its own process by ``bench.cold``: import, load the model and a
saved IndexFlatIP with its passages, answer one question."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import faiss

SAVED = Path(__file__).resolve().parent.parent / "var" / "bench" / "baseline"


def save(texts: list[str], index: faiss.Index) -> None:
    import faiss

    SAVED.mkdir(parents=True, exist_ok=True)
    faiss.write_index(index, str(SAVED / "flat.index"))
    (SAVED / "passages.json").write_text(json.dumps(texts), encoding="utf-8")


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import faiss
    from sentence_transformers import SentenceTransformer

    from index.embedding import DEFAULT_MODEL, resolve_model_path

    model = SentenceTransformer(resolve_model_path(DEFAULT_MODEL), device="cpu")
    index = faiss.read_index(str(SAVED / "flat.index"))
    texts = json.loads((SAVED / "passages.json").read_text(encoding="utf-8"))
    vector = model.encode([sys.argv[1]], normalize_embeddings=True, convert_to_numpy=True)
    _, rows = index.search(vector, 1)
    print(texts[int(rows[0][0])])


if __name__ == "__main__":
    main()
