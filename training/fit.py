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
from training.groups import EVAL_PREFIX, OFF_TOPIC, SEED, collect

log = logging.getLogger("training")
# "cross" is filled only when a cross-encoder is shipped; the others are always computed.
USED = [f for f in FEATURES if f != "cross"]
GRID = np.round(np.arange(0.02, 0.96, 0.01), 2)


def fit(items: list[Item], c: float) -> AnswerModel:
    x = np.vstack([it.found.matrix[:, [FEATURES.index(f) for f in USED]] for it in items])
    y = np.concatenate([it.labels for it in items])
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 1e-9, scaler.scale_, 1.0)
    lr = LogisticRegression(C=c, max_iter=2000).fit((x - scaler.mean_) / scale, y)
    return AnswerModel(tuple(USED), scaler.mean_, scale, lr.coef_[0], float(lr.intercept_[0]), 0.5, 0.0, {})


def probs_of(model: AnswerModel, item: Item) -> np.ndarray:
    return model.probabilities(item.found.matrix, FEATURES)


def best_p(item: Item, probs: np.ndarray) -> float:
    like = item.found.column("answer_like") > 0
    return float(probs[like].max()) if like.any() else 0.0


def choose_threshold(rows: list[tuple[Item, np.ndarray, bool]]) -> float:
    """The threshold that gets the most questions right: an answer holding the fact, or a decline."""
    scores = []
    for t in GRID:
        right = sum((best_p(it, p) >= t and holds) if it.question.answerable else best_p(it, p) < t
                    for it, p, holds in rows)
        scores.append(right)
    best = max(scores)
    # The middle of the best plateau: the choice least sensitive to where exactly the boundary lies.
    plateau = [t for t, s in zip(GRID, scores, strict=True) if s == best]
    return float(plateau[len(plateau) // 2])


def sure_decline(rows: list[tuple[Item, np.ndarray, bool]], threshold: float) -> float:
    """Below this, nine in ten questions really are unanswerable: the bot may then say the articles don't
    say, instead of only that it found no clear answer."""
    best = 0.0
    for t in GRID[threshold >= GRID]:
        below = [it.question.answerable for it, p, _ in rows if best_p(it, p) < t]
        if below and sum(not a for a in below) / len(below) >= 0.9:
            best = float(t)
    return best


def holds_if_answered(item: Item, probs: np.ndarray, model: AnswerModel) -> bool:
    forced = AnswerModel(model.features, model.mean, model.scale, model.coef, model.intercept, 0.0, 0.0, {})
    answer = compose(item.index, item.analysed, item.found, probs, forced)
    return score_one(item.question, answer).answer_holds


def held_out(items: list[Item], c: float) -> tuple[EvalReport, dict[str, EvalReport]]:
    """Leave-one-group-out: out-of-fold probabilities, then each group's threshold from the others."""
    groups = sorted({it.group for it in items})
    fitted = [it for it in items if not it.group.startswith(EVAL_PREFIX)]
    oof: dict[int, tuple[np.ndarray, bool]] = {}
    for g in groups:
        model = fit([it for it in fitted if it.group != g], c)
        for i, it in enumerate(items):
            if it.group == g:
                p = probs_of(model, it)
                oof[i] = (p, holds_if_answered(it, p, model))
    total = EvalReport()
    per_group: dict[str, EvalReport] = {}
    for g in groups:
        others = [(it, *oof[i]) for i, it in enumerate(items) if it.group != g and not it.group.startswith(EVAL_PREFIX)]
        t = choose_threshold(others)
        model = AnswerModel(tuple(USED), np.zeros(1), np.ones(1), np.zeros(1), 0.0, t, sure_decline(others, t), {})
        report = EvalReport()
        for i, it in enumerate(items):
            if it.group == g:
                answer = compose(it.index, it.analysed, it.found, oof[i][0], model)
                report.results.append(score_one(it.question, answer))
        per_group[g] = report
        total.results += report.results
    return total, per_group


def _kind(group: str) -> str:
    if group.startswith(EVAL_PREFIX):
        return "eval articles (never fitted)"
    if group in (SEED, OFF_TOPIC):
        return group
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
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    groups = collect()
    encoder = SentenceTransformerEncoder(DEFAULT_MODEL)
    items = build_items(groups, encoder)
    results = {}
    for c in args.c:
        total, per_group = held_out(items, c)
        results[c] = (total, per_group)
        t = total.totals()
        print(f"C={c}: held-out answer {t['answer_holds']}/{t['answerable']}, declined "
              f"{t['declined']}/{t['unanswerable']}, top-3 {t['top3_holds']}/{t['answerable']}")
    c = max(results, key=lambda k: sum(r.correct for r in results[k][0].results))
    total, per_group = results[c]
    summary = summarise(per_group)
    print(json.dumps(summary, indent=1))
    fitted = [it for it in items if not it.group.startswith(EVAL_PREFIX)]
    model = fit(fitted, c)
    rows = [(it, probs_of(model, it), False) for it in fitted]
    # The shipped threshold comes from held-out probabilities, never from the fitted model's own.
    oof_rows = []
    for g in sorted({it.group for it in fitted}):
        fold = fit([it for it in fitted if it.group != g], c)
        oof_rows += [(it, p, holds_if_answered(it, p, fold)) for it in fitted if it.group == g
                     for p in [probs_of(fold, it)]]
    threshold = choose_threshold(oof_rows)
    del rows
    model = AnswerModel(model.features, model.mean, model.scale, model.coef, model.intercept, threshold,
                        sure_decline(oof_rows, threshold), {
                            "fitted": datetime.now(UTC).isoformat(timespec="seconds"), "C": c,
                            "groups": {g.name: len(g.questions) for g in groups},
                            "held_out": summary,
                        })
    print(f"threshold {model.threshold}, sure decline below {model.sure_decline}")
    if not args.dry_run:
        ranker.save(model)
        print(f"wrote {ranker.WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
