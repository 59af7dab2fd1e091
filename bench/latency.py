"""Warm per-question latency through the real ``Engine.ask``, with the dev-set score of the same answers."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bench.common import DevItem, percentiles
from index.embedding import Encoder
from retrieval.answer import compose
from retrieval.answer_like import is_answer_like
from retrieval.baseline import Baseline
from retrieval.engine import PASSAGES, Engine
from retrieval.features import FEATURES, candidates
from retrieval.question import analyse
from retrieval.search import hybrid_search


@dataclass
class Latency:
    p50: float
    p95: float
    encode_p50: float = float("nan")
    stages: dict[str, float] = field(default_factory=dict)  # stage -> p50 ms
    score: int = 0
    total: int = 0
    answers: list[tuple[bool, str]] = field(default_factory=list)


def _rounds(ask: Callable[[str], object], items: list[DevItem], passes: int) -> list[float]:
    samples = []
    for _ in range(passes):
        for item in items:
            start = time.perf_counter()
            ask(item.question)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def _encode_p50(encoder: Encoder, items: list[DevItem], passes: int) -> float:
    return percentiles(_rounds(lambda q: encoder.encode([q]), items, passes))[0]


def measure_engine(index_dir: Path, encoder: Encoder, items: list[DevItem], passes: int,
                   engine: Engine | None = None) -> Latency:
    """p50/p95 over ``passes`` rounds of every dev question, after one warm-up round."""
    engine = engine or Engine(index_dir, lambda: encoder)
    answers = []
    for item in items:  # warm-up: loads the index, touches every code path once
        answer = engine.ask(item.question)
        answers.append((answer.answered, answer.text))
    p50, p95 = percentiles(_rounds(engine.ask, items, passes))
    result = Latency(p50, p95, _encode_p50(encoder, items, passes), answers=answers, total=len(items))
    result.score = sum(item.judge(a, t) for item, (a, t) in zip(items, answers, strict=True))
    result.stages = stage_p50(engine, encoder, items, passes)
    return result


def stage_p50(engine: Engine, encoder: Encoder, items: list[DevItem], passes: int) -> dict[str, float]:
    """Where a question's time goes: encode, hybrid search, candidate features, model and composing."""
    index = engine.index
    stages: dict[str, list[float]] = {"encode": [], "search": [], "features": [], "compose": []}
    for _ in range(max(1, passes // 2)):
        for item in items:
            t0 = time.perf_counter()
            question = analyse(item.question)
            vector = encoder.encode([item.question])[0]
            t1 = time.perf_counter()
            passages = hybrid_search(index, vector, question.terms, PASSAGES)
            t2 = time.perf_counter()
            found = candidates(index, question, vector, passages, encoder.encode, is_answer_like)
            t3 = time.perf_counter()
            compose(index, question, found, engine.model.probabilities(found.matrix, FEATURES), engine.model)
            t4 = time.perf_counter()
            for name, ms in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                stages[name].append(ms * 1000)
    return {name: float(np.median(v)) for name, v in stages.items()}


def measure_baseline(baseline: Baseline, items: list[DevItem], passes: int) -> Latency:
    answers = [(True, baseline.ask(item.question)) for item in items]
    p50, p95 = percentiles(_rounds(baseline.ask, items, passes))
    result = Latency(p50, p95, _encode_p50(baseline.encoder, items, passes), answers=answers, total=len(items))
    result.score = sum(item.judge(a, t) for item, (a, t) in zip(items, answers, strict=True))
    return result


def same_answers(a: Latency, b: Latency) -> int:
    return sum(x == y for x, y in zip(a.answers, b.answers, strict=True))
