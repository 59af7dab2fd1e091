"""The terminal chat: the same command core as the chat platforms, for trying the bot locally.

Everything written goes through ``printable``: a question or an article may hold ESC and other control
characters, and echoed raw they would recolour, move or clear the user's terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import stat
import sys
import threading
import uuid
from collections.abc import Callable

from bot import line_editing
from bot.actors import LOCAL_USER
from bot.cli_name import cli_command
from bot.core import CommandCore
from bot.render.examples import TIMELINE_PERIOD
from bot.render.plain import printable, render
from bot.results import Result
from bot.validation import InvalidInput, reindex_full

HELP = f"""Ask a question about the February 2021 Twitter-India blocking dispute, or use a command:
  /timeline [topic]  dated events, optionally about a topic, a day or a period ("{TIMELINE_PERIOD}")
  /sources           the indexed articles
  /reindex [full]    rebuild the index from the corpus folder (full: re-embed every article)
  /report [7d]       answer rate, unanswered questions, down-voted answers
  /status            the index: a build running, failed or interrupted, whether it is out of date
  /index-history [N] the latest N article adds, removals and rebuilds (default 10)
  /help              this help
  /quit              leave (so do exit, quit and Ctrl-D)
Articles are added and removed on the command line, from here: {{cli}} index add FILE-or-URL, {{cli}} index remove ID"""
# {cli}: the command as it runs here (``bot.cli_name``): ``dispute-bot`` alone was not found after ``make run``.


# What Tab completes at the start of a line (``bot.line_editing``): the commands as /help lists them.
COMMANDS = tuple(re.findall(r"^  (/[\w-]+)", HELP, re.MULTILINE))

# Said at once when Ctrl-C (or SIGTERM) comes during an answer: the chat stops after it is shown (the shutdown's
# grace, ``bot.shutdown``), and until then nothing showed the key was heard.
STOPPING = "Stopping after this answer; Ctrl-C again stops now."
# The second Ctrl-C, or the grace over: the answer is dropped (what was stored is kept: the core closes its stores).
STOPPED = "Stopped before the answer was finished."

# What people type to leave a terminal program (Python's REPL, a shell), without the slash: searched as a
# question, "exit" was declined, counted in the report as a knowledge gap and borrowed by the next follow-up.
LEAVE = re.compile(r"(?:quit|exit)(?:\(\))?[.!]*", re.IGNORECASE)


async def handle_line(core: CommandCore, line: str, session: str | None = None) -> str | None:
    """The reply to one line of input; ``None`` means the user asked to leave. Questions with the same
    ``session`` are one conversation, so follow-ups lean on the earlier ones."""
    text = line.strip()
    if not text:
        return ""
    if LEAVE.fullmatch(text):
        return None
    if not text.startswith("/"):
        return render(await core.ask(text, LOCAL_USER, session))
    command, _, rest = text[1:].lstrip().partition(" ")  # "/ help": the slash typed apart, as some do
    command = command.lower()
    result: Result
    if command in ("quit", "exit", "q"):
        return None
    if command in ("help", "h", "?"):
        return HELP.replace("{cli}", cli_command())
    if command == "sources":
        if rest.strip():
            return "/sources takes no arguments."
        result = await core.sources(LOCAL_USER)
    elif command == "timeline":
        result = await core.timeline(rest or None, LOCAL_USER, session)
    elif command == "reindex":
        try:  # "--full", the command line's spelling, is Slack's and Discord's "full" here
            full = reindex_full(rest.lower().replace("--full", "full"))
        except InvalidInput as exc:
            return str(exc)
        result = await core.reindex(LOCAL_USER, full=full)
    elif command == "ask":
        result = await core.ask(rest, LOCAL_USER, session)
    elif command == "report":
        result = await core.report(LOCAL_USER, rest.strip() or None)
    elif command == "status":
        result = await core.status(LOCAL_USER)
    elif command == "index-history":
        result = await core.change_history(LOCAL_USER, rest.strip() or None)
    else:
        return f"Unknown command /{command}. Type /help for the list."
    return render(result)


class NoInput(Exception):
    """The chat's input ended before its first line, where that means nobody can ever type one (``chat``'s
    ``needs_input``): the runner refuses in one line instead of exiting 0 as a chat that was left."""


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # closed
        return False


def stdin_is_nothing() -> bool:
    """stdin closed (``<&-``) or ``/dev/null``, as a service manager and Docker without ``-i`` give it: no line
    will ever come, which is known before the index is loaded. An empty pipe is only known at its end."""
    if sys.stdin is None:
        return True
    try:
        found, null = os.fstat(sys.stdin.fileno()), os.stat(os.devnull)
    except (OSError, ValueError):  # no descriptor (an embedding host's stand-in): a reader will find out
        return False
    return stat.S_ISCHR(found.st_mode) and found.st_rdev == null.st_rdev


def read_stdin(prompt: str) -> str:
    """``input()``, except when stdin is not a terminal (a pipe, ``docker run -i``): then the line is read
    from the file descriptor itself. The thread waiting in ``read_line`` then holds no lock of
    ``sys.stdin``'s buffer, which would abort the interpreter at shutdown ("could not acquire lock for
    <stdin> at interpreter shutdown") when SIGTERM stops the chat mid-wait."""
    if sys.stdin is None:  # started with stdin closed (`<&-`): nothing will ever be typed
        raise EOFError
    if sys.stdin.isatty():
        if line_editing.enable(COMMANDS):
            # readline redraws its prompt as the line is edited: it is given the prompt's last line, and the
            # blank line before it is written once
            head, newline, prompt = prompt.rpartition("\n")
            sys.stdout.write(head + newline)
        return input(prompt)
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = _read_raw_line()
    # No terminal echoed it: without this a transcript (``… | dispute-bot run > answers.txt``) held each answer
    # after a bare "> ", and which question it answered was lost.
    sys.stdout.write(printable(line) + "\n")
    sys.stdout.flush()
    return line


