"""Start-up: the index is brought up to date before the bot serves, and a failed update is survivable."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot import runner
from bot.settings import Settings
from index import builder, extractors, store
from index.embedding import DEFAULT_MODEL


def _settings(corpus: Path, index_dir: Path) -> Settings:
    return Settings(_env_file=None, corpus_dir=corpus, index_dir=index_dir)  # type: ignore[call-arg]


def test_articles_added_while_down_are_indexed_at_start(built_copy: tuple[Path, Path],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    corpus, index_dir = built_copy
    assert builder.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == []
    (corpus / "late.md").write_text("---\ntitle: Late news\n---\nKoo crossed three million downloads.\n")
    assert builder.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == ["the articles changed"]
    assert runner.ensure_index(_settings(corpus, index_dir))
    assert "Updating the index (the articles changed)" in capsys.readouterr().err
    assert builder.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == []


def test_an_index_from_an_older_version_or_another_model_is_pending(
    built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built_copy
    assert builder.pending_changes(corpus, index_dir, model="/models/other") == [
        "the model or chunking settings changed"]
    monkeypatch.setitem(extractors.EXTRACTORS, "terms", extractors.with_version("terms", 999))
    assert builder.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == ["it was built by an older version"]


def test_a_failed_update_keeps_the_last_good_index(built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    (corpus / "late.md").write_text("Koo crossed three million downloads after ministers joined.\n")

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr("bot.index_commands.build", broken)
    assert runner.ensure_index(_settings(corpus, index_dir))
    assert "serving the last good one" in capsys.readouterr().err
    assert store.live_dir(index_dir) == live


def test_an_index_with_another_query_encoder_is_pending(built_copy: tuple[Path, Path]) -> None:
    corpus, index_dir = built_copy
    manifest_path = index_dir / store.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["query_encoder"] = "an-older-export"
    manifest_path.write_text(json.dumps(manifest))
    assert builder.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == ["it was built by an older version"]
    manifest["query_encoder"] = "torch"  # a failed export is retried with the next change, not at every start
    manifest_path.write_text(json.dumps(manifest))
    assert builder.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == []


def test_the_terminal_chat_shows_no_audit_lines(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every /report and /reindex printed an INFO line of the audit log into the conversation."""
    root, audit = logging.getLogger(), logging.getLogger("dispute_bot.audit")
    saved = root.level, audit.level
    seen: dict[str, bool] = {}

    async def serve(*args: object) -> None:
        seen.update(info=audit.isEnabledFor(logging.INFO), warning=audit.isEnabledFor(logging.WARNING))

    monkeypatch.setattr(runner, "ensure_index", lambda settings: True)
    monkeypatch.setattr(runner, "build_core", lambda settings: SimpleNamespace(close=lambda **kw: None,
                                                                               build_running=False))
    monkeypatch.setattr(runner, "_serve", serve)
    root.setLevel(logging.INFO)  # as ``configure_logging`` leaves them for ``run``
    audit.setLevel(logging.INFO)
    try:
        assert runner.run(_settings(tmp_path, tmp_path / "index"), platform="terminal") == 0
    finally:
        root.setLevel(saved[0])
        audit.setLevel(saved[1])
    assert seen == {"info": False, "warning": True}
