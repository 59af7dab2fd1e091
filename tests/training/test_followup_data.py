"""Validates the two-turn training conversations (``training/followups/``): one file per article, each second
turn with gold strings that occur in that article's prose, ids that say which article and which turn.

They measure follow-up handling on articles nobody tuned it for (``python -m training.followup_eval``); a gold
string that no longer occurs would silently count every answer as a miss.
"""

from __future__ import annotations

import json
from pathlib import Path

import frontmatter
import pytest

from tests.training.test_training_data import MAX_GOLD_WORDS, ROOT, occurs, prose
from training.followup_eval import FOLLOWUPS, article_for

FILES = sorted(FOLLOWUPS.glob("*.jsonl"))


def test_every_training_article_has_conversations() -> None:
    articles = {p.stem for folder in ("articles", "heldout") for p in (ROOT / "training" / folder).glob("*.md")
                if p.name != "README.md"}
    assert articles <= {f.stem for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_conversations_shape_and_gold_strings(path: Path) -> None:
    article = article_for(path.stem)
    if article is None:
        pytest.skip(f"{path.stem}.md absent (../shared/train is not beside this checkout)")
    body = prose(frontmatter.load(article).content)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 2
    for n, row in enumerate(rows, start=1):
        assert row["id"] == f"{path.stem}-f{n}" and row["docs"] == [path.stem]
        first, second = row["turns"]
        assert set(first) == {"question"} and set(second) == {"question", "answers_any"}
        assert 1 <= len(second["answers_any"]) <= 3
        for gold in second["answers_any"]:
            assert len(gold.split()) <= MAX_GOLD_WORDS, (row["id"], gold)
            assert occurs(gold, body), f"{row['id']}: {gold!r} is not in {article.name}'s prose"
