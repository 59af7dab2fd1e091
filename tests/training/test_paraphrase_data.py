"""Shape of ``training/paraphrases/``: chat-style rewordings of the fitted articles' questions.

A rewording that drifts from its original (another label, gold strings or article) teaches the model a wrong
label without any error, and one of a never-fitted question would leak the held-out measures into the fit.
Whether a rewording still asks the same thing needs a human reader and is not checked here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from retrieval.evaluate import EvalQuestion
from training.groups import PARAPHRASES, Group, with_paraphrases

ROOT = Path(__file__).resolve().parents[2]
# The fitted articles' question files; only the repository's own are certain to be here (../shared may not).
SOURCES = (ROOT / "training" / "articles", ROOT.parent / "shared" / "train")
SOURCE_KEYS = ("answers_any", "docs", "answerable")
# Rewordings per answerable / unanswerable question, by number: -p1 and -p2 are the first writer's (one for an
# unanswerable question), -p3, -p4 and -p5 one each from three more writers (terse, chatty, plain words), and
# -p6, -p7 and -p8 one each from three after them (phone typing, requests, an outsider's descriptions).
WRITTEN = {True: [1, 2, 3, 4, 5, 6, 7, 8], False: [1, 3, 4, 5, 6, 7, 8]}


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def source_of(stem: str) -> Path | None:
    return next((d / f"{stem}.jsonl" for d in SOURCES if (d / f"{stem}.jsonl").is_file()), None)


def paraphrase_files() -> list[Path]:
    return sorted(PARAPHRASES.glob("*.jsonl"))


def test_every_repository_training_article_has_its_rewordings() -> None:
    stems = {p.stem for p in paraphrase_files()}
    own = {p.stem for p in (ROOT / "training" / "articles").glob("*.jsonl")}
    assert own and own <= stems, f"no rewordings for {sorted(own - stems)}"
    assert all(source_of(s) is not None for s in stems if SOURCES[1].is_dir()), "a file for an article never fitted"


@pytest.mark.parametrize("path", paraphrase_files(), ids=lambda p: p.stem)
def test_rewordings_keep_their_originals_labels(path: Path) -> None:
    source = source_of(path.stem)
    if source is None:
        pytest.skip(f"{path.stem}: its questions live in ../shared/train, absent here")
    originals = {r["id"]: r for r in rows(source)}
    numbers: dict[str, list[int]] = {}
    for row in rows(path):
        orig = originals.get(row.get("paraphrase_of", ""))
        assert orig is not None, f"{row.get('id')}: paraphrase_of names no question of {source.name}"
        stem, _, number = row["id"].rpartition("-p")
        assert stem == orig["id"] and number.isdigit(), f"{row['id']}: ids are <orig-id>-p<writer's number>"
        numbers.setdefault(orig["id"], []).append(int(number))
        assert {k: row.get(k) for k in SOURCE_KEYS} == {k: orig.get(k) for k in SOURCE_KEYS}, row["id"]
        assert row["question"].strip().lower() != orig["question"].strip().lower(), f"{row['id']}: a copy"
        EvalQuestion.from_dict(row)  # loads as the fit loads it
    assert numbers == {i: WRITTEN[r["answerable"]] for i, r in originals.items()}


def test_rewordings_join_their_article_group_and_never_a_measured_one(tmp_path: Path) -> None:
    folder = tmp_path / "paraphrases"
    folder.mkdir()
    line = {"id": "a-01-p1", "paraphrase_of": "a-01", "question": "who did it", "docs": ["a"], "answerable": False}
    for stem in ("a", "heldout:a", "seed"):
        (folder / f"{stem}.jsonl").write_text(json.dumps({**line, "docs": [stem]}) + "\n")
    article = tmp_path / "a.md"
    groups = with_paraphrases([Group("a", article), Group("heldout:a", article, held_out_only=True),
                               Group("seed", None), Group("b", article)], folder)
    assert [[q.id for q in g.paraphrases] for g in groups] == [["a-01-p1"], [], [], []]
    assert all(not g.questions for g in groups)  # the originals stay what they were
