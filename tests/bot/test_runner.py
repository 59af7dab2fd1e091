"""Start-up: the index is brought up to date before the bot serves, and a failed update is survivable."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot import runner
from bot.settings import Settings
from index import extractors, staleness, store
from index.embedding import DEFAULT_MODEL
from retrieval.loaded import load_index


def _settings(corpus: Path, index_dir: Path) -> Settings:
    return Settings(_env_file=None, corpus_dir=corpus, index_dir=index_dir)  # type: ignore[call-arg]


def test_articles_added_while_down_are_indexed_at_start(built_copy: tuple[Path, Path],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    corpus, index_dir = built_copy
    assert staleness.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == []
    (corpus / "late.md").write_text("---\ntitle: Late news\n---\nKoo crossed three million downloads.\n")
    assert staleness.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == ["the articles changed"]
    assert runner.ensure_index(_settings(corpus, index_dir))
    assert "Updating the index (the articles changed)" in capsys.readouterr().err
    assert staleness.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == []


def test_an_index_from_an_older_version_or_another_model_is_pending(
    built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built_copy
    assert staleness.pending_changes(corpus, index_dir, model="/models/other") == [
        "the model or chunking settings changed"]
    monkeypatch.setitem(extractors.EXTRACTORS, "terms", extractors.with_version("terms", 999))
    assert staleness.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == ["it was built by an older version"]


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
    assert staleness.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == ["it was built by an older version"]
    manifest["query_encoder"] = "torch"  # a failed export is retried with the next change, not at every start
    manifest_path.write_text(json.dumps(manifest))
    assert staleness.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == []


def test_the_terminal_chat_shows_no_audit_lines(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every /report and /reindex printed an INFO line of the audit log into the conversation."""
    root, audit = logging.getLogger(), logging.getLogger("dispute_bot.audit")
    saved = root.level, audit.level
    seen: dict[str, bool] = {}

    async def serve(*args: object, **kw: object) -> None:
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


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_an_index_dir_holding_something_else_is_refused_and_left_alone(
        corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    """INDEX_DIR set to a folder that is no index (a typo: ``var``, or the project's own ``index`` package)
    was moved aside at the first build and deleted at the next."""
    target = tmp_path / "precious"
    if kind == "folder":
        target.mkdir()
        (target / "notes.txt").write_text("keep me", encoding="utf-8")
    else:
        target.write_text("keep me", encoding="utf-8")
    assert not runner.ensure_index(_settings(corpus_copy, target))
    assert f"INDEX_DIR={target} is a" in capsys.readouterr().err
    kept = target / "notes.txt" if kind == "folder" else target
    assert kept.read_text(encoding="utf-8") == "keep me" and not target.is_symlink()
    assert not (tmp_path / "precious.builds").exists() or not any((tmp_path / "precious.builds").iterdir())


def test_an_index_dir_that_cannot_be_written_is_one_line(
        corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def read_only(index_dir: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(index_dir.parent / f"{index_dir.name}.lock"))

    monkeypatch.setattr(store, "lock_path", read_only)
    assert not runner.ensure_index(_settings(corpus_copy, tmp_path / "index"))
    err = capsys.readouterr().err
    assert "cannot write the index (INDEX_DIR=" in err and "Permission denied" in err and "Traceback" not in err


def test_a_rejected_token_is_one_line_without_an_asyncio_traceback(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    """The platform's SystemExit, raised in a task, escaped the loop and left the gather of the other jobs
    unretrieved: asyncio logged "_GatheringFuture exception was never retrieved" and 35 lines under it."""
    import asyncio
    import gc

    from pydantic import SecretStr

    import bot.discord.app

    async def refused(*args: object, **kwargs: object) -> None:
        raise SystemExit("dispute-bot: Discord rejected DISCORD_TOKEN; copy the bot token again")

    async def warm_up() -> None:
        await asyncio.sleep(0.05)

    monkeypatch.setattr(bot.discord.app, "serve_discord", refused)
    monkeypatch.setattr(runner, "ensure_index", lambda settings: True)
    monkeypatch.setattr(runner, "build_core", lambda settings: SimpleNamespace(
        close=lambda **kw: None, build_running=False, warm_up=warm_up, in_flight=None))
    settings = Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index",  # type: ignore[call-arg]
                        discord_token=SecretStr("not-a-token"), metrics_port=None)
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        assert runner.run(settings, platform="discord") == 2
        gc.collect()
    assert capsys.readouterr().err.strip() == "dispute-bot: Discord rejected DISCORD_TOKEN; copy the bot token again"
    assert "never retrieved" not in caplog.text


def _stop_mid_add(corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch, *, published: bool) -> None:
    """The bot stopping while an /add-article ran: the add wrote koo.md (and replaced old.md) under its journal,
    as ``add_articles`` does, its index published or not yet, and the process exits without waiting for it."""
    from index.builder import build_locked
    from index.change_journal import Journal
    from index.corpus_writes import CorpusUndo, write_article
    from index.embedding import document_encoder

    (corpus / "old.md").write_text("---\ntitle: Old\n---\nThe ministry wrote again to the platform.\n")
    assert runner.ensure_index(_settings(corpus, index_dir))
    running = CorpusUndo(Journal(index_dir, "add"))
    write_article(corpus, "koo.md", b"---\ntitle: Koo\n---\nKoo crossed three million users.\n", running)
    write_article(corpus, "old.md", b"---\ntitle: Old\n---\nThe ministry's letter, replaced.\n", running)
    if published:  # the build thread's swap, in the moment before the exit
        with store.build_lock(index_dir):
            build_locked(corpus, index_dir, model=DEFAULT_MODEL,
                         encoder_provider=document_encoder(DEFAULT_MODEL, index_dir))
    exits: list[int] = []
    monkeypatch.setattr(runner.os, "_exit", exits.append)
    runner._exit_leaving_build(SimpleNamespace(build_running=True))  # type: ignore[arg-type]
    assert exits == [0]


def test_stopping_mid_add_leaves_the_change_to_the_next_start(
        built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The bot must not wait for the build thread; the change it abandons is undone at the next start, so the
    added file doesn't sit in the corpus unindexed (a retry was refused as a duplicate) and isn't published
    unannounced by whoever builds next."""
    corpus, index_dir = built_copy
    _stop_mid_add(corpus, index_dir, monkeypatch, published=False)
    assert runner.ensure_index(_settings(corpus, index_dir))
    assert "was undone" in capsys.readouterr().err  # the report is on stderr: stdout is the chat
    assert not (corpus / "koo.md").exists()
    assert "The ministry wrote again" in (corpus / "old.md").read_text()
    assert staleness.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == []


def test_stopping_as_an_add_is_published_keeps_the_article(
        built_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The files were put back in-process at the stop, racing the build thread: an index published just before
    the exit held koo.md while the corpus no longer did, and the next start dropped the article again."""
    corpus, index_dir = built_copy
    _stop_mid_add(corpus, index_dir, monkeypatch, published=True)
    assert (corpus / "koo.md").exists()
    assert runner.ensure_index(_settings(corpus, index_dir))
    assert "it stands" in capsys.readouterr().err
    assert "replaced" in (corpus / "old.md").read_text()
    assert staleness.pending_changes(corpus, index_dir, model=DEFAULT_MODEL) == []
    docs = [json.loads(line)["doc_id"] for line in (index_dir / "docs.jsonl").read_text().splitlines()]
    assert "koo" in docs


def test_start_up_leaves_a_newer_releases_index_alone_and_says_upgrade(
        built_copy: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    manifest = json.loads((index_dir / store.MANIFEST).read_text())
    (index_dir / store.MANIFEST).write_text(json.dumps({**manifest, "format": store.FORMAT_VERSION + 1}))
    assert not runner.ensure_index(_settings(corpus, index_dir))
    err = capsys.readouterr().err
    assert "Upgrade this replica" in err and "index build --full." not in err.splitlines()[-1]
    assert store.live_dir(index_dir) == live


def test_start_up_rebuilds_an_index_it_cannot_load(built_copy: tuple[Path, Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """``make run`` with a truncated ``faiss.index`` and unchanged articles stopped with "run index build"."""
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    faiss_file = live / "faiss.index"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    assert runner.ensure_index(_settings(corpus, index_dir))
    assert "faiss.index is 100 bytes" in capsys.readouterr().err  # its one line: tests/bot/test_damaged_index.py
    load_index(index_dir)  # loads now


def test_slack_with_only_oauth_settings_starts_http_mode_by_itself(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``make run`` with a multi-workspace install's settings (client id and secret, signing secret, no app token
    for Socket Mode) exited 2 unless run with --http, which the README never said; only HTTP mode could serve."""
    from pydantic import SecretStr

    served: list[tuple[list[str], bool]] = []

    async def serve(core: object, settings: Settings, platforms: list[str], http: bool, *args: object,
                    **kw: object) -> None:
        served.append((platforms, http))

    monkeypatch.setattr(runner, "_serve", serve)
    monkeypatch.setattr(runner, "ensure_index", lambda settings: True)
    monkeypatch.setattr(runner, "build_core", lambda settings: SimpleNamespace(close=lambda **kw: None,
                                                                               build_running=False))
    oauth = {"slack_client_id": "1.2", "slack_client_secret": SecretStr("secret")}
    settings = Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index",  # type: ignore[call-arg]
                        slack_signing_secret=SecretStr("signing"), **oauth)
    assert runner.run(settings) == 0 and served == [(["slack"], True)]
    unsigned = Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index", **oauth)  # type: ignore[call-arg]
    assert runner.run(unsigned) == 2 and len(served) == 1
    said = capsys.readouterr().err.strip()
    assert said.count("\n") == 0 and "SLACK_SIGNING_SECRET" in said and "HTTP mode" in said, said
    socket = Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index",  # type: ignore[call-arg]
                      slack_bot_token=SecretStr("xoxb-1"), slack_app_token=SecretStr("xapp-1"),
                      slack_signing_secret=SecretStr("signing"))
    assert runner.run(socket) == 0 and served[-1] == (["slack"], False), "an app token still means Socket Mode"


@pytest.mark.parametrize("given", [{"slack_app_token": "xapp-1"}, {"slack_signing_secret": "signing"},
                                   {"slack_client_id": "1.2"}, {"slack_app_token": "xapp-1", "discord_token": "d"}])
def test_slack_credentials_without_the_bot_token_are_refused_not_ignored(
        given: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``make run`` with SLACK_APP_TOKEN (or the signing secret, or a client id) set and SLACK_BOT_TOKEN
    forgotten opened the terminal chat (or served Discord alone) without a word; under systemd or Docker, with
    no terminal, it then exited 0 at once. Now one line names what is set and what is missing, exit code 2,
    before the index or the model loads; ``--platform terminal`` still opens the chat."""
    from pydantic import SecretStr

    served: list[list[str]] = []

    async def serve(core: object, settings: Settings, platforms: list[str], *args: object, **kw: object) -> None:
        served.append(platforms)

    monkeypatch.setattr(runner, "_serve", serve)
    monkeypatch.setattr(runner, "ensure_index", lambda settings: True)
    monkeypatch.setattr(runner, "build_core", lambda settings: SimpleNamespace(close=lambda **kw: None,
                                                                               build_running=False))
    values = {k: v if k == "slack_client_id" else SecretStr(v) for k, v in given.items()}
    settings = Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index",  # type: ignore[call-arg]
                        **values)
    assert runner.run(settings) == 2 and served == []
    said = capsys.readouterr().err.strip()
    assert said.count("\n") == 0 and "SLACK_BOT_TOKEN" in said and next(iter(given)).upper() in said, said
    assert runner.run(settings, platform="terminal") == 0 and served == [["terminal"]]


def test_a_metrics_port_already_taken_is_one_line_naming_the_setting(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """METRICS_PORT held by another process (a second bot on the box, Prometheus's node exporter) ended the
    start in a 20-line traceback from asyncio and two "coroutine … was never awaited" warnings."""
    import socket

    monkeypatch.setattr(runner, "ensure_index", lambda settings: True)
    monkeypatch.setattr(runner, "build_core", lambda settings: SimpleNamespace(close=lambda **kw: None,
                                                                               build_running=False))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index",  # type: ignore[call-arg]
                            metrics_port=port)
        assert runner.run(settings, platform="terminal") == 2
    said = capsys.readouterr().err.strip()
    assert said.startswith(f"dispute-bot: cannot listen on 127.0.0.1:{port} (Address already in use): ") and \
        "METRICS_PORT" in said and said.count("\n") == 0, said
