"""A forward with a comment: Discord's client sends the comment as a second message right after the forward (a
forward can carry no text), pointing at nothing (``bot.discord.forwards``)."""

from __future__ import annotations

import asyncio

import pytest

from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import MENTION, reply_to, say
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")

CLAIM = "govt ordered twitter to block 1178 accounts linked to khalistan"
OTHER = p.user(p.FRIEND_ID, "someone")
SOURCED = "Every quote names its article"  # "is this true?" asked about nothing


async def test_a_comment_sent_with_a_forward_in_a_channel_asks_about_the_forwarded_post(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    """It got the generic "Every quote names its article…": the claim forwarded just before was never read."""
    await say(fake, "", author=OTHER, forwarding=p.message(CLAIM, author=OTHER, channel_id=p.CHANNEL_ID + 7))
    asked = await say(fake, f"{MENTION} is this true?", author=OTHER, mentions=[p.BOT_USER])
    reply = await reply_to(fake, asked)
    assert "1,178" in reply.text() and SOURCED not in reply.text()
    again = await say(fake, f"{MENTION} is this true?", author=OTHER, mentions=[p.BOT_USER])
    assert SOURCED in (await reply_to(fake, again)).text()  # each forward is commented on once


async def test_someone_elses_forward_is_not_what_a_comment_asks_about(bot: DisputeBot, fake: FakeDiscord) -> None:
    await say(fake, "", author=OTHER, forwarding=p.message(CLAIM, author=OTHER, channel_id=p.CHANNEL_ID + 7))
    asked = await say(fake, f"{MENTION} is this true?", mentions=[p.BOT_USER])
    assert SOURCED in (await reply_to(fake, asked)).text()


async def test_a_forward_and_its_comment_in_a_dm_get_one_answer(bot: DisputeBot, fake: FakeDiscord) -> None:
    """The bot answered twice: the forward alone, then the bare comment."""
    dm = p.CHANNEL_ID + 100
    forward = await say(fake, "", guild=False, channel_id=dm, forwarding=p.message(CLAIM, author=OTHER))
    comment = await say(fake, "is this true", guild=False, channel_id=dm)
    reply = await reply_to(fake, comment)
    assert "1,178" in reply.text() and SOURCED not in reply.text()
    await asyncio.sleep(2.0)  # past the forward's wait for a comment
    assert [m for m in fake.messages if m.reply_to == forward["id"]] == []


async def test_two_forwards_in_a_row_are_each_answered(bot: DisputeBot, fake: FakeDiscord) -> None:
    """The second forward silenced the first: any later message of its author counted as its comment."""
    dm = p.CHANNEL_ID + 101
    first = await say(fake, "", guild=False, channel_id=dm, forwarding=p.message(CLAIM, author=OTHER))
    second = await say(fake, "", guild=False, channel_id=dm,
                       forwarding=p.message("koo downloads after the twitter standoff", author=OTHER))
    assert "1,178" in (await reply_to(fake, first)).text()
    assert await reply_to(fake, second)
