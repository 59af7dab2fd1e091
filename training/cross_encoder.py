"""``python -m training.cross_encoder``: would a cross-encoder, reading question and sentence together, help?

The experiment of issue 11, kept so it can be run again on more training questions. It fine-tunes the
packaged MiniLM (its first ``--layers`` layers, mean pooling, a linear head) on (question, sentence,
holds-the-answer) pairs (``training.pairs``), in folds of whole articles, so that every question is scored by
a cross-encoder that never saw its article; then adds that score to the answer model's features and prints
the leave-one-article-out figures with and without it. Nothing it makes is shipped: the bot keeps the
answer model without it unless these figures improve (README, "Answer quality"; the log in docs/answer-quality.md).

The articles written after the fit and the eval articles are never trained on; each fold's model scores
them and their score is the folds' mean.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from index.embedding import DEFAULT_MODEL, SentenceTransformerEncoder
from index.model_files import offline_env, resolve_model_path
from retrieval.evaluate import EvalReport
from retrieval.features import FEATURES
from training.dataset import Item, build_items
from training.fit import held_out, out_of_fold
from training.groups import collect, never_fitted
from training.pairs import Pair, select

log = logging.getLogger("training")
# Read by the answer model when the experiment adds them: the score itself, how far below the question's best
# read sentence it is, and the question's best (a question nothing answers may score low everywhere).
READ = ("reread", "reread_gap", "q_max_reread")
MAX_TOKENS = 128
BATCH = 32


def _net(model_path: str, layers: int) -> Any:
    import torch
    from transformers import AutoModel

    class CrossEncoder(torch.nn.Module):
        """Mean pooling as the model was trained with: its [CLS] output was never taught anything."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(model_path)
            self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)
            torch.nn.init.normal_(self.head.weight, std=0.02)
            torch.nn.init.zeros_(self.head.bias)

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            hidden = self.encoder(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
            weights = mask.unsqueeze(-1).float()
            return self.head((hidden * weights).sum(1) / weights.sum(1)).squeeze(-1)

    return CrossEncoder()


def _batch(tokenizer: Any, pairs: Sequence[Pair]) -> tuple[Any, Any, Any]:
    import torch

    enc = tokenizer([p.question for p in pairs], [p.sentence for p in pairs], truncation="only_second",
                    max_length=MAX_TOKENS, padding=True, return_tensors="pt")
    return enc["input_ids"], enc["attention_mask"], enc.get("token_type_ids", torch.zeros_like(enc["input_ids"]))


def finetune(train: list[Pair], layers: int, epochs: float, seed: int = 0) -> tuple[Any, Any]:
    """(network, tokenizer) fitted with a weighted binary loss: answers are about one pair in fifteen."""
    import torch
    from transformers import AutoTokenizer

    torch.manual_seed(seed)
    rng = random.Random(seed)
    path = resolve_model_path(DEFAULT_MODEL)
    tokenizer = AutoTokenizer.from_pretrained(path)
    net = _net(path, layers)
    optimiser = torch.optim.AdamW([{"params": net.encoder.parameters(), "lr": 4e-5},
                                   {"params": net.head.parameters(), "lr": 1e-3}], weight_decay=0.01)
    steps = max(1, int(epochs * len(train) / BATCH))
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, s / warmup) * max(0.0, 1 - s / steps))
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(2.0))
    net.train()
    step, started, order = 0, time.monotonic(), list(train)
    while step < steps:
        rng.shuffle(order)
        for start in range(0, max(1, len(order) - BATCH + 1), BATCH):
            chunk = order[start:start + BATCH]
            loss = loss_fn(net(*_batch(tokenizer, chunk)), torch.tensor([float(p.label) for p in chunk]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if step % 50 == 0:
                log.info("step %d/%d loss %.3f (%.0f s)", step, steps, loss.item(), time.monotonic() - started)
            if step >= steps:
                break
    return net.eval(), tokenizer


def scores(net: Any, tokenizer: Any, pairs: Sequence[Pair]) -> dict[tuple[int, int], float]:
    import torch

    out: dict[tuple[int, int], float] = {}
    with torch.no_grad():
        for start in range(0, len(pairs), 64):
            chunk = pairs[start:start + 64]
            for pair, value in zip(chunk, net(*_batch(tokenizer, chunk)).tolist(), strict=True):
                out[(pair.item, pair.candidate)] = float(value)
    return out


def out_of_fold_scores(pairs: list[Pair], folds: int, top: int, layers: int, epochs: float
                       ) -> dict[tuple[int, int], float]:
    """Every read pair's score from a cross-encoder that never saw its article."""
    groups = sorted({p.group for p in pairs if not never_fitted(p.group)})
    random.Random(7).shuffle(groups)
    read = [p for p in pairs if p.stage1_rank < top]
    found: dict[tuple[int, int], list[float]] = {}
    for fold in range(folds):
        held = set(groups[fold::folds])
        train = [p for p in pairs if not never_fitted(p.group) and p.group not in held]
        net, tokenizer = finetune(train, layers, epochs)
        scored = [p for p in read if p.group in held or never_fitted(p.group)]
        for key, value in scores(net, tokenizer, scored).items():
            found.setdefault(key, []).append(value)
        log.info("fold %d/%d: %d pairs trained, %d scored", fold + 1, folds, len(train), len(scored))
    return {key: float(np.mean(values)) for key, values in found.items()}


def with_reread(items: list[Item], read: dict[tuple[int, int], float]) -> list[Item]:
    """The items with the ``READ`` columns appended; a sentence the cross-encoder did not read scores just
    below the question's lowest read one (at serving time it would not be read either)."""
    out = []
    for k, it in enumerate(items):
        n = len(it.found.texts)
        got = {i: read[(k, i)] for i in range(n) if (k, i) in read}
        low = min(got.values()) - 1.0 if got else -8.0
        best = max(got.values()) if got else -8.0
        score = np.array([got.get(i, low) for i in range(n)])
        extra = np.column_stack([score, score - best, np.full(n, best)]) if n else np.zeros((0, len(READ)))
        out.append(replace(it, found=replace(it.found, matrix=np.hstack([it.found.matrix, extra]))))
    return out


def _line(label: str, per_group: dict[str, EvalReport]) -> str:
    total = EvalReport([r for g, rep in per_group.items() if not never_fitted(g) for r in rep.results]).totals()
    unseen = EvalReport([r for g, rep in per_group.items() if never_fitted(g) for r in rep.results]).totals()
    return (f"{label}: held out {total['answer_holds']}/{total['answerable']} answered with the fact, "
            f"{total['declined']}/{total['unanswerable']} unanswerable declined; never fitted "
            f"{unseen['answer_holds']}/{unseen['answerable']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.cross_encoder", description=__doc__)
    parser.add_argument("--layers", type=int, default=3)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--top", type=int, default=12, help="first-stage candidates re-read per question")
    parser.add_argument("--c", type=float, default=1.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    offline_env()
    import torch

    torch.set_num_threads(os.cpu_count() or 1)
    items = build_items(collect(), SentenceTransformerEncoder(DEFAULT_MODEL))
    pairs = select(items, out_of_fold(items, args.c), args.top)
    read = out_of_fold_scores(pairs, args.folds, args.top, args.layers, args.epochs)
    by_item: dict[int, list[Pair]] = {}
    for pair in pairs:
        if (pair.item, pair.candidate) in read:
            by_item.setdefault(pair.item, []).append(pair)
    first_hits = reread_hits = questions = 0
    for k, mine in by_item.items():
        if any(p.label for p in mine):
            questions += 1
            first_hits += min(mine, key=lambda p: p.stage1_rank).label
            reread_hits += max(mine, key=lambda p: read[(k, p.candidate)]).label
    print(f"first sentence holds the answer: first stage {first_hits}/{questions}, "
          f"cross-encoder alone {reread_hits}/{questions}")
    print(_line("without", held_out(items, args.c)[1]))
    print(_line("with", held_out(with_reread(items, read), args.c, [*FEATURES, *READ])[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
