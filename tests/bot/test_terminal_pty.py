"""The terminal chat under a real terminal (a pty): what a user at ``make run`` sees, keys and all."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import termios
import time
from pathlib import Path

from tests.bot.test_no_input import TOKENS

PROMPT = b"\n> "


def _read_until(fd: int, wanted: bytes, seen: bytearray, timeout: float, since: int = 0) -> bool:
    """Read the terminal into ``seen`` until it holds ``wanted`` after ``since`` (or, with ``wanted`` empty,
    until it closes)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and not (wanted and wanted in seen[since:]):
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
    return bool(wanted) and wanted in seen[since:]


def _type(fd: int, keys: bytes, seen: bytearray, timeout: float = 30) -> None:
    """Write ``keys`` as typed or pasted, reading the echo meanwhile: a long paste echoed unread would fill the
    terminal's output, and the chat, blocked writing it, would stop reading the rest."""
    end = time.monotonic() + timeout
    while keys:
        assert time.monotonic() < end, "the chat stopped reading its terminal"
        readable, writable, _ = select.select([fd], [fd], [], 0.2)
        if readable:
            seen += os.read(fd, 65536)
        if writable:
            keys = keys[os.write(fd, keys[:512]):]


def _reply(fd: int, keys: bytes, seen: bytearray, timeout: float = 60) -> bytes:
    """What the chat wrote after ``keys`` (a line and its Enter) up to its next prompt."""
    since = len(seen)
    _type(fd, keys, seen)
    assert _read_until(fd, PROMPT, seen, timeout, since), bytes(seen[since:][-2000:])
    return bytes(seen[since:])


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


def _start(built_copy: tuple[Path, Path], tmp_path: Path) -> tuple[int, int, bytearray]:
    """``dispute-bot run`` (the terminal chat) on a new pty, read up to its first prompt: (pid, the pty, what it
    wrote). No inputrc is read: a developer's key bindings change nothing."""
    corpus, index_dir = built_copy
    env = {k: v for k, v in os.environ.items() if k not in TOKENS}
    env.update(CORPUS_DIR=str(corpus), INDEX_DIR=str(index_dir), DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TERM="xterm", INPUTRC=os.devnull)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the bot, with the pty as its controlling terminal
        os.chdir(tmp_path)
        os.execve(sys.executable, [sys.executable, "-m", "bot", "run"], env)
    seen = bytearray()
    assert _read_until(fd, PROMPT, seen, 180), bytes(seen[-2000:])
    return pid, fd, seen


def _modes_kept(fd: int) -> None:
    """The terminal echoes and reads whole lines again, as the shell that started the chat left it: readline turns
    both off while it waits for a line."""
    lflag = termios.tcgetattr(fd)[3]
    assert lflag & termios.ECHO and lflag & termios.ICANON, hex(lflag)


def _leave(pid: int, fd: int, seen: bytearray, keys: bytes) -> int:
    """The chat's exit code after ``keys`` that end it, read to the end; the terminal's modes as they were."""
    os.write(fd, keys)
    _read_until(fd, b"", seen, 60)
    status = _exit_status(pid, 30)
    _modes_kept(fd)
    return os.waitstatus_to_exitcode(status)


def test_ctrl_c_at_the_prompt_leaves_the_shell_a_fresh_line(built_copy: tuple[Path, Path], tmp_path: Path) -> None:
    """Ctrl-C at "> " stopped the chat (exit 0) with the cursor after "> ^C": the shell's prompt went there."""
    pid, fd, seen = _start(built_copy, tmp_path)
    try:
        _type(fd, b"half a questi", seen)
        time.sleep(0.3)
        code = _leave(pid, fd, seen, b"\x03")  # the terminal turns it into SIGINT, and echoes "^C"
    finally:
        os.close(fd)
    assert code == 0, bytes(seen[-2000:])
    assert seen.endswith(b"\n"), bytes(seen[-200:])


def test_lines_are_edited_recalled_completed_and_read_whole(built_copy: tuple[Path, Path], tmp_path: Path) -> None:
    """In the terminal's own line mode the arrow keys were typed into the question ("abc^[[DX" asked "abcX"),
    Up recalled nothing, Tab did not complete a command, and a pasted line was cut at 4,095 characters."""
    pid, fd, seen = _start(built_copy, tmp_path)
    try:
        assert "“abXc”" in _reply(fd, b"abc\x1b[DX\r", seen).decode()  # Left arrow, then X
        assert "“abXc”" in _reply(fd, b"\x1b[A\r", seen).decode()  # Up: the question asked before
        assert "4 articles" in _reply(fd, b"/so\t\r", seen).decode()  # Tab completes the command
        pasted = _reply(fd, b"a" * 5000 + b"\r", seen).decode()
        assert "That question is 5,000 characters long" in pasted, pasted[-300:]  # the core's rule, not the tty's
        code = _leave(pid, fd, seen, b"\x04")  # Ctrl-D leaves, as before
    finally:
        os.close(fd)
    assert code == 0, bytes(seen[-2000:])


def test_ctrl_c_during_an_answer_is_said_at_once(built_copy: tuple[Path, Path], tmp_path: Path) -> None:
    """Ctrl-C while the chat answered (here a full rebuild, which runs for seconds) said nothing until the answer
    came; a second one stopped the chat with two timestamped shutdown warnings as its only words."""
    pid, fd, seen = _start(built_copy, tmp_path)
    try:
        since = len(seen)
        _type(fd, b"/reindex full\r", seen)
        assert _read_until(fd, b"/reindex full\r\n", seen, 10, since)
        time.sleep(0.3)
        os.write(fd, b"\x03")
        assert _read_until(fd, b"Stopping after this answer; Ctrl-C again stops now.", seen, 10, since), bytes(seen)
        after = bytes(seen[since:]).split(b"/reindex full\r\n", 1)[1]
        assert after.lstrip(b"^C\r\n").startswith(b"Stopping"), after  # at once: before the answer, not after it
        code = _leave(pid, fd, seen, b"\x03")
    finally:
        os.close(fd)
    assert code == 0, bytes(seen[-2000:])
    stopped = bytes(seen[since:]).decode()
    assert "Stopped before the answer was finished." in stopped, stopped
    assert "WARNING bot.shutdown" not in stopped, stopped
