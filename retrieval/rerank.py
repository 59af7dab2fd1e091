"""The second look: the first stage's best few candidates re-read by the cross-encoder.

The first-stage answer model ranks every candidate from cheap features; the cross-encoder, which reads the
question and the sentence together, is run only on its top ``TOP_K`` answer-like candidates, and a second
small fitted model (``rerank_model.json``) turns both views into the final probability. That probability
alone decides whether to answer, so declining rests on a signal that can tell a sentence that *answers*
from one that is merely *about* the question.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retrieval.features import KINDS, Candidates
from retrieval.question import Question

WEIGHTS = Path(__file__).with_name("rerank_model.json")
TOP_K = 8
RERANK_FEATURES = [
    "first_logit", "first_gap", "cross", "cross_gap", "cross_rank", "q_max_cross", "q_cross_spread",
    "type_match", "coverage", "dense", *[f"kind_{k}" for k in KINDS],
]


def top_candidates(found: Candidates, first: np.ndarray, k: int = TOP_K) -> list[int]:
    """The answer-like candidates the first stage likes best, best first."""
    like = found.column("answer_like") > 0
    order = [int(i) for i in np.argsort(-first, kind="stable") if like[i]]
    return order[:k]


def rerank_matrix(found: Candidates, question: Question, picked: list[int], first: np.ndarray,
                  cross: np.ndarray) -> np.ndarray:
    """One row per picked candidate; ``cross`` holds the cross-encoder's logits in ``picked`` order."""
    m = np.zeros((len(picked), len(RERANK_FEATURES)), dtype=np.float32)
    if not picked:
        return m
    col = {name: i for i, name in enumerate(RERANK_FEATURES)}
    p = np.clip(first[picked], 1e-6, 1 - 1e-6)
    logit = np.log(p / (1 - p))
    order = np.argsort(-cross, kind="stable")
    rank = np.empty(len(picked))
    rank[order] = np.arange(len(picked))
    m[:, col["first_logit"]] = logit
    m[:, col["first_gap"]] = logit - logit.max()
    m[:, col["cross"]] = cross
    m[:, col["cross_gap"]] = cross - cross.max()
    m[:, col["cross_rank"]] = 1.0 / (1.0 + rank)
    m[:, col["q_max_cross"]] = float(cross.max())
    m[:, col["q_cross_spread"]] = float(cross.max() - np.median(cross)) if len(cross) > 1 else 0.0
    for name in ("type_match", "coverage", "dense"):
        m[:, col[name]] = found.column(name)[picked]
    m[:, col[f"kind_{question.kind.value}"]] = 1.0
    return m


def spread(probs: np.ndarray, picked: list[int], n: int) -> np.ndarray:
    """Final probabilities for all ``n`` candidates: the re-read ones keep theirs, the rest get none."""
    out = np.zeros(n)
    out[picked] = probs
    return out
