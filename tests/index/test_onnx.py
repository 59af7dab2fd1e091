"""The ONNX query encoder: exported with every build, equal to torch, preferred by the bot, never fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index import onnx_export, store
from index.chunking import split_sentences
from index.corpus_files import load_corpus
from index.embedding import DEFAULT_MODEL, Encoder, OnnxEncoder, lazy_encoder, onnx_export_for
from index.encoder_cache import ensure_exports, prepare_query_encoder
from index.onnx_export import (
    DEFAULT_VARIANT,
    MIN_COSINE,
    QUERY_ENCODER_DIR,
    export_query_encoder,
)

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = [json.loads(line)["question"] for line in (ROOT / "tests" / "dev.jsonl").read_text().splitlines()]


def _live(index_dir: Path) -> Path:
    live = store.live_dir(index_dir)
    assert live is not None
    return live


def test_build_exports_query_encoder(seed_index_dir: Path) -> None:
    live = _live(seed_index_dir)
    manifest = json.loads((live / store.MANIFEST).read_text())
    assert manifest["query_encoder"] == DEFAULT_VARIANT
    assert (live / QUERY_ENCODER_DIR / "model.onnx").exists()


def _check_against_torch(onnx: OnnxEncoder, encoder: Encoder, min_cosine: float) -> None:
    batch = onnx.encode(QUESTIONS)  # padded batch, reordered by length inside
    single = np.vstack([onnx.encode([q]) for q in QUESTIONS])
    reference = encoder.encode(QUESTIONS)
    assert batch.dtype == np.float32 and batch.shape == reference.shape
    assert np.min(np.sum(batch * reference, axis=1)) > min_cosine
    # Dynamic int8 quantizes activations per batch, so a question in a batch differs a little from alone.
    assert np.min(np.sum(batch * single, axis=1)) > min_cosine
    if min_cosine >= 0.9999:
        assert np.allclose(batch, single, atol=1e-5)


def test_shipped_export_matches_torch(seed_index_dir: Path, encoder: Encoder) -> None:
    _check_against_torch(OnnxEncoder(_live(seed_index_dir) / QUERY_ENCODER_DIR), encoder, MIN_COSINE[DEFAULT_VARIANT])


def test_float32_export_equals_torch(tmp_path: Path, encoder: Encoder) -> None:
    export_query_encoder(DEFAULT_MODEL, tmp_path, "onnx")
    _check_against_torch(OnnxEncoder(tmp_path), encoder, 0.9999)


def test_lazy_encoder_prefers_the_export_of_the_same_model(seed_index_dir: Path) -> None:
    assert isinstance(lazy_encoder(DEFAULT_MODEL, seed_index_dir)(), OnnxEncoder)
    assert onnx_export_for(seed_index_dir, "some-other-model") is None


def test_questions_are_encoded_with_the_model_the_index_was_built_with(
        seed_index_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    """EMBEDDING_MODEL changed and the rebuild failed (or is still to come, or another replica built the
    index): questions were encoded with the configured model against vectors of another, and every question
    was "The articles don't say". The index's own export answers until it is rebuilt, with a warning."""
    with caplog.at_level("WARNING", logger="index.embedding"):
        encoder = lazy_encoder("/models/not-the-one-the-index-used", seed_index_dir)()
    assert isinstance(encoder, OnnxEncoder)
    assert "the index was built with all-MiniLM-L6-v2, not EMBEDDING_MODEL=/models/not-the-one" in caplog.text
    assert onnx_export_for(seed_index_dir, None) == onnx_export_for(seed_index_dir, DEFAULT_MODEL)


def _no_export(*args: object, **kwargs: object) -> None:
    raise AssertionError("an export in hand should have been reused")


