"""A server's AutoMod blocking the bot's answer: a keyword or link rule with the Block Message action applies to
bots too, and Discord refuses the message (400, code 200000; its harmful-links filter: 240000)."""

from __future__ import annotations

import logging

import pytest

from bot.core import APOLOGY
from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import MENTION, reply_to, say
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_an_answer_the_servers_automod_blocks_is_explained_not_apologised_for(
    bot: DisputeBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """The articles quote words servers filter (here "khalistan"): the answer was refused, logged as a crash
    with its traceback, and the asker told "something went wrong", as if the bot were broken. They are told
    that the server's AutoMod blocked it and where an answer can reach them; the notice repeats none of the
    answer's words, so the rule lets it through, and it goes away like the bot's other refusals."""
    fake.automod_keywords = {"khalistan"}
    asked = await say(fake, f"{MENTION} how many accounts was twitter ordered to block?", mentions=[p.BOT_USER])
    with caplog.at_level(logging.WARNING):
        notice = await reply_to(fake, asked)
        await fake.settled()
    assert "AutoMod" in notice.content and "direct message" in notice.content and APOLOGY not in notice.content
    assert notice.pings == [] and not notice.embeds
    assert [why for _, why in fake.rejected] == [{"": "Message was blocked by automatic moderation"}]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "no crash logged"
    assert any("AutoMod" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert len(fake.messages) == 1 and fake.unexpected == []


async def test_an_ask_answer_the_servers_automod_blocks_is_explained_privately_not_apologised_for(
    bot: DisputeBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """/ask defers with a public "thinking…", then edits the answer into it: AutoMod holds that edit to the
    server's rules as it does a message (400, 200000). It was logged as a crash with its traceback ("Discord
    refused the reply") and the asker privately told "something went wrong". Now the "thinking…" goes and the
    asker alone is told what a mention's asker is told, with one warning in the log."""
    fake.automod_keywords = {"khalistan"}
    interaction = p.slash("ask", {"question": "how many accounts was twitter ordered to block?"})
    with caplog.at_level(logging.WARNING):
        await fake.dispatch("INTERACTION_CREATE", interaction)
        [notice] = await fake.answers(interaction["token"])
    assert notice.ephemeral and "AutoMod" in notice.content and APOLOGY not in notice.content
    assert fake.interactions[interaction["token"]].stage == "deleted", "no public 'thinking…' left behind"
    assert [why for _, why in fake.rejected] == [{"": "Message was blocked by automatic moderation"}]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "no crash logged"
    assert any("AutoMod" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert fake.unexpected == []
