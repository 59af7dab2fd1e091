"""The shipped articles copied into a corpus folder on a volume's first start (``bot.corpus_seed``), never over
a moderator's file: the image served them from its writable layer, where added articles died with the
container."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus_seed import seed_corpus


def _seed(tmp_path: Path) -> Path:
    seed = tmp_path / "shipped"
    seed.mkdir()
    (seed / "a.txt").write_text("Shipped article a.\n", encoding="utf-8")
    (seed / "b.md").write_text("Shipped article b.\n", encoding="utf-8")
    return seed


def test_a_missing_or_empty_folder_is_seeded(tmp_path: Path) -> None:
    seed = _seed(tmp_path)
    assert seed_corpus(tmp_path / "volume" / "corpus", seed) == ["a.txt", "b.md"]
    assert (tmp_path / "volume" / "corpus" / "b.md").read_text(encoding="utf-8") == "Shipped article b.\n"
    fresh = tmp_path / "fresh"
    (fresh / "lost+found").mkdir(parents=True)  # a freshly made file system's, holding no article
    assert seed_corpus(fresh, seed) == ["a.txt", "b.md"]
    assert sorted(p.name for p in fresh.iterdir()) == ["a.txt", "b.md", "lost+found"]  # no partial copy left


def test_a_folder_holding_articles_is_left_as_moderators_left_it(tmp_path: Path) -> None:
    """A shipped article removed and another edited stay so: the seed is for a first start only."""
    seed = _seed(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b.md").write_text("Edited by a moderator.\n", encoding="utf-8")
    assert seed_corpus(corpus, seed) == []
    assert sorted(p.name for p in corpus.iterdir()) == ["b.md"]
    assert (corpus / "b.md").read_text(encoding="utf-8") == "Edited by a moderator.\n"


def test_a_file_already_there_is_never_replaced(tmp_path: Path) -> None:
    """Another replica seeding at the same moment, or a non-article file of the same name: left as it is."""
    seed = _seed(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (seed / "notes.html").write_text("<p>shipped</p>", encoding="utf-8")
    (corpus / "notes.html").write_text("<p>mine</p>", encoding="utf-8")
    assert seed_corpus(corpus, seed) == ["a.txt", "b.md"]
    assert (corpus / "notes.html").read_text(encoding="utf-8") == "<p>mine</p>"


def test_any_command_seeds_the_folder_named_by_the_settings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "volume" / "corpus"
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("CORPUS_SEED_DIR", str(_seed(tmp_path)))
    monkeypatch.setenv("INDEX_DIR", str(tmp_path / "volume" / "live"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    main(["index", "status"])
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt", "b.md"]
    assert "Copied 2 shipped articles" in capsys.readouterr().err
    main(["index", "status"])
    assert "Copied" not in capsys.readouterr().err


def test_the_settings_check_copies_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``run --check`` writes nothing (in compose it runs without the bot's volumes)."""
    corpus = tmp_path / "volume" / "corpus"
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("CORPUS_SEED_DIR", str(_seed(tmp_path)))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    main(["run", "--check"])
    assert not corpus.exists()
