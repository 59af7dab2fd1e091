"""Start-up mistakes a new user makes, each one line (or none) and no traceback: Ctrl-C in the first seconds, a
``.env`` line python-dotenv can't read, a damaged query encoder, and a start from another folder."""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bot import startup_index
from bot.cli import main
from bot.inflight import InFlight
from bot.settings import Settings
from bot.shutdown import serve_until_stopped
from index import embedding, store
from index.onnx_encoder import QUERY_ENCODER_DIR


def test_ctrl_c_during_the_first_seconds_exits_130_without_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C while the settings were read (or the heavy imports made) was a 50-line KeyboardInterrupt traceback."""
    monkeypatch.chdir(tmp_path)

    def interrupted(*args: object) -> list[str]:
        raise KeyboardInterrupt

    monkeypatch.setattr("bot.settings_problems.unknown_in_env_file", interrupted)
    assert main(["run"]) == 130
    assert capsys.readouterr().err == ""


def test_ctrl_c_before_serving_took_its_signals_leaves_no_unretrieved_gather(caplog: pytest.LogCaptureFixture) -> None:
    """A Ctrl-C after the chat opened but before the bot's own SIGINT handler: asyncio.run cancelled the serving
    task, and the platforms' gather, never awaited, was logged at exit as "exception was never retrieved"."""

    async def job() -> None:
        await asyncio.sleep(30)

    async def serve() -> None:
        task = asyncio.current_task()
        assert task is not None
        asyncio.get_running_loop().call_later(0.05, task.cancel)  # what asyncio.run's SIGINT handler does
        await serve_until_stopped([job(), job()], InFlight(4))

    with caplog.at_level(logging.ERROR, logger="asyncio"), pytest.raises(asyncio.CancelledError):
        asyncio.run(serve())
    gc.collect()
    assert "never retrieved" not in caplog.text


def test_an_unreadable_env_line_stops_naming_the_file_and_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``DISCORD_TOKEN="abc…`` with no closing quote: python-dotenv warned twice and dropped it, and the bot
    said no token was set and opened the terminal chat."""
    monkeypatch.chdir(tmp_path)
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text('LOG_LEVEL=INFO\nDISCORD_TOKEN="abc.def.SECRETghi\nDISCORD_API_BASE=http://x/\n')
    assert main(["run", "--check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "python-dotenv" not in err and "SECRET" not in err
    assert err.startswith(f"dispute-bot: {tmp_path / '.env'} line 2 (DISCORD_TOKEN=…) can't be read")


def _settings(corpus: Path, index_dir: Path) -> Settings:
    return Settings(_env_file=None, corpus_dir=corpus, index_dir=index_dir)  # type: ignore[call-arg]


def test_start_up_rebuilds_a_damaged_query_encoder(built_copy: tuple[Path, Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """``index status`` called it damaged, but ``run`` served it, warning on every start and loading torch."""
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    path = live / QUERY_ENCODER_DIR / "model.onnx"
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(1000)
    assert startup_index.ensure_index(_settings(corpus, index_dir))
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"dispute-bot: The index file {path} is 1,000 bytes; the build wrote {size:,}: rebuilding the "
                      f"index in full from {corpus} ...")
    rebuilt = store.live_dir(index_dir)
    assert rebuilt is not None and rebuilt != live
    assert (rebuilt / QUERY_ENCODER_DIR / "model.onnx").stat().st_size == size


def test_a_query_encoder_that_fails_to_load_is_warned_about_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """The warm-up and the first question both asked for the encoder; the second waited while the first loaded
    torch, then tried the broken export again: the warning twice, in the middle of the chat's prompt."""
    (tmp_path / "index").mkdir()
    monkeypatch.setattr(store, "live_dir", lambda index_dir: tmp_path / "index")
    monkeypatch.setattr(embedding, "onnx_export_for", lambda index_dir, model: (tmp_path, {"fingerprint": "f"}))

    def broken(folder: Path) -> Any:
        raise RuntimeError("Protobuf parsing failed")

    def slow_model(model: str) -> object:
        time.sleep(0.3)
        return object()

    monkeypatch.setattr(embedding, "OnnxEncoder", broken)
    monkeypatch.setattr(embedding, "SentenceTransformerEncoder", slow_model)
    provide = embedding.lazy_encoder("a-model", tmp_path / "index")
    with caplog.at_level(logging.WARNING, logger="index.embedding"):
        threads = [threading.Thread(target=provide) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert caplog.text.count("cannot load the ONNX query encoder") == 1


def test_a_start_from_another_folder_names_the_absolute_path_and_makes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``cd /tmp; /path/clone/.venv/bin/dispute-bot run``: "no corpus folder at corpus", and an empty ``var/``."""
    monkeypatch.chdir(tmp_path)
    assert not startup_index.ensure_index(_settings(Path("corpus"), Path("var/index")))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"no corpus folder at {tmp_path / 'corpus'} (CORPUS_DIR)" in err
    assert "run it from the checkout, or set CORPUS_DIR" in err
    assert list(tmp_path.iterdir()) == []
