"""How texts reach the model: batches of near-equal token counts (padding is wasted work), vectors unchanged,
and every embedded text counted in the build's report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from tokenizers import Tokenizer

from index import store
from index.build_report import BuildReport
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, Encoder, OnnxEncoder
from index.encoder_cache import ensure_exports
from index.onnx_encoder import TOKENIZER_FILE
from index.vector_cache import encode_missing
from tests.index.conftest import CountingEncoder

# Characters and tokens disagree: a few long words against many short ones, so batches formed by characters
# pair a short-in-tokens text with a long one.
TEXTS = [
    "internationalization responsibilities",
    "a b c d e f g h i j k l m n o p",
    "telecommunications",
    "1 2 3 4 5 6 7",
]


class _RecordingSession:
    """The ONNX session, noting the width of every batch it is given."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.shapes: list[tuple[int, int]] = []

    def run(self, outputs: Any, feeds: dict[str, np.ndarray]) -> Any:
        self.shapes.append(feeds["input_ids"].shape)
        return self.inner.run(outputs, feeds)


def _float32_export(seed_index_dir: Path) -> Path:
    return ensure_exports(DEFAULT_MODEL, store.encoders_dir(seed_index_dir), ("onnx",))["onnx"]


def _padded(order: list[str], tokens: dict[str, int]) -> int:
    """Tokens the model reads when ``order`` is cut into batches of two."""
    return sum(max(tokens[t] for t in order[i : i + 2]) * 2 for i in range(0, len(order), 2))


def test_batches_are_padded_only_to_texts_of_near_equal_token_counts(seed_index_dir: Path) -> None:
    folder = _float32_export(seed_index_dir)
    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
    tokenizer.no_padding()
    tokens = {t: len(e.ids) for t, e in zip(TEXTS, tokenizer.encode_batch(TEXTS), strict=True)}
    encoder = OnnxEncoder(folder, threads=1)
    session = _RecordingSession(encoder._session)
    encoder._session = session
    batch = encoder.encode(TEXTS, batch_size=2)
    padded = sum(rows * width for rows, width in session.shapes)
    by_tokens = sorted(TEXTS, key=tokens.__getitem__, reverse=True)
    by_chars = sorted(TEXTS, key=len, reverse=True)
    assert padded == _padded(by_tokens, tokens) < _padded(by_chars, tokens)
    # The same vectors as each text alone (no padding at all): batching changes no stored vector.
    alone = np.vstack([OnnxEncoder(folder, threads=1).encode([t]) for t in TEXTS])
    assert np.allclose(batch, alone, atol=1e-5)


class _WordCounting:
    """An encoder whose tokens are words, recording the order texts reach it."""

    dimension = 3

    def __init__(self) -> None:
        self.seen: list[str] = []

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) for t in texts]

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        self.seen += texts
        return np.ones((len(texts), 3), dtype=np.float32)


def test_texts_reach_an_encoder_that_counts_tokens_in_token_order() -> None:
    """``encode_missing`` hands the encoder slices of its texts: ordered by characters, each slice mixed texts
    of very different token counts."""
    texts = {f"k{i}": ("longword" * (i % 7 + 1) + " x" * (i % 5)) for i in range(300)}
    encoder = _WordCounting()
    vectors = encode_missing(texts, lambda: encoder, None)
    words = [len(t.split()) for t in encoder.seen]
    assert sorted(encoder.seen) == sorted(texts.values()) and set(vectors) == set(texts)
    assert words == sorted(words, reverse=True)


def test_the_report_counts_the_figure_windows_it_embedded(corpus_copy: Path, tmp_path: Path,
                                                          encoder: Encoder) -> None:
    """The words around each figure are embedded too; counting only chunks and sentences made a long
    article's embedding look a third slower than it was."""
    enc = CountingEncoder(encoder)
    report: BuildReport = build_index(corpus_copy, tmp_path / "index", model=DEFAULT_MODEL,
                                      encoder_provider=lambda: enc)
    counted = report.to_dict()
    assert counted["embedded_figures"] > 0
    assert enc.encoded == counted["embedded_chunks"] + counted["embedded_sentences"] + counted["embedded_figures"]
