"""Several writers' rewordings (``--paraphrase-dir``, repeatable) are fitted together, so each writer's share can
be measured by fitting with and without it."""

from __future__ import annotations

import json
from pathlib import Path

from training.groups import Group, with_paraphrases


def _write(folder: Path, stem: str, ids: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": i, "paraphrase_of": "a-01", "question": f"q {i}", "docs": [stem], "answerable": False})
             for i in ids]
    (folder / f"{stem}.jsonl").write_text("\n".join(lines) + "\n")


def test_rewordings_of_every_folder_join_the_group(tmp_path: Path) -> None:
    _write(tmp_path / "w1", "a", ["a-01-p1", "a-01-p2"])
    _write(tmp_path / "w2", "a", ["a-01-p3"])
    _write(tmp_path / "w2", "b", ["b-01-p3"])
    article = tmp_path / "a.md"
    groups = with_paraphrases([Group("a", article), Group("b", article), Group("c", article)],
                              tmp_path / "w1", tmp_path / "w2")
    assert [[q.id for q in g.paraphrases] for g in groups] == [["a-01-p1", "a-01-p2", "a-01-p3"], ["b-01-p3"], []]


def test_one_folder_reads_only_its_own(tmp_path: Path) -> None:
    _write(tmp_path / "w1", "a", ["a-01-p1"])
    _write(tmp_path / "w2", "a", ["a-01-p3"])
    groups = with_paraphrases([Group("a", tmp_path / "a.md")], tmp_path / "w2")
    assert [q.id for q in groups[0].paraphrases] == ["a-01-p3"]
