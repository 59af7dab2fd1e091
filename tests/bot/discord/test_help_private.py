"""/ask help on Discord is for its asker alone, as a refusal is: the help names what the asker may do (a
moderator's commands), and a public reply filled the channel with what nobody else asked."""

from __future__ import annotations

import pytest

from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.mark.parametrize("question", ["help", "how do I add an article?"])
async def test_ask_help_is_answered_privately(bot: DisputeBot, fake: FakeDiscord, question: str) -> None:
    interaction = p.slash("ask", {"question": question})
    await fake.dispatch("INTERACTION_CREATE", interaction)
    [reply] = await fake.answers(interaction["token"])
    assert reply.ephemeral and "add" in reply.text() and not reply.pings
    assert fake.rejected == []
