"""``make train``: fit the answer model, measure it on held-out articles, write ``retrieval/answer_model.json``.

Every figure it prints is held out: leave one group (article) out, fit on the rest, score the group left
out, with a decline threshold chosen on the other groups only. The shipped model is then fitted on every
group except the eval articles (``../shared/eval/articles``), which stay unseen so that adding them
measures what a moderator's new article would get.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from index.embedding import DEFAULT_MODEL, SentenceTransformerEncoder
from retrieval import ranker
from retrieval.answer import compose
from retrieval.evaluate import EvalReport, score_one
from retrieval.features import FEATURES
from retrieval.ranker import AnswerModel
from training.dataset import Item, build_items
from training.groups import (
    EVAL_PREFIX,
    HELDOUT_PREFIX,
    OFF_TOPIC,
    SEED,
    SHARED,
    collect,
    has_shared_training,
    is_off_topic,
    never_fitted,
)

log = logging.getLogger("training")
GRID = np.round(np.arange(0.02, 0.96, 0.01), 2)


def fit(items: list[Item], c: float, names: Sequence[str] = FEATURES) -> AnswerModel:
    """``names``: the columns of the items' matrices; an experiment may append its own (``training.cross_encoder``)."""
    x = np.vstack([it.found.matrix for it in items])
    if x.shape[1] != len(names):
        raise ValueError(f"{x.shape[1]} feature columns, {len(names)} names")
    y = np.concatenate([it.labels for it in items])
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 1e-9, scaler.scale_, 1.0)
    lr = LogisticRegression(C=c, max_iter=2000).fit((x - scaler.mean_) / scale, y)
    return AnswerModel(tuple(names), scaler.mean_, scale, lr.coef_[0], float(lr.intercept_[0]), 0.5, {})


def probs_of(model: AnswerModel, item: Item, names: Sequence[str] = FEATURES) -> np.ndarray:
    return model.probabilities(item.found.matrix, list(names))


def best_p(item: Item, probs: np.ndarray) -> float:
    return item.found.best(probs)


# How much declining an on-topic question the articles can't answer counts against missing an answerable one.
# Less than one: a decline still shows the closest passages, and users came for answers; more than zero:
# a confident answer from a sentence that is merely about the question costs trust.
DECLINE_WEIGHT = 0.5


