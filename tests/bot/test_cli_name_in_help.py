"""Help names the command line as it runs where the bot runs: after ``make run`` only ``.venv/bin/dispute-bot``
exists (not on the PATH), and the help's ``dispute-bot index add …`` was "command not found". A command is
never sentence-cased: the small-talk reply said "Dispute-bot index remove ID takes one out"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.actors import LOCAL_USER, Actor, ModeratorPolicy
from bot.cli_name import command_for
from bot.help_text import adding_help


@pytest.mark.parametrize(("started_as", "on_path", "said"), [
    (".venv/bin/dispute-bot", None, ".venv/bin/dispute-bot"),  # make run, from the project folder
    ("/proj/.venv/bin/dispute-bot", None, ".venv/bin/dispute-bot"),
    ("/proj/.venv/bin/dispute-bot", "/usr/bin/dispute-bot", ".venv/bin/dispute-bot"),  # another one on the PATH
    ("/opt/venv/bin/dispute-bot", "/opt/venv/bin/dispute-bot", "dispute-bot"),  # the Docker image's
    ("/opt/dispute-bot/.venv/bin/dispute-bot", None, "/opt/dispute-bot/.venv/bin/dispute-bot"),  # a service
    ("/proj/bot/__main__.py", None, ".venv/bin/dispute-bot"),  # python -m bot: README's
])
def test_the_command_is_named_as_it_runs_from_here(started_as: str, on_path: str | None, said: str) -> None:
    assert command_for(started_as, Path("/proj"), on_path) == said


def test_no_command_is_sentence_cased() -> None:
    for actor in (LOCAL_USER, Actor("discord", "1", "mod"), Actor("slack", "U1", "mod")):
        text = adding_help(actor, ModeratorPolicy(user_ids=frozenset({"local", "1", "U1"})))
        assert "Dispute-bot" not in text and ".Venv" not in text and "Use /" not in text, actor.platform


def test_the_terminal_is_told_a_command_that_runs_from_the_project_folder() -> None:
    text = adding_help(LOCAL_USER, ModeratorPolicy())
    assert ".venv/bin/dispute-bot index add FILE-or-URL" in text
    assert ".venv/bin/dispute-bot index remove ID" in text


async def test_the_terminals_help_names_the_command_as_it_runs() -> None:
    from bot.terminal import handle_line

    shown = await handle_line(None, "/help")  # type: ignore[arg-type]  # help needs no core
    assert shown is not None and ".venv/bin/dispute-bot index add FILE-or-URL" in shown
    assert ".venv/bin/dispute-bot index remove ID" in shown
