"""A full disk during a build: stopped with the disk's own error, no torch fallback or failed export remembered
before it, no half-written or zero-byte files left, and the space the failed build's cache entries took given
back. Simulated by raising ENOSPC where the writes happen (a real small tmpfs needs root)."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index import build_failures, embedding, encoder_cache, onnx_export
from index.article_cache import ArticleCache
from index.builder import build_index
from index.disk_full import disk_full, short_write
from index.embedding import DEFAULT_MODEL
from tests.index.stand_in import StandInEncoder


def _enospc(name: str = "x") -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)


def test_a_full_disk_is_told_behind_a_wrapper_and_from_numpys_short_write() -> None:
    wrapped = RuntimeError("export failed")
    wrapped.__cause__ = _enospc()
    assert disk_full(wrapped) is wrapped.__cause__
    assert short_write(OSError("10368 requested and 7136 written")) == (10368, 7136)
    assert disk_full(OSError("10368 requested and 7136 written")) is not None
    assert disk_full(OSError(errno.EACCES, "Permission denied")) is None and disk_full(ValueError("x")) is None


def test_an_export_that_hits_a_full_disk_raises_it_and_is_not_remembered_as_failed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(model: str, out_dirs: dict[str, Path]) -> dict[str, dict[str, Any]]:
        raise _enospc(str(next(iter(out_dirs.values())) / "tokenizer.json"))

    monkeypatch.setattr(onnx_export, "export_model", full)
    with pytest.raises(OSError) as caught:
        encoder_cache.ensure_exports(DEFAULT_MODEL, tmp_path / "enc")
    assert caught.value.errno == errno.ENOSPC
    assert not list((tmp_path / "enc").rglob(encoder_cache.FAILED)), "the next build would not try again"
    assert not [p for p in (tmp_path / "enc").iterdir() if p.name != ".lock"]


def test_articles_are_not_embedded_with_torch_when_the_export_hit_a_full_disk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise _enospc()

    monkeypatch.setattr(encoder_cache, "ensure_exports", full)
    monkeypatch.setattr(embedding, "SentenceTransformerEncoder", lambda model: pytest.fail("fell back to torch"))
    with pytest.raises(OSError):
        embedding.document_encoder(DEFAULT_MODEL, tmp_path / "index")()


def test_the_failed_builds_record_is_whole_or_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.write_text

    def full(self: Path, data: str, *args: Any, **kwargs: Any) -> int:
        real(self, "")  # the file is created, then nothing fits: it was left at 0 bytes
        raise _enospc(str(self))

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(RuntimeError), build_failures.kept(tmp_path / "index"):
        raise RuntimeError("build broke")
    assert list(tmp_path.iterdir()) == []


def test_a_cache_entry_that_does_not_fit_leaves_nothing_and_a_failed_build_gives_back_the_new_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ArticleCache(tmp_path / "cache")
    cache.save("ab" + "0" * 38, {"doc": 1}, np.zeros((2, 4), dtype="float32"), "t")
    real = Path.write_text

    def full(self: Path, *args: Any, **kwargs: Any) -> int:
        real(self, "{")
        raise _enospc(str(self))

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(OSError):
        cache.save("cd" + "0" * 38, {"doc": 2}, np.zeros((2, 4), dtype="float32"), "t")
    assert sorted(p.name for p in (tmp_path / "cache").rglob("*")) == ["ab", "ab" + "0" * 38 + ".json",
                                                                        "ab" + "0" * 38 + ".t.f32"]
    cache.discard_written()
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_build_stopped_by_a_full_disk_leaves_no_cache_entries_it_added(
        corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import index.builder as builder

    def full(folder: Path, *args: object) -> dict[str, Any]:
        (folder / "chunks.jsonl").write_text("half")
        raise OSError("10368 requested and 7136 written")

    monkeypatch.setattr(builder, "write_build", full)
    index_dir = tmp_path / "index"
    with pytest.raises(OSError):
        build_index(corpus_copy, index_dir, model=DEFAULT_MODEL, encoder_provider=StandInEncoder)
    articles = index_dir.parent / "index.articles"
    assert not articles.exists() or not [p for p in articles.rglob("*") if p.is_file()]
    assert not [p for p in (index_dir.parent / "index.builds").iterdir()]
    # status says the disk was full, not numpy's "10368 requested and 7136 written"
    assert json.loads((index_dir.parent / "index.failed.json").read_text())["reason"] == "No space left on device"
