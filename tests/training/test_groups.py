"""How training questions are grouped for held-out measurement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training import fit as fit_module
from training.fit import _kind
from training.groups import OFF_TOPIC, OFF_TOPIC_FOLDS, SEED, collect, has_shared_training, is_off_topic


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


def test_a_clone_without_shared_still_uses_every_question_the_repository_keeps(tmp_path: Path) -> None:
    """The seed questions of both files and the eval article, from their copies in tests/ (only dev.jsonl
    was used: 16 seed questions instead of 63, and no eval article)."""
    groups = {g.name: g for g in collect(tmp_path)}
    seed_ids = {q.id for q in groups[SEED].questions}
    assert any(i.startswith("dev-") for i in seed_ids) and any(i.startswith("p-") for i in seed_ids)
    assert groups["eval:koo_signups"].held_out_only and groups["eval:koo_signups"].article is not None
    assert not has_shared_training(tmp_path)


def test_refitting_without_the_shared_articles_only_measures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """``make train`` on a clone without ../shared would have overwritten the shipped weights with a model
    fitted on fewer articles."""
    monkeypatch.setattr(fit_module, "has_shared_training", lambda: False)
    monkeypatch.setattr(fit_module, "collect", lambda: (_ for _ in ()).throw(SystemExit("stop before fitting")))
    with pytest.raises(SystemExit, match="stop before fitting"):
        fit_module.main([])
    assert "Measuring only" in capsys.readouterr().err
