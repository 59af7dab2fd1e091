"""Channels that take less than a full reply from the bot: no Embed Links, no Read Message History, no Send Messages,
a thread locked, closed or deleted, against the fake Discord."""

from __future__ import annotations

import logging

import pytest

from bot.core import APOLOGY, CommandCore
from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import MENTION, QUESTION, reply_to, say
from tests.bot.discord.conftest import BotStarter
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_without_embed_links_the_answer_comes_as_text(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord
) -> None:
    await start_bot(talking_core, fake)  # answers are stored, so they carry feedback buttons
    fake.no_embed_links.add(str(p.CHANNEL_ID))
    reply = await reply_to(fake, await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER]))
    assert not reply.embeds and ("257" in reply.content or "1,178" in reply.content)
    assert "Sorry" not in reply.content and reply.pings == []
    assert reply.body.get("components"), "the 👍/👎 buttons need no Embed Links"
    assert fake.rejected == [(f"channel {p.CHANNEL_ID}", {"embeds": "Missing Permissions"})]


async def test_without_read_message_history_the_answer_goes_to_the_channel(bot: DisputeBot, fake: FakeDiscord) -> None:
    """Discord refuses a reply (400, 160002) where the bot may send but not read history: the answer is
    sent to the channel instead of being lost with its apology."""
    fake.no_history.add(str(p.CHANNEL_ID))
    asked = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
    answer = await fake.wait_for(lambda: next((m for m in fake.messages if m.channel_id == str(p.CHANNEL_ID)), None))
    assert answer.reply_to is None and "257" in answer.text() and answer.pings == []
    assert fake.rejected == [(f"channel {p.CHANNEL_ID}", {"message_reference": "Missing Permissions"})]
    assert asked["id"] and not [m for m in fake.messages if APOLOGY in m.text()]


@pytest.mark.parametrize(("refusing", "tries", "logged"), [
    ("read_only", 2, "read but not send"),  # the embed, then the plain text: Embed Links may be all it lacks
    ("locked", 1, "takes no message from the bot (160005"),
    ("closed", 1, "takes no message from the bot (50083"),
    ("gone", 1, "takes no message from the bot (10003"),
])
async def test_where_the_bot_may_not_send_it_answers_by_direct_message_without_an_error_or_an_apology(
    bot: DisputeBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture, refusing: str, tries: int, logged: str,
) -> None:
    """Read but not send (403, 50013), a thread locked after the bot answered (403, 160005), a thread a moderator
    closed (archived and locked) while a question there was answered (400, 50083), or a thread or
    channel deleted while a question there was answered (404, 10003): each reply and then an apology were
    refused and an error logged, with a traceback; Discord bans bots for a while past 10,000 refused requests
    in 10 minutes. Then the asker got nothing at all, as if the bot were broken: the answer now goes to them by
    direct message, saying why."""
    channels: set[str] = getattr(fake, refusing)
    channels.add(str(p.CHANNEL_ID))
    with caplog.at_level(logging.WARNING):
        await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
        await fake.wait_for(lambda: len(fake.rejected) >= tries)
        await fake.settled()  # its handling over: what it logs is logged, and no other try comes
    assert len(fake.rejected) == tries
    lead, *answer = fake.messages
    dm = {channel for channel, user in fake.dm_channels.items() if user == str(p.USER_ID)}
    assert {m.channel_id for m in fake.messages} == dm, "the asker's DM alone"
    assert lead.content == f"I can't post in <#{p.CHANNEL_ID}>, where you asked me, so here is my answer:"
    assert "1,178" in answer[0].text() and not any(m.pings for m in fake.messages)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(logged in r.getMessage() for r in caplog.records)
    fake.rejected.clear()
    channels.clear()
