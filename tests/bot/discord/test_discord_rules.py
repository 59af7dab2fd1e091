"""The fake Discord refuses what Discord refuses (``discord_rules``): it took command sets Discord's bulk
overwrite rejects (two commands of one name, 26 options, over 4000 characters, a context menu command with a
description or options, an option named in capitals) and an ``allowed_mentions`` both parsing users and listing
them, so a bot sending those would have passed its tests and failed in production."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bot.discord.discord_rules import command_errors, command_size, message_errors, pings


def command(name: str = "ask", options: int = 1, description: str = "Ask a question", **extra: Any) -> dict[str, Any]:
    return {"name": name, "description": description, "type": 1, **extra,
            "options": [{"type": 3, "name": f"o{n}", "description": "An option", "required": False}
                        for n in range(options)]}


def test_a_valid_command_set_is_taken() -> None:
    menu = {"name": "Ask Dispute Bot", "description": "", "type": 3}  # a MESSAGE command may share a slash name's
    assert command_errors([command("ask"), command("sources", options=25), command("don't"), menu,
                           {**menu, "name": "ask"}]) == {}


def test_context_menu_commands_take_no_description_or_options_and_slash_names_are_lowercase() -> None:
    menu = {"name": "Ask Dispute Bot", "type": 3}
    assert "0" in command_errors([{**menu, "description": "Ask about a message"}])
    assert "0" in command_errors([{**command(), **menu, "description": ""}])  # with an option
    assert "0.name" in command_errors([command("Ask")]) and "0.name" in command_errors([command("ask me")])
    upper = command()
    upper["options"][0]["name"] = "Topic"
    assert "0.options.0.name" in command_errors([upper])


def test_duplicate_names_too_many_options_and_choices_are_refused() -> None:
    assert "1.name" in command_errors([command("ask"), command("ask")])
    assert "0.options" in command_errors([command(options=26)])
    twins = command()
    twins["options"] = [twins["options"][0], dict(twins["options"][0])]
    assert "0.options" in command_errors([twins])
    many = command()
    many["options"][0]["choices"] = [{"name": f"c{n}", "value": f"v{n}"} for n in range(26)]
    assert "0.options.0.choices" in command_errors([many])


def test_over_4000_characters_in_all_is_refused_counting_the_longest_localization() -> None:
    big = command(options=25, description="d" * 100)
    for option in big["options"]:  # names o0..o24: 10 of 2 characters, 15 of 3
        option["description"] = "x" * 100
        option["choices"] = [{"name": "n" * 20, "value": "v" * 30}]
    big["options"][0]["choices"].append({"name": "n" * 20, "value": "v" * 62})
    assert command_size(big) == 3 + 100 + 65 + 25 * (100 + 50) + 82 == 4000 and command_errors([big]) == {}
    big["options"][0]["choices"][-1]["value"] += "v"
    assert command_errors([big])["0"].startswith("APPLICATION_COMMAND_TOO_LARGE")
    localized = command(description_localizations={"fr": "é" * 100})
    assert command_size(localized) == 3 + 100 + 2 + 9


@pytest.mark.parametrize("kind", ["users", "roles"])
def test_parsing_and_listing_one_kind_of_mention_is_refused(kind: str) -> None:
    body = {"content": "<@123> <@&456>", "allowed_mentions": {"parse": [kind], kind: ["123"]}}
    assert f"allowed_mentions.{kind}" in message_errors(body)
    with pytest.raises(ValueError):
        pings(body)
    too_many = {"content": "hi", "allowed_mentions": {"parse": [], kind: [str(n) for n in range(101)]}}
    assert f"allowed_mentions.{kind}" in message_errors(too_many)
    listed = {"content": "<@123>", "allowed_mentions": {"parse": [], "users": ["123"]}}
    assert message_errors(listed) == {} and pings(listed) == ["user 123"]
