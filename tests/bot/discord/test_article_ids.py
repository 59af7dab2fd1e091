"""/remove-article's article_id offers the articles as a moderator types (Discord's autocomplete), through the
real discord.py code path against the fake Discord."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import pytest

from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def offered(fake: FakeDiscord, typed: str, roles: tuple[int, ...],
                  command: str = "remove-article") -> list[dict[str, Any]]:
    interaction = p.autocomplete(command, "article_id", typed, roles=roles)
    await fake.dispatch("INTERACTION_CREATE", interaction)
    state = fake.interactions[interaction["token"]]
    await fake.wait_for(lambda: state.stage == "resolved")
    assert state.choices is not None and fake.rejected == []
    return state.choices


async def test_the_option_is_declared_for_autocomplete(bot: DisputeBot, fake: FakeDiscord) -> None:
    commands = {c["name"]: c for c in fake.synced[str(p.GUILD_ID)]}
    [option] = commands["remove-article"]["options"]
    assert option["autocomplete"] is True
    assert not any(o.get("autocomplete") for c in commands.values()
                   if c["name"] not in ("remove-article", "restore-article") for o in c.get("options") or [])


async def test_a_moderator_typing_words_of_a_title_is_offered_that_article_by_title_and_date(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    """Removal takes ids such as 002_935d8ede3d7f56b0, which a moderator had to copy from /sources."""
    sources = {s.doc_id: s for s in bot.core.engine.sources()}
    [choice] = await offered(fake, "ravi shankar", (p.MOD_ROLE_ID,))
    source = sources[choice["value"]]
    assert "Ravi Shankar Prasad" in source.title
    assert choice["name"].startswith(source.title[:40]) and choice["name"].endswith(f" · {choice['value']}")
    everything = await offered(fake, "", (p.MOD_ROLE_ID,))
    assert sorted(c["value"] for c in everything) == sorted(sources)


async def test_a_member_who_may_not_remove_articles_is_offered_none(bot: DisputeBot, fake: FakeDiscord) -> None:
    """The titles are no secret (/sources lists them), but the command refuses a member anyway: offering what
    they could not remove would invite a refusal."""
    assert await offered(fake, "", ()) == []
    assert await offered(fake, "ravi", ()) == []


async def test_articles_read_too_slowly_are_offered_as_none_in_time_without_an_error(
    bot: DisputeBot, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Behind busy workers the articles took longer than Discord's 3 seconds to read: the choices came late,
    Discord refused them (404, 10062), and discord.py logged an error with its traceback at each keystroke."""
    sources = bot.core.engine.sources

    def slow() -> Any:
        time.sleep(3.5)
        return sources()

    monkeypatch.setattr(bot.core.engine, "sources", slow)
    with caplog.at_level(logging.INFO):
        assert await offered(fake, "ravi", (p.MOD_ROLE_ID,)) == []
        await asyncio.sleep(1.6)  # the slow read over: nothing more comes of it
    assert fake.late_callbacks == [] and fake.rejected == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


async def test_keystrokes_delivered_twice_or_too_late_get_one_warning_each_and_no_error(
    bot: DisputeBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """Two processes connected for one shard (an old one still up while its replacement starts) both get each
    keystroke; Discord takes the first answer and refuses the other (400, 40060), and one that reaches the bot
    after Discord's 3 seconds is refused too (404, 10062). discord.py logged each refusal as an error with its
    traceback ("Ignoring exception in autocomplete"), what alerts watch, at every keystroke."""
    typed = p.autocomplete("remove-article", "article_id", "ravi", roles=(p.MOD_ROLE_ID,))
    with caplog.at_level(logging.INFO):
        await fake.dispatch("INTERACTION_CREATE", typed)
        await fake.dispatch("INTERACTION_CREATE", typed)
        state = fake.interactions[typed["token"]]
        await fake.wait_for(lambda: state.stage == "resolved" and len(caplog.records) >= 1)
        fake.deadline, deadline = 0.0, fake.deadline
        try:
            late = p.autocomplete("remove-article", "article_id", "koo", roles=(p.MOD_ROLE_ID,))
            await fake.dispatch("INTERACTION_CREATE", late)
            await fake.wait_for(lambda: late["token"] in fake.late_callbacks)
            await asyncio.sleep(0.5)  # discord.py's answer, if it sent one, would be refused by now
        finally:
            fake.deadline = deadline
    assert [c["value"] for c in state.choices or []] and fake.late_callbacks == [late["token"]], "one attempt each"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 2 and "answered first" in warned[0] and "3 seconds" in warned[1], warned


async def test_typing_into_an_out_of_date_command_is_offered_nothing_without_an_error(
    bot: DisputeBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """A client still showing an older version of the commands (they are cached a while after a sync) sends
    keystrokes for an option this version names otherwise, for one that offers no choices now, or for a command
    gone: discord.py logged an error with its traceback at each, or sent the "out of date" note, which Discord
    refuses for a keystroke, and the typing got no answer ("Loading options failed")."""
    stale = [p.autocomplete("remove-article", "article", "ravi", roles=(p.MOD_ROLE_ID,)),
             p.autocomplete("report", "since", "7", roles=(p.MOD_ROLE_ID,)),
             p.autocomplete("delete-article", "article_id", "ravi", roles=(p.MOD_ROLE_ID,))]
    with caplog.at_level(logging.INFO):
        for typed in stale:
            await fake.dispatch("INTERACTION_CREATE", typed)
        states = [fake.interactions[typed["token"]] for typed in stale]
        await fake.wait_for(lambda: all(state.stage == "resolved" for state in states))
        await fake.settled()
    assert [state.choices for state in states] == [[], [], []]
    assert fake.rejected == [] and not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    assert "Ravi" in (await offered(fake, "ravi", (p.MOD_ROLE_ID,)))[0]["name"]  # today's option still offers
