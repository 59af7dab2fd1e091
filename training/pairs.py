"""``python -m training.pairs``: the (question, sentence, label) pairs a cross-encoder learns from.

For every training question, the sentences the first-stage answer model (fitted without the question's
own group) ranks highest, plus every sentence that holds the answer: the cross-encoder only ever re-reads
the first stage's top candidates, so those are the pairs worth learning.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from bot.output_path import unwritable
from index.embedding import DEFAULT_MODEL, SentenceTransformerEncoder
from retrieval import ranker
from training.dataset import WORK, Item, build_items
from training.fit import out_of_fold
from training.groups import collect

PAIRS = WORK / "pairs.jsonl"


@dataclass(frozen=True)
class Pair:
    item: int  # position of the question in the item list
    candidate: int  # position of the sentence among the question's candidates
    group: str
    question: str
    sentence: str
    label: int
    stage1_rank: int
    answerable: bool


def select(items: list[Item], first: dict[int, np.ndarray], top: int) -> list[Pair]:
    """Each question's ``top`` first-stage candidates and every sentence that holds its answer."""
    pairs: list[Pair] = []
    for k, it in enumerate(items):
        order = np.argsort(-first[k], kind="stable")
        rank = np.empty(len(order), dtype=int)
        rank[order] = np.arange(len(order))
        for i, text in enumerate(it.found.texts):
            if rank[i] < top or it.labels[i]:
                pairs.append(Pair(k, i, it.group, it.question.question, text, int(it.labels[i]), int(rank[i]),
                                  it.question.answerable))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.pairs", description=__doc__)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--out", type=Path, default=PAIRS)
    args = parser.parse_args(argv)
    problem = unwritable(args.out, make_folders=True)
    if problem:  # before the articles are encoded, not after
        parser.error(f"--out {problem}")
    logging.basicConfig(level=logging.WARNING)
    items = build_items(collect(), SentenceTransformerEncoder(DEFAULT_MODEL))
    pairs = select(items, out_of_fold(items, float(ranker.load().meta.get("C", 0.3))), args.top)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for pair in pairs:
            fh.write(json.dumps(asdict(pair), ensure_ascii=False) + "\n")
    print(f"wrote {len(pairs)} pairs to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
