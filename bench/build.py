"""Full index build throughput against the tutorial stack, with what each asks of the encoder (FLOPs)."""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.scale import BENCH_DIR, distractor_corpus
from index import store
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider, resolve_model_path
from index.figures import figure_windows
from retrieval.baseline import Baseline


@dataclass
class BuildResult:
    label: str
    chunks: int
    texts: int  # distinct texts encoded
    tokens: int  # their tokens, as the model reads them (truncated at its maximum length)
    gflop: float  # what encoding them costs, padding excluded
    seconds: float

    @property
    def chunks_per_s(self) -> float:
        return self.chunks / self.seconds if self.seconds else float("nan")


class FlopCounter:
    """Multiply-adds of one BERT encoder pass, from the model's config: per layer, per token, the four
    attention projections (4·d²) and the feed-forward pair (2·d·ff), plus per token pair the attention
    scores and their weighted sum (2·d). Each multiply-add is 2 FLOPs."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        from tokenizers import Tokenizer

        root = Path(resolve_model_path(model))
        config = json.loads((root / "config.json").read_text(encoding="utf-8"))
        st = json.loads((root / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.layers, self.d, self.ff = config["num_hidden_layers"], config["hidden_size"], config["intermediate_size"]
        self.tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        self.tokenizer.enable_truncation(int(st.get("max_seq_length") or 256))
        self.tokenizer.no_padding()

    def per_token(self) -> float:
        return 2.0 * self.layers * (4 * self.d * self.d + 2 * self.d * self.ff)

    def count(self, texts: list[str]) -> tuple[int, float]:
        """(tokens, GFLOP) for encoding ``texts`` one sequence each."""
        lengths = np.array([len(e.ids) for e in self.tokenizer.encode_batch(texts)], dtype=np.float64)
        flops = lengths.sum() * self.per_token() + (lengths**2).sum() * 2.0 * self.layers * 2 * self.d
        return int(lengths.sum()), float(flops / 1e9)


def _embedded_texts(index_dir: Path) -> list[str]:
    """Every distinct text a build of ours embeds: chunks, sentences, the words around each figure."""
    live = store.live_dir(index_dir)
    assert live is not None
    docs = store.read_jsonl(live / store.DOCS)
    sentences = [docs[int(d)]["text"][int(s) : int(e)] for d, s, e in np.load(live / store.SENTENCES)]
    chunks = [c["text"] for c in store.read_jsonl(live / store.CHUNKS)]
    windows = [w for s in sentences for _, w in figure_windows(s)]
    return list(dict.fromkeys(chunks + sentences + windows))


def full_build(label: str, provider: EncoderProvider, n_articles: int, flops: FlopCounter) -> BuildResult:
    """A from-scratch build of the seed articles plus ``n_articles`` distractors: no index, no per-article
    cache. The encoder is loaded before timing (the baseline's is too); the model's exports, made once per
    model, are kept."""
    corpus = BENCH_DIR / f"build-{n_articles}" / "corpus"
    distractor_corpus(corpus, n_articles)
    target = BENCH_DIR / f"build-{n_articles}" / f"index-{label}"
    shutil.rmtree(store.builds_dir(target), ignore_errors=True)
    shutil.rmtree(store.articles_dir(target), ignore_errors=True)
    target.unlink(missing_ok=True)
    provider()
    start = time.perf_counter()
    report = build_index(corpus, target, model=DEFAULT_MODEL, encoder_provider=provider)
    seconds = time.perf_counter() - start
    texts = _embedded_texts(target)
    tokens, gflop = flops.count(texts)
    return BuildResult(label, report.chunks, len(texts), tokens, gflop, seconds)


def baseline_build(provider: EncoderProvider, n_articles: int, flops: FlopCounter) -> BuildResult:
    corpus = BENCH_DIR / f"build-{n_articles}" / "corpus"
    distractor_corpus(corpus, n_articles)
    baseline = Baseline.build(provider(), corpus)
    tokens, gflop = flops.count(baseline.texts)
    return BuildResult("baseline", len(baseline.texts), len(baseline.texts), tokens, gflop, baseline.build_seconds)
