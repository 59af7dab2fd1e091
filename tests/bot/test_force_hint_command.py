"""The chat's note under refused articles names the command line as the bot was started: after ``make run`` only
``.venv/bin/dispute-bot`` exists, so the bare ``dispute-bot index add --force`` it named was "not found"."""

from __future__ import annotations

import pytest

from bot import force_hints

REFUSED = [{"file": "koo.md", "reason": "already in the index as koo", "force": "beside"}]


def test_the_chat_hint_names_the_command_as_the_bot_was_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(force_hints, "cli_command", lambda: ".venv/bin/dispute-bot")
    hint = force_hints.chat_hint(REFUSED)
    assert "`.venv/bin/dispute-bot index add --force`" in hint
