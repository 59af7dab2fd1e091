"""``make train`` (second stage): fit the re-ranker on the cross-encoder's held-out scores.

Reads the out-of-fold cross-encoder logits (``var/train/cross_oof.jsonl``, from ``training.cross_fit``), so
neither stage ever scores a question its own training saw; writes ``retrieval/rerank_model.json`` with a
decline threshold chosen on held-out probabilities, and prints the leave-one-article-out figures.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from index.embedding import DEFAULT_MODEL, SentenceTransformerEncoder
from retrieval import ranker, rerank
from retrieval.answer import compose
from retrieval.evaluate import EvalReport, score_one
from retrieval.ranker import AnswerModel
from retrieval.rerank import RERANK_FEATURES, rerank_matrix, spread, top_candidates
from training.dataset import WORK, Item, build_items
from training.fit import choose_threshold, out_of_fold, summarise, sure_decline
from training.groups import EVAL_PREFIX, collect

CROSS_OOF = WORK / "cross_oof.jsonl"


@dataclass
class Reread:
    item: Item
    picked: list[int]
    matrix: np.ndarray
    labels: np.ndarray


def read_cross(path: Path) -> dict[tuple[str, str], float]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out[(row["qid"], row["sentence"])] = float(row["cross"])
    return out


def reread(items: list[Item], first: dict[int, np.ndarray], cross: dict[tuple[str, str], float]) -> list[Reread]:
    """The candidates the first stage would hand on, with the cross-encoder's held-out score for each
    (a candidate the cross-encoder never scored is passed over, as if the first stage had not picked it)."""
    out = []
    for i, it in enumerate(items):
        order = top_candidates(it.found, first[i], k=len(it.found.rows))
        picked = [j for j in order if (it.question.id, it.found.texts[j]) in cross][: rerank.TOP_K]
        logits = np.array([cross[(it.question.id, it.found.texts[j])] for j in picked], dtype=np.float32)
        out.append(Reread(it, picked, rerank_matrix(it.found, it.analysed, picked, first[i], logits),
                          it.labels[picked]))
    return out


def fit(rows: list[Reread], c: float) -> AnswerModel:
    x = np.vstack([r.matrix for r in rows])
    y = np.concatenate([r.labels for r in rows])
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 1e-9, scaler.scale_, 1.0)
    lr = LogisticRegression(C=c, max_iter=3000).fit((x - scaler.mean_) / scale, y)
    return AnswerModel(tuple(RERANK_FEATURES), scaler.mean_, scale, lr.coef_[0], float(lr.intercept_[0]),
                       0.5, 0.0, {})


def final_probs(r: Reread, model: AnswerModel) -> np.ndarray:
    return spread(model.probabilities(r.matrix, RERANK_FEATURES), r.picked, len(r.item.found.rows))


def holds_if_answered(r: Reread, probs: np.ndarray, model: AnswerModel) -> bool:
    forced = AnswerModel(model.features, model.mean, model.scale, model.coef, model.intercept, 0.0, 0.0, {})
    return score_one(r.item.question, compose(r.item.index, r.item.analysed, r.item.found, probs, forced)).answer_holds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.rerank_fit", description=__doc__)
    parser.add_argument("--c", type=float, default=0.3, help="regularisation strength")
    parser.add_argument("--first-c", type=float, default=None, help="first stage's (default: the shipped one's)")
    parser.add_argument("--cross", type=Path, default=CROSS_OOF)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    first_c = args.first_c or float(ranker.load().meta.get("C", 0.3))
    items = build_items(collect(), SentenceTransformerEncoder(DEFAULT_MODEL))
    rows = reread(items, out_of_fold(items, first_c), read_cross(args.cross))
    fitted = [r for r in rows if not r.item.group.startswith(EVAL_PREFIX)]
    groups = sorted({r.item.group for r in rows})
    oof: dict[int, tuple[np.ndarray, bool]] = {}
    for g in groups:
        model = fit([r for r in fitted if r.item.group != g], args.c)
        for i, r in enumerate(rows):
            if r.item.group == g:
                p = final_probs(r, model)
                oof[i] = (p, holds_if_answered(r, p, model))
    per_group: dict[str, EvalReport] = {}
    for g in groups:
        others = [(r.item, *oof[i]) for i, r in enumerate(rows)
                  if r.item.group != g and not r.item.group.startswith(EVAL_PREFIX)]
        t = choose_threshold(others)
        judge = AnswerModel(tuple(RERANK_FEATURES), np.zeros(1), np.ones(1), np.zeros(1), 0.0, t,
                            sure_decline(others, t), {})
        report = per_group.setdefault(g, EvalReport())
        for i, r in enumerate(rows):
            if r.item.group == g:
                report.results.append(score_one(r.item.question, compose(
                    r.item.index, r.item.analysed, r.item.found, oof[i][0], judge)))
    summary = summarise(per_group)
    print(json.dumps({k: {n: v[n] for n in ("answerable", "answer_holds", "top3_holds", "unanswerable", "declined")}
                      for k, v in summary.items()}, indent=1))
    pooled = [(r.item, *oof[i]) for i, r in enumerate(rows) if not r.item.group.startswith(EVAL_PREFIX)]
    threshold = choose_threshold(pooled)
    final = fit(fitted, args.c)
    model = AnswerModel(final.features, final.mean, final.scale, final.coef, final.intercept, threshold,
                        sure_decline(pooled, threshold), {
                            "fitted": datetime.now(UTC).isoformat(timespec="seconds"), "C": args.c,
                            "top_k": rerank.TOP_K, "held_out": summary})
    print(f"threshold {model.threshold}, sure decline below {model.sure_decline}")
    if not args.dry_run:
        ranker.save(model, rerank.WEIGHTS)
        print(f"wrote {rerank.WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
