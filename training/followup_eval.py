"""``python -m training.followup_eval``: two-turn conversations about the training articles, answered the way
the bot answers a thread, to measure follow-up handling on more than the six seed conversations.

Each article is asked about in an index of the seed corpus plus that article (built by ``make train``, or here
when missing). The second turn is scored with its conversation and, for comparison, alone. Nothing is fitted
on these conversations: they measure, so a change to follow-up handling can be judged on articles it was
not written for.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from index.builder import build_index
from index.embedding import DEFAULT_MODEL, SentenceTransformerEncoder, lazy_encoder
from retrieval.engine import Engine
from retrieval.evaluate import contains
from retrieval.turns import FollowupContext, Turn, turn_of
from retrieval.types import Answer
from training.dataset import WORK, group_index
from training.groups import ROOT, SHARED, Group

FOLLOWUPS = ROOT / "training" / "followups"


def article_for(stem: str) -> Path | None:
    for folder in (ROOT / "training" / "articles", ROOT / "training" / "heldout", SHARED / "train"):
        if (folder / f"{stem}.md").is_file():
            return folder / f"{stem}.md"
    return None


def _holds(answer: Answer, golds: list[str]) -> bool:
    return answer.answered and any(contains(answer.text, g) for g in golds)


def score(engine: Engine, conversations: list[dict[str, Any]], verbose: bool = False) -> dict[str, int]:
    """Second turns answered with the fact in conversation, and alone; and how many used borrowed words."""
    out = {"conversations": 0, "holds": 0, "holds_alone": 0, "expanded": 0, "answered": 0}
    for conversation in conversations:
        turns: list[Turn] = []
        for item in conversation["turns"]:
            answer = engine.ask(item["question"], FollowupContext(tuple(turns)) if turns else None)
            if "answers_any" in item:
                out["conversations"] += 1
                out["holds"] += _holds(answer, item["answers_any"])
                out["holds_alone"] += _holds(engine.ask(item["question"]), item["answers_any"])
                out["expanded"] += bool(answer.searched_for)
                out["answered"] += answer.answered
                if verbose and not _holds(answer, item["answers_any"]):
                    print(f"MISS {conversation['id']}: {item['question']!r} [{answer.searched_for}] -> "
                          f"{answer.text[:120]}")
            turns.append(turn_of(item["question"], answer))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.followup_eval", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    encoder = SentenceTransformerEncoder(DEFAULT_MODEL)
    seed_index = WORK / "seed" / "index"
    build_index(ROOT / "corpus", seed_index, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    total = {"conversations": 0, "holds": 0, "holds_alone": 0, "expanded": 0, "answered": 0}
    for path in sorted(FOLLOWUPS.glob("*.jsonl")):
        article = article_for(path.stem)
        if article is None:
            continue
        index_dir = group_index(Group(path.stem, article), seed_index, lambda: encoder, WORK)
        engine = Engine(index_dir, lazy_encoder(DEFAULT_MODEL, index_dir))
        conversations = _conversations(path)
        for key, value in score(engine, conversations, args.verbose).items():
            total[key] += value
    _print("training articles", total)
    # Conversations about the seed articles: the shipped ones and those written blind (2026-12-04, 2026-12-07).
    engine = Engine(seed_index, lazy_encoder(DEFAULT_MODEL, seed_index))
    for path in (SHARED / "eval" / "followups.jsonl", *sorted(ROOT.glob("training/seed_blind*_followups.jsonl"))):
        if path.is_file():
            conversations = _conversations(path)
            _print(path.name, score(engine, conversations, args.verbose))
    return 0


def _conversations(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _print(what: str, total: dict[str, int]) -> None:
    print(f"{what}: second turns answered with the fact: {total['holds']}/{total['conversations']} in "
          f"conversation, {total['holds_alone']} asked alone; {total['expanded']} answered from the expanded "
          f"reading; {total['answered'] - total['holds']} answered without it")


if __name__ == "__main__":
    sys.exit(main())
