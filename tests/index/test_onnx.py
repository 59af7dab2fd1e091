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
from index.embedding import DEFAULT_MODEL, Encoder, OnnxEncoder, lazy_encoder, onnx_export_for
from index.onnx_export import (
    DEFAULT_VARIANT,
    MIN_COSINE,
    QUERY_ENCODER_DIR,
    export_query_encoder,
    prepare_query_encoder,
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


def test_reuse_links_the_previous_export(seed_index_dir: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def no_export(*args: object, **kwargs: object) -> None:
        raise AssertionError("the previous export should have been reused")

    monkeypatch.setattr(onnx_export, "export_query_encoder", no_export)
    live = _live(seed_index_dir)
    assert prepare_query_encoder(DEFAULT_MODEL, tmp_path, live) == DEFAULT_VARIANT
    old, new = live / QUERY_ENCODER_DIR / "model.onnx", tmp_path / QUERY_ENCODER_DIR / "model.onnx"
    assert os.stat(old).st_ino == os.stat(new).st_ino


def test_failed_export_falls_back_to_torch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture) -> None:
    def broken(model: str, out_dir: Path, variant: str = "onnx") -> None:
        out_dir.mkdir(parents=True)
        (out_dir / "model.onnx").write_bytes(b"half")
        raise RuntimeError("exporter exploded")

    monkeypatch.setattr(onnx_export, "export_query_encoder", broken)
    assert prepare_query_encoder(DEFAULT_MODEL, tmp_path, None) == "torch"
    assert not (tmp_path / QUERY_ENCODER_DIR).exists()
    assert "exporter exploded" in caplog.text


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
