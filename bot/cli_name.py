"""How a moderator runs the command line, said where help names it (the terminal chat's /help, "how do I add an
article?"). It said ``dispute-bot index add …``, but after ``make run`` only ``.venv/bin/dispute-bot`` exists,
not on the PATH: copied from the project folder, the command was "not found". Named as this process was started:
``dispute-bot`` where that is the one on the PATH (the Docker image), else its path from the current folder."""

from __future__ import annotations

import functools
import shutil
import sys
from pathlib import Path

SCRIPT = "dispute-bot"
# What README's Quick start leaves behind (``make run`` creates .venv): said when the bot was started another way
# (``python -m bot``), which names no script to run.
IN_PROJECT = f".venv/bin/{SCRIPT}"


@functools.cache
def cli_command() -> str:
    return command_for(sys.argv[0], Path.cwd(), shutil.which(SCRIPT))


def command_for(started_as: str, cwd: Path, on_path: str | None) -> str:
    """The command that runs the CLI from ``cwd``, for a process started as ``started_as`` (its ``argv[0]``)
    where ``on_path`` is what the PATH finds for ``dispute-bot``."""
    started = Path(started_as)
    if started.name != SCRIPT:
        return IN_PROJECT
    full = started if started.is_absolute() else cwd / started
    if on_path is not None and Path(on_path).resolve() == full.resolve():
        return SCRIPT
    try:
        inside = full.relative_to(cwd)
    except ValueError:
        return str(full)
    return str(inside) if len(inside.parts) > 1 else f"./{inside}"
