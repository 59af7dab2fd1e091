"""A model that is not there is one error, ``ModelNotFound``, saying what is wrong; never a traceback from
deep inside transformers, nor a failed ONNX export first."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from index.embedding import SentenceTransformerEncoder, document_encoder
from index.model_files import DEFAULT_MODEL, ModelNotFound, require_model


def test_the_default_model_and_a_model_folder_are_found(tmp_path: Path) -> None:
    assert (Path(require_model(DEFAULT_MODEL)) / "config.json").is_file()
    (tmp_path / "modules.json").write_text("[]")
    assert require_model(str(tmp_path)) == str(tmp_path)


@pytest.mark.parametrize("where, problem", [
    ("/nonexistent", "no model there"),
    ("./models/mine", "no model there"),
    ("no-such-model", "local Hugging Face cache"),
    ("someone/no-such-model", "local Hugging Face cache"),
    ("not a repository name", "local Hugging Face cache"),
])
def test_a_model_that_is_not_there_is_refused_with_the_reason(where: str, problem: str) -> None:
    with pytest.raises(ModelNotFound, match=problem) as refused:
        require_model(where)
    assert refused.value.model == where


def test_a_folder_or_file_that_holds_no_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound, match="holds no model"):
        require_model(str(tmp_path))
    weights = tmp_path / "model.bin"
    weights.write_bytes(b"")
    with pytest.raises(ModelNotFound, match="a file, not a model folder"):
        require_model(str(weights))


def test_loading_a_model_that_is_not_there_raises_model_not_found(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(ModelNotFound, match="no model there"):
        SentenceTransformerEncoder("/nonexistent")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{}")  # a folder that looks like a model, and isn't one
    with pytest.raises(ModelNotFound, match="its files cannot be loaded"):
        SentenceTransformerEncoder(str(broken))
    with caplog.at_level(logging.WARNING), pytest.raises(ModelNotFound, match="no model there"):
        document_encoder("/nonexistent", tmp_path / "index")()
    assert caplog.records == []  # not "no usable ONNX export" first


def test_a_model_retrained_in_place_gets_a_new_fingerprint(tmp_path: Path) -> None:
    """Weights changed in place (same size) kept the old fingerprint, so builds reused the old model's export
    and vectors, even with --full."""
    from index.model_files import WEIGHT_BLOCK, WEIGHT_SAMPLES, model_fingerprint

    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    weights = tmp_path / "model.safetensors"
    data = bytearray(b"\x01" * (WEIGHT_SAMPLES * WEIGHT_BLOCK * 3))
    weights.write_bytes(bytes(data))
    before = model_fingerprint(str(tmp_path))
    assert model_fingerprint(str(tmp_path)) == before  # nothing changed: the same
    data[len(data) // 2 : len(data) // 2 + WEIGHT_BLOCK * 2] = b"\x02" * (WEIGHT_BLOCK * 2)  # retrained: same size
    weights.write_bytes(bytes(data))
    assert model_fingerprint(str(tmp_path)) != before
