"""Start-up's builds are recorded in the store as moderators' changes are (``bot.recorded_change``): they were
said on stderr only, and ``index history`` showed no change while the articles served had changed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bot import startup_index
from bot.audit_trail import AuditTrail
from bot.change_history import ChangeRecord
from bot.settings import Settings
from index import store


def _settings(corpus: Path, index_dir: Path, tmp_path: Path) -> Settings:
    return Settings(_env_file=None, corpus_dir=corpus, index_dir=index_dir,  # type: ignore[call-arg]
                    database_url=f"sqlite:///{tmp_path / 'bot.db'}")


def _history(settings: Settings) -> list[ChangeRecord]:
    trail = AuditTrail(settings.database_url.get_secret_value())
    try:
        return trail.history(10).changes
    finally:
        trail.close()


def test_an_update_at_start_up_is_recorded_with_what_started_it(built_copy: tuple[Path, Path],
                                                                 tmp_path: Path) -> None:
    corpus, index_dir = built_copy
    (corpus / "quillby-ferns.md").write_text("# Quillby ferns reach Ostrava\n\nThe Quillby Fern Society said on "
                                             "Tuesday that its ferns had reached Ostrava.\n", encoding="utf-8")
    settings = _settings(corpus, index_dir, tmp_path)
    assert startup_index.ensure_index(settings)
    [record] = _history(settings)
    assert (record.action, record.platform, record.outcome) == ("rebuild", "start-up", "published")
    assert [a["doc_id"] for a in record.articles] == ["quillby-ferns"]
    assert record.reason is not None and record.reason.startswith("at start-up: ")
    assert str(corpus) not in record.line()  # folders are named by their setting, as the CLI's records


def test_a_repair_at_start_up_is_recorded_with_the_damage(built_copy: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    with (live / store.FAISS).open("r+b") as fh:
        fh.truncate(100)
    settings = _settings(corpus, index_dir, tmp_path)
    assert startup_index.ensure_index(settings)
    [record] = _history(settings)
    assert (record.action, record.given, record.outcome) == ("rebuild", ["--full"], "published")
    assert record.reason is not None and "at start-up: faiss.index is 100 bytes" in record.reason


def test_a_failed_start_up_build_is_not_recorded(tmp_path: Path) -> None:
    """It changed nothing (its line is on stderr and in ``index status``), and a service restarted every 5 s
    with an empty corpus folder would write a row each time."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    settings = _settings(corpus, tmp_path / "index", tmp_path)
    assert not startup_index.ensure_index(settings)
    assert _history(settings) == []


def test_a_second_start_waits_for_the_first_ones_build_and_serves_it(
        built_copy: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Two ``run`` on one INDEX_DIR with no index yet: the second stopped with "try again shortly" and exit 1.
    It waits for the first one's build now, and serves the index that build publishes."""
    corpus, index_dir = built_copy
    hidden = index_dir.with_name("published-later")
    index_dir.rename(hidden)  # no index yet, while "another process" holds the build lock
    monkeypatch.setattr(startup_index, "WAIT_SECONDS", 0.05)
    settings = _settings(corpus, index_dir, tmp_path)
    started: list[bool] = []
    with store.build_lock(index_dir):
        second = threading.Thread(target=lambda: started.append(startup_index.ensure_index(settings)))
        second.start()
        deadline = time.monotonic() + 60
        while "waiting for it to finish" not in capsys.readouterr().err and time.monotonic() < deadline:
            time.sleep(0.05)
        hidden.rename(index_dir)  # the first process publishes, then lets go of the lock
    second.join(timeout=60)
    assert started == [True]
    assert _history(settings) == []  # the build was the other process's to record


def test_a_recorded_message_names_each_setting_once(tmp_path: Path) -> None:
    """The record hides the server's folders behind their settings; a message that already named the setting
    beside its folder read "at CORPUS_DIR (CORPUS_DIR)" and "(INDEX_DIR=INDEX_DIR)" in the history."""
    from bot.recorded_change import without_folders

    settings = _settings(tmp_path / "articles", tmp_path / "idx", tmp_path)
    assert without_folders(settings, f"There is no corpus folder at {tmp_path / 'articles'} (CORPUS_DIR) to build "
                                     f"one from; cannot write the index (INDEX_DIR={tmp_path / 'idx'}): full "
                                     f"({tmp_path / 'idx'}/x.npy)") == (
        "There is no corpus folder at CORPUS_DIR to build one from; cannot write the index (INDEX_DIR): full "
        "(INDEX_DIR/x.npy)")


def test_the_start_up_builds_report_goes_to_stderr_not_the_chat(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Under ``run`` stdout is the terminal chat; it began with "Index built in …", the start-up build's report."""
    (tmp_path / "corpus").mkdir()
    settings = _settings(tmp_path / "corpus", tmp_path / "index", tmp_path)
    monkeypatch.setattr(startup_index, "_recorded_build", lambda s, why, full=False: print("Index built in 1 s."))
    monkeypatch.setattr(startup_index, "load_index", lambda index_dir: None)
    assert startup_index.ensure_index(settings)
    out, err = capsys.readouterr()
    assert out == "" and "Index built in 1 s." in err
