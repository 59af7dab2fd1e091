"""Each build records its files' sizes and checksums; damage is told by them (``index.file_check``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from index import file_check, store
from index.builder import UNREADABLE, build_index
from index.embedding import DEFAULT_MODEL, Encoder
from index.file_check import Damage, damaged
from retrieval.loaded import IndexLoadError, load_index
from tests.index.conftest import CountingEncoder


def _live(index_dir: Path) -> tuple[Path, dict[str, Any]]:
    live = store.live_dir(index_dir)
    assert live is not None
    return live, json.loads((live / store.MANIFEST).read_text())


def _flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_build_records_every_file_it_wrote(built_copy: tuple[Path, Path]) -> None:
    _, index_dir = built_copy
    live, manifest = _live(index_dir)
    files = manifest[file_check.FILES]
    assert {store.FAISS, store.DOCS, "query_encoder/model.onnx"} <= set(files)
    assert any(name.startswith(f"{store.BM25}/") for name in files) and store.MANIFEST not in files
    assert files[store.FAISS] == {"bytes": (live / store.FAISS).stat().st_size,
                                  "crc32": file_check.crc32(live / store.FAISS)}
    assert damaged(live, manifest, checksums=True) == []


def test_truncated_missing_and_rewritten_files_are_told(built_copy: tuple[Path, Path]) -> None:
    """Sizes find a truncated file and a deleted folder (once, not once per file in it); only checksums find
    a file of the right size with other bytes."""
    _, index_dir = built_copy
    live, manifest = _live(index_dir)
    size = (live / store.FAISS).stat().st_size
    with (live / store.FAISS).open("r+b") as fh:
        fh.truncate(100)
    shutil.rmtree(live / store.BM25)
    _flip_last_byte(live / store.SENTENCE_VECTORS)
    found = damaged(live, manifest)
    assert found == [Damage(store.BM25, "is missing"),
                     Damage(store.FAISS, f"is 100 bytes; the build wrote {size:,}")]
    rewritten = [d.file for d in damaged(live, manifest, checksums=True)]
    assert rewritten == [store.BM25, store.FAISS, store.SENTENCE_VECTORS]


def test_an_index_built_before_files_were_recorded_is_checked_for_missing_ones(
        built_copy: tuple[Path, Path]) -> None:
    """Its manifest names no sizes: only the files every build holds are looked for."""
    _, index_dir = built_copy
    live, manifest = _live(index_dir)
    del manifest[file_check.FILES]
    assert not file_check.recorded(manifest)
    _flip_last_byte(live / store.FAISS)  # can't be told without a recorded checksum
    assert damaged(live, manifest, checksums=True) == []
    (live / store.TERMS).unlink()
    (live / store.FIGURE_VECTORS).unlink()  # needed beside figures.npy
    assert [d.file for d in damaged(live, manifest)] == [store.TERMS, store.FIGURE_VECTORS]


def test_an_update_over_a_damaged_live_index_is_built_in_full(built_copy: tuple[Path, Path],
                                                               encoder: Encoder) -> None:
    """With articles changed, an update reused the live index's vectors for articles it had no cached entry
    for, and failed on a truncated vectors file (or copied damage into the next build)."""
    corpus, index_dir = built_copy
    live, _ = _live(index_dir)
    with (live / store.CHUNK_VECTORS).open("r+b") as fh:
        fh.truncate(200)
    (corpus / "fictional.md").write_text("---\ntitle: A fictional note\ndate: 2021-02-11\n---\nA fictional "
                                         "ministry spokesperson said the review of the listed accounts would "
                                         "take another week.\n", encoding="utf-8")
    enc = CountingEncoder(encoder)
    report = build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: enc).to_dict()
    assert report["full_because"] == UNREADABLE and report["reused_chunks"] == 0 and enc.encoded > 0
    assert store.live_dir(index_dir) != live and len(load_index(index_dir).docs) == 5


def test_the_loader_refuses_a_file_of_the_right_size_with_other_bytes(built_copy: tuple[Path, Path]) -> None:
    """Sizes let a flipped byte through to be served (a misquoted article, vectors ranking other passages);
    only ``index status --verify`` told it. The loader compares checksums too."""
    _, index_dir = built_copy
    live, _ = _live(index_dir)
    _flip_last_byte(live / store.DOCS)
    with pytest.raises(IndexLoadError) as refused:
        load_index(index_dir)
    assert refused.value.path == live / store.DOCS and "its checksum differs" in refused.value.problem
