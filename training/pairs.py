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
from pathlib import Path

import numpy as np

from index.embedding import DEFAULT_MODEL, SentenceTransformerEncoder
from retrieval import ranker
from training.dataset import WORK, build_items
from training.fit import out_of_fold
from training.groups import collect

PAIRS = WORK / "pairs.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.pairs", description=__doc__)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--out", type=Path, default=PAIRS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    groups = collect()
    items = build_items(groups, SentenceTransformerEncoder(DEFAULT_MODEL))
    first = out_of_fold(items, float(ranker.load().meta.get("C", 0.3)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with args.out.open("w", encoding="utf-8") as fh:
        for k, it in enumerate(items):
            order = np.argsort(-first[k], kind="stable")
            rank = np.empty(len(order), dtype=int)
            rank[order] = np.arange(len(order))
            for i, text in enumerate(it.found.texts):
                if rank[i] < args.top or it.labels[i]:
                    fh.write(json.dumps({
                        "group": it.group, "qid": it.question.id, "question": it.question.question,
                        "sentence": text, "label": int(it.labels[i]), "stage1_rank": int(rank[i]),
                        "answerable": it.question.answerable,
                    }, ensure_ascii=False) + "\n")
                    n += 1
    print(f"wrote {n} pairs to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
