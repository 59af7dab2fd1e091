"""The terminal chat under a real terminal (a pty): what a user at ``make run`` sees, keys and all."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

from tests.bot.test_no_input import TOKENS


def _read_until(fd: int, wanted: bytes, seen: bytearray, timeout: float) -> bool:
    """Read the terminal into ``seen`` until it holds ``wanted`` (or, with ``wanted`` empty, until it closes)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and not (wanted and wanted in seen):
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            return not wanted
        if not chunk:
            return not wanted
        seen += chunk
    return bool(wanted) and wanted in seen


def _exit_status(pid: int, timeout: float) -> int:
    """The child's wait status; killed (and the test failed) when it has not exited within ``timeout``."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("the chat did not exit after Ctrl-C")


def test_ctrl_c_at_the_prompt_leaves_the_shell_a_fresh_line(built_copy: tuple[Path, Path], tmp_path: Path) -> None:
    """Ctrl-C at "> " stopped the chat (exit 0) with the cursor after "> ^C": the shell's prompt went there."""
    corpus, index_dir = built_copy
    env = {k: v for k, v in os.environ.items() if k not in TOKENS}
    env.update(CORPUS_DIR=str(corpus), INDEX_DIR=str(index_dir), DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TERM="xterm")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the bot, with the pty as its controlling terminal
        os.chdir(tmp_path)
        os.execve(sys.executable, [sys.executable, "-m", "bot", "run"], env)
    seen = bytearray()
    try:
        assert _read_until(fd, b"\n> ", seen, 180), bytes(seen[-2000:])
        os.write(fd, b"\x03")  # the terminal turns it into SIGINT, and echoes "^C"
        _read_until(fd, b"", seen, 60)
        status = _exit_status(pid, 30)
    finally:
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, bytes(seen[-2000:])
    assert seen.endswith(b"\n"), bytes(seen[-200:])
