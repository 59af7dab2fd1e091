"""Replicas seeding one empty volume together (``bot.corpus_seed``): in containers each is PID 1, as these threads
share one PID, and the hidden copy's name was made of the PID."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from bot import corpus_seed
from bot.corpus_seed import seed_corpus


def test_starting_together_every_article_is_copied_once_and_whole(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    texts = {f"a{i:02}.txt": f"Article {i}. " + "The ministry ordered the platform to block accounts. " * 400
             for i in range(20)}
    for name, text in texts.items():
        (shipped / name).write_text(text, encoding="utf-8")
    corpus = tmp_path / "volume" / "corpus"
    start = threading.Barrier(6)
    copied: list[list[str]] = []
    failures: list[BaseException] = []

    def replica() -> None:
        start.wait()
        try:
            copied.append(seed_corpus(corpus, shipped))
        except BaseException as exc:  # the test reports what any replica raised
            failures.append(exc)

    replicas = [threading.Thread(target=replica) for _ in range(6)]
    for thread in replicas:
        thread.start()
    for thread in replicas:
        thread.join()
    assert failures == []
    assert sorted(name for names in copied for name in names) == sorted(texts)  # each copied by one replica
    assert sum(1 for names in copied if names) == 1  # the others found it seeded: none began on half of it
    assert {p.name: p.read_text(encoding="utf-8") for p in corpus.iterdir()} == texts


def test_a_corpus_mounted_under_a_folder_the_bot_cannot_write_is_still_seeded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A volume mounted at CORPUS_DIR itself, under the image's root-owned /app, as uid 10001: the lock beside it
    can't be made (simulated: these tests may run as root, whom no mode stops)."""
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "a.txt").write_text("The ministry ordered the platform to block 300 accounts on Monday.\n")
    app = tmp_path / "app"
    corpus = app / "corpus"
    corpus.mkdir(parents=True)
    real_open = Path.open

    def refusing(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.parent == app and self.name.endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing)
    monkeypatch.setattr(corpus_seed.os, "access", lambda path, mode: Path(path) != app)
    assert seed_corpus(corpus, shipped) == ["a.txt"]
    assert [p.name for p in corpus.iterdir() if not p.name.startswith(".")] == ["a.txt"]
