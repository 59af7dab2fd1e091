"""A SIGTERM'd ``index build`` or ``index add`` exits 143 (128 + 15), as a shell reports a process SIGTERM ended;
it exited 130, Ctrl-C's status, so a service manager or script could not tell a stop from a keyboard interrupt.
The change is still put back: the last good index serves as before."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from bot.cli import main


def _sources(capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["sources", "--json"]) == 0
    return sorted(s["doc_id"] for s in json.loads(capsys.readouterr().out)["sources"])


@pytest.mark.parametrize(("command", "interrupt", "status"), [
    ("build", "SIGTERM", 143), ("add", "SIGTERM", 143), ("build", "Ctrl-C", 130),
])
def test_a_stopped_change_exits_128_plus_its_signal_and_the_index_still_serves(
        env: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        command: str, interrupt: str, status: int) -> None:
    import index.builder

    corpus, index_dir = env
    before, files = _sources(capsys), sorted(p.name for p in corpus.iterdir())
    manifest, handler = (index_dir / "manifest.json").read_bytes(), signal.getsignal(signal.SIGTERM)

    def stopped(*args: object, **kwargs: object) -> None:
        if interrupt == "SIGTERM":
            signal.raise_signal(signal.SIGTERM)  # a service manager's stop, mid-build
        raise KeyboardInterrupt

    article = tmp_path / "ferry.md"
    article.write_text("The ministry said on Monday that Twitter had restored forty accounts after a review.\n")
    given = ["index", "build", "--full"] if command == "build" else ["index", "add", str(article)]
    with monkeypatch.context() as patched:
        patched.setattr(index.builder, "_build_locked", stopped)
        assert main(given) == status
    assert "stopped before the change finished" in capsys.readouterr().err
    assert signal.getsignal(signal.SIGTERM) is handler  # given back
    assert sorted(p.name for p in corpus.iterdir()) == files  # an add's file taken back out
    assert (index_dir / "manifest.json").read_bytes() == manifest and _sources(capsys) == before
