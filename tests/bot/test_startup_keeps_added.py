"""Start-up never drops an article a moderator added because this replica's corpus folder lacks it (a container
recreated with the corpus in its writable layer, a replica with its own folder): it rebuilt from the folder and
removed them, "rebuild by start-up … removed new_article" in ``index history``. A file deleted by hand from the
folder is still a removal, as documented, and so is a recorded remove."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from bot import startup_index
from bot.audit_trail import AuditTrail
from bot.change_history import ChangeRecord
from bot.cli import main
from bot.render.status import status_text
from bot.results import IndexStatus
from bot.settings import Settings
from index.article_match import indexed_articles
from tests.bot.conftest import CoreFactory
from tests.bot.test_startup_records import _history, _settings
from tests.conftest import SEED_CORPUS

ARTICLE = ("---\ntitle: Quillby ferns reach Ostrava\n---\nThe Quillby Fern Society said on Tuesday that its ferns "
           "had reached Ostrava after a long journey across the plains.\n")


def _indexed(index_dir: Path) -> set[str]:
    return {a.doc_id for a in indexed_articles(index_dir)}


def _added_through_a(env: tuple[Path, Path], tmp_path: Path) -> None:
    """``index add`` through replica A (the ``env`` settings: its corpus folder, the shared index and database)."""
    article = tmp_path / "upload" / "quillby-ferns.md"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["index", "add", str(article)]) == 0


def _replica_b(env: tuple[Path, Path], tmp_path: Path) -> Settings:
    """Replica B: its own corpus folder (the shipped articles), the same index and database as A."""
    corpus_b = tmp_path / "corpus-b"
    shutil.copytree(SEED_CORPUS, corpus_b)
    return _settings(corpus_b, env[1], tmp_path)


def test_a_replica_lacking_an_added_article_keeps_it_and_says_so(
        env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The reviewer's repro: added through A, then B started: "Updating the index (the articles changed)…
    removed: quillby-ferns". Fails before the change."""
    _added_through_a(env, tmp_path)
    capsys.readouterr()
    settings_b = _replica_b(env, tmp_path)
    assert startup_index.ensure_index(settings_b)
    assert "quillby-ferns" in _indexed(env[1])
    err = capsys.readouterr().err
    assert "Updating the index" not in err
    [line] = [line for line in err.splitlines() if "quillby-ferns" in line]
    assert "lacks 1 article moderators added" in line and "index build" in line
    assert [r.action for r in _history(settings_b)] == ["add"]  # no "rebuild by start-up … removed"


def test_status_names_the_added_articles_this_folder_lacks(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``index status`` on B said only "Out of date (the articles changed)", which ``index build`` "fixed" by
    dropping the article. Fails before the change."""
    _added_through_a(env, tmp_path)
    settings_b = _replica_b(env, tmp_path)
    monkeypatch.setenv("CORPUS_DIR", str(settings_b.corpus_dir))
    capsys.readouterr()
    main(["index", "status"])
    out = capsys.readouterr().out
    assert "lacks 1 article moderators added, which the index holds: quillby-ferns" in out


def test_an_explicit_build_on_that_replica_drops_it_deliberately(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A moderator's ``index build`` is the deliberate way to drop what this folder lacks, recorded as theirs."""
    _added_through_a(env, tmp_path)
    settings_b = _replica_b(env, tmp_path)
    monkeypatch.setenv("CORPUS_DIR", str(settings_b.corpus_dir))
    assert main(["index", "build"]) == 0
    assert "quillby-ferns" not in _indexed(env[1])
    newest = _history(settings_b)[0]
    assert (newest.action, newest.platform) == ("rebuild", "cli")
    assert [a["doc_id"] for a in newest.articles if a["change"] == "removed"] == ["quillby-ferns"]


def test_a_shipped_file_deleted_by_hand_is_removed_at_start_up(built_copy: tuple[Path, Path], tmp_path: Path) -> None:
    """As documented ("A file deleted from the folder is a removal"): kept as it was (passes before too)."""
    corpus, index_dir = built_copy
    gone = sorted(corpus.iterdir())[0]
    gone.unlink()
    assert startup_index.ensure_index(_settings(corpus, index_dir, tmp_path))
    assert gone.stem not in _indexed(index_dir)


def test_a_recorded_remove_still_removes_an_added_article(
        env: tuple[Path, Path], tmp_path: Path) -> None:
    """``index remove`` on the replica whose folder holds it, then B starts: it stays removed, and B's start
    changes nothing (passes before too: the remove is what removes)."""
    _added_through_a(env, tmp_path)
    assert main(["index", "remove", "quillby-ferns"]) == 0
    settings_b = _replica_b(env, tmp_path)
    assert startup_index.ensure_index(settings_b)
    assert "quillby-ferns" not in _indexed(env[1])
    assert [r.action for r in _history(settings_b)] == ["remove", "add"]


def test_an_added_file_deleted_by_hand_then_removed_is_not_kept(
        env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Added, removed (recorded), then put back by hand and picked up by a start: its file deleted by hand again
    is a hand edit like any other, not an add this folder lacks (the latest record decides)."""
    corpus, index_dir = env
    _added_through_a(env, tmp_path)
    assert main(["index", "remove", "quillby-ferns"]) == 0
    (corpus / "quillby-ferns.md").write_text(ARTICLE, encoding="utf-8")
    settings = _settings(corpus, index_dir, tmp_path)
    assert startup_index.ensure_index(settings)
    assert "quillby-ferns" in _indexed(index_dir)
    (corpus / "quillby-ferns.md").unlink()
    assert startup_index.ensure_index(settings)
    assert "quillby-ferns" not in _indexed(index_dir)


def test_with_the_record_unreadable_every_article_the_folder_lacks_is_kept(
        built_copy: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """When the moderators' changes can't be read, a hand deletion can't be told from an add this folder lacks:
    keeping it is undone by a remove, dropping it is not. Fails before the change."""
    corpus, index_dir = built_copy
    gone = sorted(corpus.iterdir())[0]
    gone.unlink()
    (tmp_path / "bot.db").write_bytes(b"this is no SQLite database" * 100)
    assert startup_index.ensure_index(_settings(corpus, index_dir, tmp_path))
    assert gone.stem in _indexed(index_dir)
    assert "the moderators' changes can't be read from DATABASE_URL" in capsys.readouterr().err


def test_chat_status_names_them_with_chats_command_and_no_folder(
        built_copy: tuple[Path, Path], tmp_path: Path, make_core: CoreFactory) -> None:
    """``/status`` on the replica lacking an added article: it said "out of date … until /reindex brings it up to
    date", and /reindex dropped it. Fails before the change."""
    corpus, index_dir = built_copy
    gone = sorted(corpus.iterdir())[0]
    trail = AuditTrail(f"sqlite:///{tmp_path / 'bot.db'}")
    trail.write(ChangeRecord(action="add", platform="discord", user_id="42", outcome="published",
                             articles=[{"doc_id": gone.stem, "title": None, "url": None, "change": "added"}]))
    gone.unlink()
    core = make_core(index_dir, corpus, changes=trail)
    status = asyncio.run(core.status())
    assert isinstance(status, IndexStatus)
    text = status_text(status, chat=True)
    assert f"lacks 1 article moderators added, which the index holds: {gone.stem}" in text
    assert "/reindex removes every article this folder lacks" in text and str(tmp_path) not in text
    assert "until /reindex brings it up to date" not in text
