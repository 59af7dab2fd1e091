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
    # CPU time per question (every thread of the process: torch encodes on several), p50 ms. On a machine
    # shared with other work the wall-clock p50 moves with its load; this moves far less.
    cpu_p50: float = float("nan")
    fresh: Fresh | None = None


@dataclass
class Fresh:
    """Questions asked for the first time in the process, against the same questions asked again: a user's
    question is new, while the timed rounds repeat the dev questions, whose per-text caches then all hit."""

    count: int
    p50: float
    cpu_p50: float
    again_p50: float
    again_cpu_p50: float


def _timed(ask: Callable[[str], object], questions: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock and process CPU milliseconds of each question."""
    wall, cpu = [], []
    for question in questions:
        start, start_cpu = time.perf_counter(), time.process_time()
        ask(question)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def _rounds(ask: Callable[[str], object], items: list[DevItem], passes: int) -> tuple[list[float], list[float]]:
    return _timed(ask, [item.question for _ in range(passes) for item in items])


def _encode_p50(encoder: Encoder, items: list[DevItem], passes: int) -> float:
    return percentiles(_rounds(lambda q: encoder.encode([q]), items, passes)[0])[0]


def _fresh(ask: Callable[[str], object], questions: list[str]) -> Fresh:
    first, first_cpu = _timed(ask, questions)
    again, again_cpu = _timed(ask, questions)
    return Fresh(len(questions), percentiles(first)[0], percentiles(first_cpu)[0], percentiles(again)[0],
                 percentiles(again_cpu)[0])


def measure_engine(index_dir: Path, encoder: Encoder, items: list[DevItem], passes: int,
                   engine: Engine | None = None, fresh: list[str] | None = None) -> Latency:
    """p50/p95 over ``passes`` rounds of every dev question, after one warm-up round. ``fresh``: questions
    this process has not been asked yet (by any engine: the per-text caches are the process's), timed on
    their first asking and again."""
    engine = engine or Engine(index_dir, lambda: encoder)
    answers = []
    for item in items:  # warm-up: loads the index, touches every code path once
        answer = engine.ask(item.question)
        answers.append((answer.answered, answer.text))
    wall, cpu = _rounds(engine.ask, items, passes)
    p50, p95 = percentiles(wall)
    result = Latency(p50, p95, _encode_p50(encoder, items, passes), answers=answers, total=len(items),
                     cpu_p50=percentiles(cpu)[0], fresh=_fresh(engine.ask, fresh) if fresh else None)
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
    wall, cpu = _rounds(baseline.ask, items, passes)
    p50, p95 = percentiles(wall)
    result = Latency(p50, p95, _encode_p50(baseline.encoder, items, passes), answers=answers, total=len(items),
                     cpu_p50=percentiles(cpu)[0])
    result.score = sum(item.judge(a, t) for item, (a, t) in zip(items, answers, strict=True))
    return result


def same_answers(a: Latency, b: Latency) -> int:
    return sum(x == y for x, y in zip(a.answers, b.answers, strict=True))
