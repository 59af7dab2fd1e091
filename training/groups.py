"""Which questions the answer model learns from, grouped by the article they are about.

A group is one article (asked about in an index of the seed corpus plus that article, as when a moderator
adds it) or the seed corpus itself. Groups are the unit of held-out measurement: the model that scores a
group never saw that group's questions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.evaluate import EvalQuestion, load_questions

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = "seed"
OFF_TOPIC = "offtopic"
# Off-topic questions are dealt into this many groups, so that each is scored held out by a model that has
# seen other off-topic questions, as the shipped model has: one group of them all would be scored by a model
# that never saw an off-topic question.
OFF_TOPIC_FOLDS = 5
EVAL_PREFIX = "eval:"  # groups named so are measured, never fitted on
# Articles written after the model was last fitted (training/heldout/): measured, never fitted on, so that
# their figure says what an article nobody tuned for gets.
HELDOUT_PREFIX = "heldout:"
# Chat-style rewordings of the training articles' questions (``<stem>.jsonl``, ids ``<orig-id>-p1``), fitted on
# as more questions of their article's group, so a held-out article's rewordings are held out with it.
PARAPHRASES = ROOT / "training" / "paraphrases"


@dataclass
class Group:
    name: str
    article: Path | None  # added to the seed corpus; None for questions about the seed corpus itself
    questions: list[EvalQuestion] = field(default_factory=list)
    held_out_only: bool = False  # an eval article: measured, never fitted on
    # Fitted on, never scored: the held-out figures stay those of the questions as written.
    paraphrases: list[EvalQuestion] = field(default_factory=list)


def with_paraphrases(groups: list[Group], *folders: Path) -> list[Group]:
    """Each fitted article group with its rewordings from ``folders`` (default ``PARAPHRASES``; several folders
    are several writers' rewordings, compared by fitting with and without them). Eval and held-out articles
    get none: they are never fitted on."""
    for group in groups:
        if group.article is None or group.held_out_only:
            continue
        paths = [f / f"{group.name}.jsonl" for f in folders or (PARAPHRASES,)]
        if existing := [p for p in paths if p.exists()]:
            group.paraphrases = load_questions(existing)
    return groups


def _article_groups(folder: Path, held_out_only: bool = False, prefix: str = EVAL_PREFIX) -> list[Group]:
    groups = []
    for questions in sorted(folder.glob("*.jsonl")):
        article = questions.with_suffix(".md")
        if article.exists():
            name = f"{prefix}{questions.stem}" if held_out_only else questions.stem
            groups.append(Group(name, article, load_questions([questions]), held_out_only))
    return groups


def collect(shared: Path = SHARED) -> list[Group]:
    seed_files = [p for p in (shared / "eval" / "dev.jsonl", shared / "eval" / "dev_more.jsonl") if p.exists()]
    if not seed_files:  # a clone without ../shared: the copies kept in tests/
        seed_files = [ROOT / "tests" / "dev.jsonl", ROOT / "tests" / "eval" / "dev_more.jsonl"]
    groups = [
        Group(SEED, None, load_questions(seed_files)),
    ]
    off_topic = load_questions([ROOT / "training" / "offtopic.jsonl"])
    groups += [Group(f"{OFF_TOPIC}/{k + 1}", None, off_topic[k::OFF_TOPIC_FOLDS]) for k in range(OFF_TOPIC_FOLDS)]
    groups += _article_groups(ROOT / "training" / "articles")
    if (shared / "train").is_dir():
        groups += _article_groups(shared / "train")
    groups += _article_groups(ROOT / "training" / "heldout", held_out_only=True, prefix=HELDOUT_PREFIX)
    eval_articles = shared / "eval" / "articles"
    groups += _article_groups(eval_articles if eval_articles.is_dir() else ROOT / "tests" / "eval", held_out_only=True)
    return groups


def has_shared_training(shared: Path = SHARED) -> bool:
    """The shipped model was fitted with ``../shared/train``; a clone without it can measure, not refit."""
    return (shared / "train").is_dir()


def never_fitted(group: str) -> bool:
    return group.startswith((EVAL_PREFIX, HELDOUT_PREFIX))


def is_off_topic(group: str) -> bool:
    return group.split("/")[0] == OFF_TOPIC


def describe(groups: list[Group]) -> str:
    return json.dumps({g.name: len(g.questions) for g in groups})
