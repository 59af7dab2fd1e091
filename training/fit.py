"""``make train``: fit the answer model, measure it on held-out articles, write ``retrieval/answer_model.json``.

Every figure it prints is held out: leave one group (article) out, fit on the rest, score the group left
out, with a decline threshold and a pairing share (``pair_ratio``) chosen on the other groups only. The
shipped model is then fitted on every group except the eval articles (``../shared/eval/articles``), which
stay unseen so that adding them measures what a moderator's new article would get.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
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
    with_paraphrases,
)

log = logging.getLogger("training")
GRID = np.round(np.arange(0.02, 0.96, 0.01), 2)


def fit(items: list[Item], c: float, names: Sequence[str] = FEATURES, paraphrase_weight: float = 1.0) -> AnswerModel:
    """``names``: the columns of the items' matrices; an experiment may append its own (``training.cross_encoder``).
    ``paraphrase_weight``: what a paraphrase's sentences count for against an original question's."""
    x = np.vstack([it.found.matrix for it in items])
    if x.shape[1] != len(names):
        raise ValueError(f"{x.shape[1]} feature columns, {len(names)} names")
    y = np.concatenate([it.labels for it in items])
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 1e-9, scaler.scale_, 1.0)
    weights = np.concatenate([np.full(len(it.labels), 1.0 if it.original else paraphrase_weight) for it in items])
    lr = LogisticRegression(C=c, max_iter=2000).fit((x - scaler.mean_) / scale, y, sample_weight=weights)
    return AnswerModel(tuple(names), scaler.mean_, scale, lr.coef_[0], float(lr.intercept_[0]), 0.5, {})


def probs_of(model: AnswerModel, item: Item, names: Sequence[str] = FEATURES) -> np.ndarray:
    return model.probabilities(item.found.matrix, list(names))


def best_p(item: Item, probs: np.ndarray) -> float:
    return item.found.best(probs)


# How much declining an on-topic question the articles can't answer counts against missing an answerable one.
# Less than one: a decline still shows the closest passages, and users came for answers; more than zero:
# a confident answer from a sentence that is merely about the question costs trust.
DECLINE_WEIGHT = 0.5


# Shares of the best sentence's probability at which the runner-up may join the answer (1.0: never).
PAIR_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
# How much a second sentence that the asker must read counts against an answer that holds the fact: one
# more answer with the fact is worth ten answers made a sentence longer (both stay within 400 characters).
PAIR_COST = 0.1


@dataclass(frozen=True)
class Row:
    """An item with its held-out probabilities and, for each share in ``PAIR_GRID``, whether the answer the bot
    would give, were it never to decline, holds the fact and quotes the runner-up for being close."""

    item: Item
    probs: np.ndarray
    holds: dict[float, bool]
    paired: dict[float, bool]


def judge(threshold: float, pair_ratio: float = 1.0) -> AnswerModel:
    """A model that only decides (probabilities come from elsewhere)."""
    return AnswerModel(tuple(FEATURES), np.zeros(1), np.ones(1), np.zeros(1), 0.0, threshold, {}, pair_ratio)


def row_of(item: Item, probs: np.ndarray, threshold: float) -> Row:
    """``threshold``: the one the answers are composed with (a runner-up may join for what it adds only above
    it). They are composed as if never declined: whether they are given at all is the decline's business,
    chosen on these rows."""
    holds, quotes = {}, {}
    for ratio in PAIR_GRID:
        answer = compose(item.index, item.analysed, item.found, probs, judge(threshold, ratio), undeclined=True)
        holds[ratio] = score_one(item.question, answer).answer_holds
        quotes[ratio] = len(answer.citations)
    return Row(item, probs, holds, {r: quotes[r] > quotes[1.0] for r in PAIR_GRID})


def _unpaired(item: Item, probs: np.ndarray) -> Row:
    answer = compose(item.index, item.analysed, item.found, probs, judge(0.0))
    return Row(item, probs, {1.0: score_one(item.question, answer).answer_holds}, {1.0: False})


def choose_threshold(rows: list[Row], pair_ratio: float = 1.0) -> float:
    """The threshold that answers the most answerable questions with the fact plus ``DECLINE_WEIGHT`` times
    the share of on-topic unanswerable ones declined, among those that decline every off-topic question."""
    answerable = [(best_p(r.item, r.probs), r.holds[pair_ratio]) for r in rows if r.item.question.answerable]
    on_topic = [best_p(r.item, r.probs) for r in rows
                if not r.item.question.answerable and not is_off_topic(r.item.group)]
    off_topic = [best_p(r.item, r.probs) for r in rows if is_off_topic(r.item.group)]
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


def choose_pair_ratio(rows: list[Row], threshold: float) -> float:
    """The share that gains the most answers holding the fact, less ``PAIR_COST`` per answer it lengthens,
    among the answers given at ``threshold``; on a tie, the one that pairs less."""
    given = [r for r in rows if best_p(r.item, r.probs) >= threshold and not is_off_topic(r.item.group)]

    def gain(ratio: float) -> float:
        hits = sum(r.holds[ratio] for r in given if r.item.question.answerable)
        return hits - PAIR_COST * sum(r.paired[ratio] for r in given)

    return max(sorted(PAIR_GRID, reverse=True), key=gain)


def choose(rows: list[Row]) -> tuple[float, float]:
    """The decline threshold and the pairing share, each chosen on ``rows`` (held-out probabilities)."""
    ratio = choose_pair_ratio(rows, choose_threshold(rows))
    return choose_threshold(rows, ratio), ratio


def out_of_fold(items: list[Item], c: float, names: Sequence[str] = FEATURES, paraphrase_weight: float = 1.0
                ) -> dict[int, np.ndarray]:
    """Item position -> probabilities from a model fitted without the item's group (eval groups are never
    fitted on, so every model may score them)."""
    fitted = [it for it in items if not never_fitted(it.group)]
    out: dict[int, np.ndarray] = {}
    for g in sorted({it.group for it in items}):
        model = fit([it for it in fitted if it.group != g], c, names, paraphrase_weight)
        out.update({i: probs_of(model, it, names) for i, it in enumerate(items) if it.group == g})
    return out


def held_out(items: list[Item], c: float, names: Sequence[str] = FEATURES, paraphrase_weight: float = 1.0
             ) -> tuple[list[Row], dict[str, EvalReport]]:
    """Leave-one-group-out: out-of-fold probabilities, then each group scored with a threshold and pairing
    share chosen on the other groups only. Returns the pooled out-of-fold rows (for the shipped choices) and
    the reports."""
    probs = out_of_fold(items, c, names, paraphrase_weight)
    # Composed first as if never declining, to choose the threshold to compose with: what joins the best
    # sentence depends on it (a runner-up adds a figure or a date only above it). Every fold's choice lies
    # within a hundredth or two of the pooled one.
    fitted = [i for i, it in enumerate(items) if not never_fitted(it.group)]
    compose_at = choose_threshold([_unpaired(items[i], probs[i]) for i in fitted])
    rows = [row_of(it, probs[i], compose_at) for i, it in enumerate(items)]
    per_group: dict[str, EvalReport] = {}
    for g in sorted({it.group for it in items}):
        t, ratio = choose([r for r in rows if r.item.group != g and not never_fitted(r.item.group)])
        report = per_group.setdefault(g, EvalReport())
        for r in (r for r in rows if r.item.group == g and r.item.original):
            answer = compose(r.item.index, r.item.analysed, r.item.found, r.probs, judge(t, ratio))
            report.results.append(score_one(r.item.question, answer))
    return [r for r in rows if not never_fitted(r.item.group)], per_group


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
    parser.add_argument("--paraphrases", action="store_true",
                        help="fit on training/paraphrases/ too (scored: the original questions only)")
    parser.add_argument("--paraphrase-weight", type=float, default=1.0,
                        help="with --paraphrases: what a paraphrase counts for in the fit against an original")
    parser.add_argument("--paraphrase-dir", type=Path, action="append", default=[],
                        help="with --paraphrases: a folder of rewordings (repeatable; default training/paraphrases)")
    args = parser.parse_args(argv)
    if not args.dry_run and not args.force and not has_shared_training():
        print(f"{SHARED / 'train'} not found: the shipped model was fitted with its articles as well. Measuring "
              "only; --force writes weights fitted without them.", file=sys.stderr)
        args.dry_run = True
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    groups = with_paraphrases(collect(), *args.paraphrase_dir) if args.paraphrases else collect()
    encoder = SentenceTransformerEncoder(DEFAULT_MODEL)
    items = build_items(groups, encoder)
    results = {}
    for c in args.c:
        results[c] = held_out(items, c, paraphrase_weight=args.paraphrase_weight)
        t = EvalReport([r for rep in results[c][1].values() for r in rep.results]).totals()
        print(f"C={c}: held-out answer {t['answer_holds']}/{t['answerable']}, declined "
              f"{t['declined']}/{t['unanswerable']}, top-3 {t['top3_holds']}/{t['answerable']}")
    c = max(results, key=lambda k: sum(r.correct for rep in results[k][1].values() for r in rep.results))
    pooled, per_group = results[c]
    summary = summarise(per_group)
    print(json.dumps(summary, indent=1))
    final = fit([it for it in items if not never_fitted(it.group)], c, paraphrase_weight=args.paraphrase_weight)
    # The shipped threshold and pairing share come from held-out probabilities, never the fitted model's own.
    threshold, ratio = choose(pooled)
    model = AnswerModel(final.features, final.mean, final.scale, final.coef, final.intercept, threshold, {
        "fitted": datetime.now(UTC).isoformat(timespec="seconds"), "C": c,
        "groups": {g.name: len(g.questions) for g in groups},
        "held_out": summary,
    }, ratio)
    print(f"threshold {model.threshold}, pair ratio {model.pair_ratio}")
    if not args.dry_run:
        ranker.save(model)
        print(f"wrote {ranker.WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
