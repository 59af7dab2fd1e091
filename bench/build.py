"""Index build throughput and the cost of adding (then removing) one article."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from bench.scale import BENCH_DIR, distractor_corpus
from bench.synthetic import article
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, Encoder
from retrieval.baseline import Baseline


@dataclass
class BuildResult:
    label: str
    chunks: int
    texts: int  # vectors computed (ours: chunks and sentences)
    seconds: float

    @property
    def chunks_per_s(self) -> float:
        return self.chunks / self.seconds if self.seconds else float("nan")


def full_build(label: str, encoder: Encoder, n_articles: int) -> BuildResult:
    """A from-scratch build of the seed articles plus ``n_articles`` distractors (model already loaded)."""
    corpus = BENCH_DIR / f"build-{n_articles}" / "corpus"
    distractor_corpus(corpus, n_articles)
    target = BENCH_DIR / f"build-{n_articles}" / f"index-{label}"
    shutil.rmtree(target.parent / f"index-{label}.builds", ignore_errors=True)
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    report = build_index(corpus, target, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    seconds = time.perf_counter() - start
    return BuildResult(label, report.chunks, report.embedded_chunks + report.embedded_sentences, seconds)


def baseline_build(encoder: Encoder, n_articles: int) -> BuildResult:
    corpus = BENCH_DIR / f"build-{n_articles}" / "corpus"
    distractor_corpus(corpus, n_articles)
    baseline = Baseline.build(encoder, corpus)
    return BuildResult("baseline", len(baseline.texts), len(baseline.texts), baseline.build_seconds)


def add_and_remove(corpus: Path, index_dir: Path, encoder: Encoder) -> tuple[float, float, int]:
    """Seconds to add one new article to an existing index, then to remove it again; and chunks embedded."""
    path = corpus / "zz_bench_added.txt"
    path.unlink(missing_ok=True)
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)  # settle
    for i in range(2):  # an untimed round first: it re-exports the query encoder if the variant changed
        path.write_text(article(424242 + i), encoding="utf-8")  # a new text each time: nothing to reuse
        added, removed, embedded = _add_remove(corpus, index_dir, encoder, path)
    return added, removed, embedded


def _add_remove(corpus: Path, index_dir: Path, encoder: Encoder, path: Path) -> tuple[float, float, int]:
    try:
        start = time.perf_counter()
        report = build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
        added = time.perf_counter() - start
    finally:
        path.unlink(missing_ok=True)
    start = time.perf_counter()
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    removed = time.perf_counter() - start
    return added, removed, report.embedded_chunks