def test_an_index_built_before_the_cache_lends_its_export(seed_index_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(onnx_export, "export_model", _no_export)
    live = _live(seed_index_dir)
    cache = tmp_path / "encoders"
    made = prepare_query_encoder(DEFAULT_MODEL, tmp_path / "a", cache, DEFAULT_VARIANT, previous=live)
    assert made == DEFAULT_VARIANT
    # A later build needs no previous build: the cache has it, and every build links the same file.
    assert prepare_query_encoder(DEFAULT_MODEL, tmp_path / "b", cache, DEFAULT_VARIANT) == DEFAULT_VARIANT
    inodes = {os.stat(folder / QUERY_ENCODER_DIR / "model.onnx").st_ino for folder in (live, tmp_path / "a",
                                                                                        tmp_path / "b")}
    assert len(inodes) == 1


def test_the_model_is_exported_once_for_every_later_build(seed_index_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds of the seed index share its cache: both variants are there, and nothing exports again."""
    root = store.encoders_dir(seed_index_dir)
    folders = ensure_exports(DEFAULT_MODEL, root)
    assert set(folders) == {"onnx", "onnx-int8"}
    monkeypatch.setattr(onnx_export, "export_model", _no_export)
    for name in ("x", "y"):
        assert prepare_query_encoder(DEFAULT_MODEL, tmp_path / name, root, DEFAULT_VARIANT) == DEFAULT_VARIANT
    assert ensure_exports(DEFAULT_MODEL, root, verify=True) == folders  # checksums hold: still no export


def test_a_damaged_export_is_made_again_by_a_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "encoders"
    calls: list[list[str]] = []

    def fake_export(model: str, out_dirs: dict[str, Path]) -> None:
        calls.append(sorted(out_dirs))
        for variant, folder in out_dirs.items():
            folder.mkdir(parents=True)
            (folder / "model.onnx").write_bytes(b"graph")
            meta = {"model": model, "variant": variant, "export_version": onnx_export.EXPORT_VERSION,
                    "file": "model.onnx", "sha256": onnx_export.file_digest(folder / "model.onnx")}
            (folder / "encoder.json").write_text(json.dumps(meta))

    monkeypatch.setattr(onnx_export, "export_model", fake_export)
    folders = ensure_exports(DEFAULT_MODEL, root)
    assert calls == [["onnx", "onnx-int8"]]  # both variants from one export
    ensure_exports(DEFAULT_MODEL, root, verify=True)
    assert len(calls) == 1
    (folders["onnx-int8"] / "model.onnx").write_bytes(b"grap!")
    ensure_exports(DEFAULT_MODEL, root)  # an ordinary build trusts the cache
    assert len(calls) == 1
    ensure_exports(DEFAULT_MODEL, root, verify=True)  # a full build checks it and exports again
    assert calls[1] == ["onnx-int8"] and (folders["onnx-int8"] / "model.onnx").read_bytes() == b"graph"


def test_failed_export_falls_back_to_torch_and_is_not_retried_every_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls = []

    def broken(model: str, out_dirs: dict[str, Path]) -> None:
        calls.append(model)
        for folder in out_dirs.values():
            folder.mkdir(parents=True)
            (folder / "model.onnx").write_bytes(b"half")
        raise RuntimeError("exporter exploded")

    monkeypatch.setattr(onnx_export, "export_model", broken)
    root = tmp_path / "encoders"
    assert prepare_query_encoder(DEFAULT_MODEL, tmp_path / "a", root, DEFAULT_VARIANT) == "torch"
    assert not (tmp_path / "a" / QUERY_ENCODER_DIR).exists()
    assert "exporter exploded" in caplog.text
    assert prepare_query_encoder(DEFAULT_MODEL, tmp_path / "b", root, DEFAULT_VARIANT) == "torch"
    assert len(calls) == 1  # remembered
    assert prepare_query_encoder(DEFAULT_MODEL, tmp_path / "c", root, DEFAULT_VARIANT, verify=True) == "torch"
    assert len(calls) == 2  # a full build tries again
    assert not [p for p in root.rglob("model.onnx")]  # no half export is ever kept


def test_float32_export_embeds_the_corpus_like_the_model(seed_index_dir: Path, encoder: Encoder) -> None:
    """Articles are embedded with the float32 export: its vectors must be the model's, on every sentence
    and chunk of the corpus."""
    docs, _ = load_corpus(ROOT / "corpus")
    texts = [d.text[s.start : s.end] for d in docs for s in split_sentences(d.text)]
    texts += [d.text for d in docs]  # whole articles: longer than the model reads, so truncated alike
    onnx = OnnxEncoder(ensure_exports(DEFAULT_MODEL, store.encoders_dir(seed_index_dir))["onnx"], threads=2)
    got, reference = onnx.encode(texts), encoder.encode(texts)
    assert got.shape == reference.shape and len(texts) > 70
    assert float(np.min(np.sum(got * reference, axis=1))) >= 0.9999


def test_questions_are_answered_without_torch(seed_index_dir: Path) -> None:
    index = repr(str(seed_index_dir))
    code = (
        "import sys; from pathlib import Path\n"
        "from index.embedding import lazy_encoder\n"
        "from retrieval.engine import Engine\n"
        f"engine = Engine(Path({index}), lazy_encoder({DEFAULT_MODEL!r}, Path({index})))\n"
        "assert engine.ask('How many accounts were ordered blocked?').answered\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
