"""SIGTERM while ``run`` builds its index at start-up (before the bot's own shutdown takes the signals): the
process died without a word; it says what became of the build, and still ends by the signal."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from types import FrameType

import pytest

from bot import runner
from bot.settings import Settings


class KilledWithoutAWord(Exception):
    pass


def test_sigterm_during_the_start_up_build_is_said_and_still_ends_by_the_signal(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def default_action(signum: int, frame: FrameType | None) -> None:  # stands in for dying: pytest must live
        raise KilledWithoutAWord

    previous = signal.signal(signal.SIGTERM, default_action)
    killed: list[tuple[int, int]] = []

    def ensure_index(settings: Settings) -> bool:
        signal.raise_signal(signal.SIGTERM)  # the service manager's stop, mid-build
        raise AssertionError("the build went on after SIGTERM")

    monkeypatch.setattr(runner, "ensure_index", ensure_index)
    monkeypatch.setattr(runner.os, "kill", lambda pid, signum: killed.append((pid, signum)))
    settings = Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index")  # type: ignore[call-arg]
    try:
        assert runner.run(settings, platform="terminal") == 130
        assert signal.getsignal(signal.SIGTERM) is default_action  # given back
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert killed == [(os.getpid(), signal.SIGTERM)]  # re-raised with its default action: a clean stop
    assert capsys.readouterr().err == ("dispute-bot: stopped (SIGTERM) while building the index; nothing of that "
                                       "build was published, and the next start builds it again.\n")


def test_sigterm_while_a_one_shot_command_builds_a_missing_index_is_said_too(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``ask`` (``sources``, ``timeline``, ``eval``) building a missing index died without a word on SIGTERM."""
    from bot import startup_index

    def default_action(signum: int, frame: FrameType | None) -> None:
        raise KilledWithoutAWord

    previous = signal.signal(signal.SIGTERM, default_action)
    killed: list[tuple[int, int]] = []

    def ensure_index(settings: Settings) -> bool:
        signal.raise_signal(signal.SIGTERM)
        raise AssertionError("the build went on after SIGTERM")

    monkeypatch.setattr(startup_index, "ensure_index", ensure_index)
    monkeypatch.setattr(os, "kill", lambda pid, signum: killed.append((pid, signum)))
    settings = Settings(_env_file=None, corpus_dir=tmp_path, index_dir=tmp_path / "index")  # type: ignore[call-arg]
    try:
        with pytest.raises(KeyboardInterrupt):  # the command's own Ctrl-C ending (exit 130) when not killed
            startup_index.build_if_missing(settings)
        assert signal.getsignal(signal.SIGTERM) is default_action
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert killed == [(os.getpid(), signal.SIGTERM)]
    assert capsys.readouterr().err == ("dispute-bot: stopped (SIGTERM) while building the index; nothing of that "
                                       "build was published, and the next command builds it again.\n")
