"""``run`` with no chat tokens and no terminal (a service manager, Docker without ``-i``): the terminal chat it
falls back to has nobody to read from. It read end-of-input and exited 0, so ``restart: unless-stopped``
restarted it in a loop with nothing said; now it says so in one line and exits 2. Questions piped in are
still answered."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import runner
from bot.settings import Settings

TOKENS = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET",
          "SLACK_SIGNING_SECRET")


def _settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index")  # type: ignore[call-arg]


@pytest.fixture
def unattended(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No chat token, stdin from ``/dev/null``, and an index that must not be built or loaded."""
    for name in TOKENS:
        monkeypatch.delenv(name, raising=False)

    def ensure_index(settings: Settings) -> bool:
        raise AssertionError("the index was built or loaded first")

    monkeypatch.setattr(runner, "ensure_index", ensure_index)
    null = open(os.devnull)  # noqa: SIM115 (closed at the test's end)
    monkeypatch.setattr(sys, "stdin", null)
    yield
    null.close()


@pytest.mark.usefixtures("unattended")
def test_stdin_from_dev_null_is_refused_before_the_index_is_loaded(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert runner.run(_settings(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err == runner.NO_INPUT + "\n" and "DISCORD_TOKEN" in err and "SLACK_BOT_TOKEN" in err


@pytest.mark.usefixtures("unattended")
def test_run_check_says_what_run_would_and_stops_before_the_index(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``run --check`` (compose's one-shot check before the bot): run's own refusal and exit 2, or 0 and what it
    would serve, never building or loading the index."""
    assert runner.run(_settings(tmp_path), check=True) == 2
    assert capsys.readouterr().err == runner.NO_INPUT + "\n"
    monkeypatch.setenv("DISCORD_TOKEN", "a-made-up-token")
    assert runner.run(_settings(tmp_path), check=True) == 0
    assert "run would serve discord" in capsys.readouterr().err


def _run(built_copy: tuple[Path, Path], tmp_path: Path, typed: bytes) -> subprocess.CompletedProcess[str]:
    corpus, index_dir = built_copy
    env = {k: v for k, v in os.environ.items() if k not in TOKENS}
    env.update(CORPUS_DIR=str(corpus), INDEX_DIR=str(index_dir), DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    return subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, input=typed,
                          capture_output=True, text=False, timeout=180)  # type: ignore[call-overload, no-any-return]


def test_an_empty_pipe_is_refused_and_piped_questions_are_answered(built_copy: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    """An empty pipe is known only at its end, after the index is loaded: the chat's first read."""
    empty = _run(built_copy, tmp_path, b"")
    assert empty.returncode == 2, empty.stderr[-2000:]
    assert empty.stderr.decode().splitlines()[-1] == runner.NO_INPUT
    piped = _run(built_copy, tmp_path, b"/sources\n")
    assert piped.returncode == 0, piped.stderr[-2000:]
    assert b"4 articles" in piped.stdout and runner.NO_INPUT.encode() not in piped.stderr


@pytest.mark.parametrize("platform", ["auto", "terminal"])
def test_http_without_slack_is_refused_not_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """``run --http`` with no Slack token opened the terminal chat without a word about Slack."""
    for name in TOKENS:
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index")  # type: ignore[call-arg]
    monkeypatch.setattr(runner, "ensure_index", lambda settings: pytest.fail("the index was loaded first"))
    assert runner.run(settings, platform=platform, http=True) == 2
    err = capsys.readouterr().err
    assert err.startswith("dispute-bot: --http is Slack's HTTP mode") and err.count("\n") == 1
    assert ("SLACK_BOT_TOKEN" if platform == "auto" else "--platform terminal serves no Slack") in err
