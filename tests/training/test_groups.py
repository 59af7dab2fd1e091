"""How training questions are grouped for held-out measurement."""

from __future__ import annotations

import json
from pathlib import Path

from training.fit import _kind
from training.groups import OFF_TOPIC, OFF_TOPIC_FOLDS, SEED, collect, is_off_topic


def test_off_topic_questions_are_dealt_into_folds_each_scored_by_a_model_that_saw_the_others(
        tmp_path: Path) -> None:
    groups = collect(tmp_path)  # no ../shared here: the repository's own questions only
    folds = [g for g in groups if is_off_topic(g.name)]
    assert len(folds) == OFF_TOPIC_FOLDS
    asked = [q.id for g in folds for q in g.questions]
    shipped = Path(__file__).resolve().parents[2] / "training" / "offtopic.jsonl"
    lines = [json.loads(line)["id"] for line in shipped.read_text().splitlines() if line.strip()]
    assert sorted(asked) == sorted(lines) and len(set(asked)) == len(asked)  # each once, none lost
    assert all(not q.answerable for g in folds for q in g.questions)
    assert {_kind(g.name) for g in folds} == {OFF_TOPIC} and _kind(SEED) == SEED
    assert not is_off_topic(SEED) and not is_off_topic("offtopicality_article")
