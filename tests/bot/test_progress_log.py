"""A build run without a terminal (piped, under a service manager) logs its progress instead of staying silent."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.progress import build_progress
from bot.progress_log import LOGGER, LoggedProgress
from tests.bot.fake_clock import FakeClock


def _lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


def test_index_add_without_a_terminal_logs_each_stage(
    env: tuple[Path, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """It printed nothing until the add was done: minutes for a long report, which looked hung."""
    article = tmp_path / "koo.md"
    article.write_text("---\ntitle: Koo\n---\nKoo passed three million downloads in February. It grew fast.\n")
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert main(["index", "add", str(article), "--json"]) == 0
    lines = _lines(caplog)
    assert any(line.startswith("analysing 5 articles") for line in lines), lines
    assert any(line.startswith("embedding ") and "new texts" in line for line in lines), lines
    assert any(line.startswith("embedding: ") and "done in" in line for line in lines), lines
    assert capsys.readouterr().out.strip().startswith("{")  # the JSON report alone on stdout


def test_a_long_stage_logs_about_every_ten_seconds(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    progress = LoggedProgress(every=10.0, clock=clock.monotonic)
    caplog.set_level(logging.INFO, logger=LOGGER)
    progress("embedding", 0, 1000)
    for done in range(100, 1001, 100):  # one step of 100 texts every 3 s
        clock.advance(3)
        progress("embedding", done, 1000)
    assert _lines(caplog) == [
        "embedding 1,000 new texts (chunks, sentences, figure windows)",
        "embedding: 400 of 1,000 (40%), 12 s so far",
        "embedding: 800 of 1,000 (80%), 24 s so far",
        "embedding: 1,000 of 1,000 done in 30 s",
    ]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("term", "logged"), [("dumb", True), ("xterm-256color", False)])
def test_a_dumb_terminal_gets_the_log_lines_not_a_bar(monkeypatch: pytest.MonkeyPatch, term: str,
                                                      logged: bool) -> None:
    """TERM=dumb: rich draws no live bar there and a transient one leaves nothing, so a first build showed
    nothing at all between "building it" and its report."""
    monkeypatch.setenv("TERM", term)
    monkeypatch.setattr(sys, "stderr", _Terminal())
    with build_progress() as progress:
        assert isinstance(progress, LoggedProgress) is logged
