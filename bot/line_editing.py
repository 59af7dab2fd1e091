"""Line editing for the terminal chat: GNU readline (or libedit), when Python has it and the chat is at a terminal.

Without it the terminal reads the line in its canonical mode: the arrow keys typed ``^[[D`` into the question,
earlier questions could not be recalled, and the kernel kept 4,095 characters of a longer pasted line (the
refusal then stated that length, not the pasted one). readline reads key by key instead: editing, Up for the
session's earlier questions, and a line of any length.

readline is process-global state (the prompt reader of every ``input()``, the terminal's modes), so it is
imported and set up here once, for the terminal chat only, and only when stdin and stdout are a terminal: piped
input keeps being read from the descriptor, with its echo. The history stays in memory; no file is read from
or written to the user's home.
"""

from __future__ import annotations

import contextlib
import sys
import termios
from collections.abc import Iterable, Iterator
from types import ModuleType

_editor: ModuleType | None = None
_tried = False


def enable(commands: Iterable[str]) -> bool:
    """readline set up for ``input()`` (once; later calls say whether it was): True when it reads the lines.
    Tab completes ``commands`` (``/timeline`` …) at the start of the line and does nothing elsewhere: left to
    readline's default it would complete file names, or insert a tab."""
    global _editor, _tried
    if _tried:
        return _editor is not None
    _tried = True
    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        return False
    try:
        import readline
    except ImportError:  # Python built without it: the terminal's own line reading, as before
        return False
    names = sorted(commands)

    def complete(text: str, state: int) -> str | None:
        if readline.get_begidx() != 0 or not text.startswith("/"):
            return None
        found = [name + " " for name in names if name.startswith(text)]
        return found[state] if state < len(found) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" \t\n")  # "/" is part of the command's name
    readline.parse_and_bind("bind ^I rl_complete" if "libedit" in (readline.__doc__ or "") else "tab: complete")
    _editor = readline
    return True


def _is_terminal(stream: object) -> bool:
    try:
        return stream is not None and bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):  # a stand-in without isatty, or closed
        return False


@contextlib.contextmanager
def terminal_kept() -> Iterator[None]:
    """The terminal's modes put back on leaving, when readline reads the lines. readline turns echo and line
    mode off while it waits for a line, and puts them back when the line is read; a chat stopped at the prompt
    (Ctrl-C, SIGTERM) leaves its reading thread inside it, and the user's shell was left typing blind."""
    saved = None
    with contextlib.suppress(OSError, ValueError, termios.error):
        if _is_terminal(sys.stdin):
            saved = termios.tcgetattr(sys.stdin.fileno())
    try:
        yield
    finally:
        if saved is not None and _editor is not None:
            with contextlib.suppress(OSError, ValueError, termios.error):
                termios.tcsetattr(sys.stdin.fileno(), termios.TCSANOW, saved)
