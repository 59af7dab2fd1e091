"""The off-topic questions written blind on 2026-12-07 (``training/offtopic_blind.jsonl``): a measure of the
off-topic filter nobody tuned for, so a malformed or answer-carrying line would silently score as a decline."""

from __future__ import annotations

from pathlib import Path

from tests.training.test_training_data import load_questions, normalise

ROOT = Path(__file__).resolve().parents[2]


def test_blind_off_topic_questions_are_fifty_distinct_declines() -> None:
    rows = load_questions(ROOT / "training" / "offtopic_blind.jsonl")
    assert [r.get("id") for r in rows] == [f"ob-{i:02d}" for i in range(1, 51)]
    texts = [normalise(str(r.get("question", ""))) for r in rows]
    assert all(texts) and len(set(texts)) == len(texts)
    for row in rows:
        assert set(row) == {"id", "question", "docs", "answerable"}, row["id"]
        assert row["docs"] == [] and row["answerable"] is False, row["id"]