def _read_raw_line() -> str:
    """One line from stdin's descriptor, without its line break; ``EOFError`` at the end of the input."""
    line = bytearray()
    while True:
        byte = os.read(sys.stdin.fileno(), 1)
        if not byte:
            if not line:
                raise EOFError
            break
        if byte == b"\n":
            break
        line += byte
    return line.decode("utf-8", errors="replace").rstrip("\r")


async def read_line(read: Callable[[str], str], prompt: str) -> str:
    """``read(prompt)`` in a daemon thread: a shutdown can stop the chat while it waits for input, which a
    pool thread blocked in ``input()`` would hold up until the user pressed Enter."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str] = loop.create_future()

    def settle(value: str | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value or "")

    def run() -> None:
        try:
            value, error = read(prompt), None
        except BaseException as exc:  # EOFError and KeyboardInterrupt are handed to the chat loop
            value, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop has already closed: nobody is waiting
            loop.call_soon_threadsafe(settle, value, error)

    threading.Thread(target=run, name="terminal-input", daemon=True).start()
    return await future


async def chat(
    core: CommandCore, read: Callable[[str], str] = read_stdin, write: Callable[[str], None] = print,
    needs_input: bool = False,
) -> None:
    """Read and answer lines until the input ends or the user leaves. ``needs_input``: the input ending before
    its first line is ``NoInput`` (the chat was chosen for want of chat tokens, and stdin is no terminal: under
    a service manager that is a bot serving nobody, which exited 0 and was restarted in a loop)."""
    def show(text: str) -> None:
        write(printable(text))

    with line_editing.terminal_kept():
        await _chat(core, read, show, needs_input)


async def _chat(core: CommandCore, read: Callable[[str], str], show: Callable[[str], None], needs_input: bool) -> None:
    show("dispute-bot: ask about the 2021 Twitter-India blocking dispute. /help for commands, /quit to leave.")
    session = f"terminal:{uuid.uuid4().hex}"  # one chat session is one conversation
    read_any = False
    while True:
        if core.in_flight.closing:  # Ctrl-C or SIGTERM came during the answer just shown: no prompt to leave
            return  # behind, as if the chat went on (the shell's prompt followed it on the same line)
        try:
            line = await read_line(read, "\n> ")
        except asyncio.CancelledError:  # stopped at the prompt: end its line ("> ^C"), or the shell's prompt
            show("")  # would be written after it
            raise
        except EOFError:
            show("")
            if needs_input and not read_any:
                raise NoInput from None
            return
        except KeyboardInterrupt:
            show("")
            return
        read_any = True
        async with core.in_flight.handling():
            with core.in_flight.on_close(lambda: show("\n" + STOPPING)):  # "^C" echoed: the line after it
                try:
                    reply = await handle_line(core, line, session)
                except asyncio.CancelledError:
                    show("\n" + STOPPED)
                    raise
        if reply is None:
            return
        if reply:
            show(reply)