def choose_threshold(rows: list[tuple[Item, np.ndarray, bool]]) -> float:
    """The threshold that answers the most answerable questions with the fact plus ``DECLINE_WEIGHT`` times
    the share of on-topic unanswerable ones declined, among those that decline every off-topic question."""
    answerable = [(best_p(it, p), holds) for it, p, holds in rows if it.question.answerable]
    on_topic = [best_p(it, p) for it, p, _ in rows if not it.question.answerable and not is_off_topic(it.group)]
    off_topic = [best_p(it, p) for it, p, _ in rows if is_off_topic(it.group)]
    floor = max(off_topic, default=0.0)
    scores = []
    for t in GRID:
        hit = sum(p >= t and holds for p, holds in answerable) / max(len(answerable), 1)
        declined = sum(p < t for p in on_topic) / max(len(on_topic), 1)
        scores.append(round(hit + DECLINE_WEIGHT * declined, 6) if t > floor else -1.0)
    best = max(scores)
    # The middle of the best plateau: the choice least sensitive to where exactly the boundary lies.
    plateau = [t for t, s in zip(GRID, scores, strict=True) if s == best]
    return float(plateau[len(plateau) // 2])


def holds_at_zero(item: Item, probs: np.ndarray) -> bool:
    """Whether the answer the bot would give, were it never to decline, holds the fact."""
    always = AnswerModel(tuple(FEATURES), np.zeros(1), np.ones(1), np.zeros(1), 0.0, 0.0, {})
    return score_one(item.question, compose(item.index, item.analysed, item.found, probs, always)).answer_holds


def out_of_fold(items: list[Item], c: float, names: Sequence[str] = FEATURES) -> dict[int, np.ndarray]:
    """Item position -> probabilities from a model fitted without the item's group (eval groups are never
    fitted on, so every model may score them)."""
    fitted = [it for it in items if not never_fitted(it.group)]
    out: dict[int, np.ndarray] = {}
    for g in sorted({it.group for it in items}):
        model = fit([it for it in fitted if it.group != g], c, names)
        out.update({i: probs_of(model, it, names) for i, it in enumerate(items) if it.group == g})
    return out


def held_out(items: list[Item], c: float, names: Sequence[str] = FEATURES
             ) -> tuple[list[tuple[Item, np.ndarray, bool]], dict[str, EvalReport]]:
    """Leave-one-group-out: out-of-fold probabilities, then each group scored with a threshold chosen on
    the other groups only. Returns the pooled out-of-fold rows (for the shipped threshold) and the reports."""
    probs = out_of_fold(items, c, names)
    rows = [(it, probs[i], holds_at_zero(it, probs[i])) for i, it in enumerate(items)]
    per_group: dict[str, EvalReport] = {}
    for g in sorted({it.group for it in items}):
        others = [r for r in rows if r[0].group != g and not never_fitted(r[0].group)]
        t = choose_threshold(others)
        judge = AnswerModel(tuple(FEATURES), np.zeros(1), np.ones(1), np.zeros(1), 0.0, t, {})
        report = per_group.setdefault(g, EvalReport())
        for it, p, _ in (r for r in rows if r[0].group == g):
            report.results.append(score_one(it.question, compose(it.index, it.analysed, it.found, p, judge)))
    return [r for r in rows if not never_fitted(r[0].group)], per_group


def _kind(group: str) -> str:
    if group.startswith(EVAL_PREFIX):
        return "eval articles (never fitted)"
    if group.startswith(HELDOUT_PREFIX):
        return "articles written after the fit (never fitted)"
    if group == SEED:
        return group
    if is_off_topic(group):
        return OFF_TOPIC
    return "training articles"


def summarise(per_group: dict[str, EvalReport]) -> dict[str, Any]:
    kinds: dict[str, EvalReport] = {}
    for g, report in per_group.items():
        kinds.setdefault(_kind(g), EvalReport()).results += report.results
    return {k: r.totals() for k, r in sorted(kinds.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make train", description=__doc__)
    parser.add_argument("--c", type=float, nargs="+", default=[0.03, 0.1, 0.3, 1.0],
                        help="regularisation strengths to compare held out")
    parser.add_argument("--dry-run", action="store_true", help="measure only; keep the shipped weights")
    parser.add_argument("--force", action="store_true",
                        help="write the weights even without ../shared/train (fewer training articles)")
    args = parser.parse_args(argv)
    if not args.dry_run and not args.force and not has_shared_training():
        print(f"{SHARED / 'train'} not found: the shipped model was fitted with its articles as well. Measuring "
              "only; --force writes weights fitted without them.", file=sys.stderr)
        args.dry_run = True
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    groups = collect()
    encoder = SentenceTransformerEncoder(DEFAULT_MODEL)
    items = build_items(groups, encoder)
    results = {}
    for c in args.c:
        results[c] = held_out(items, c)
        t = EvalReport([r for rep in results[c][1].values() for r in rep.results]).totals()
        print(f"C={c}: held-out answer {t['answer_holds']}/{t['answerable']}, declined "
              f"{t['declined']}/{t['unanswerable']}, top-3 {t['top3_holds']}/{t['answerable']}")
    c = max(results, key=lambda k: sum(r.correct for rep in results[k][1].values() for r in rep.results))
    pooled, per_group = results[c]
    summary = summarise(per_group)
    print(json.dumps(summary, indent=1))
    final = fit([it for it in items if not never_fitted(it.group)], c)
    # The shipped threshold comes from held-out probabilities, never from the fitted model's own.
    threshold = choose_threshold(pooled)
    model = AnswerModel(final.features, final.mean, final.scale, final.coef, final.intercept, threshold, {
        "fitted": datetime.now(UTC).isoformat(timespec="seconds"), "C": c,
        "groups": {g.name: len(g.questions) for g in groups},
        "held_out": summary,
    })
    print(f"threshold {model.threshold}")
    if not args.dry_run:
        ranker.save(model)
        print(f"wrote {ranker.WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
