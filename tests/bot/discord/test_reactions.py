"""Messages of emoji or punctuation alone: a reaction typed out in the bot's thread or as a reply to its answer."""

from __future__ import annotations

import discord
import pytest

from bot.core import CommandCore
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import MENTION, QUESTION, reply_to, say
from tests.bot.discord.conftest import BotStarter
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_emoji_alone_in_the_bots_thread_or_replying_to_its_answer_is_left_alone(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord
) -> None:
    """"👍" under an answer was answered publicly with "Please ask a question about the dispute …"; so were a
    server's own emoji and "?!". The prompt still answers a mention or a DM of nothing but emoji, and a
    follow-up with words is answered as before."""
    bot = await start_bot(talking_core, fake)
    asked = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
    answer = await reply_to(fake, asked)
    [thread] = await fake.wait_for(lambda: fake.threads)
    here = int(thread["id"])
    await fake.wait_for(lambda: bot.conversations.is_bot_thread(discord.Object(here)))
    ignored = [await say(fake, "👍🏽", channel_id=here), await say(fake, "?!", channel_id=here),
               await say(fake, "<:party_parrot:1234567890> 🎉", channel_id=here),
               await say(fake, "🙏", replying_to=fake.message_json(answer))]
    prompted = [await say(fake, f"{MENTION} 👍", mentions=[p.BOT_USER]), await say(fake, "🤔", guild=False)]
    follow = await say(fake, "and how many did twitter suspend?", channel_id=here)
    assert "500" in (await reply_to(fake, follow)).text()
    await fake.settled()
    # A 👍 with no reply before it to acknowledge is welcomed (``bot.about_replies.noted_text``); "🤔" is prompted.
    assert (await reply_to(fake, prompted[0])).text() == "Ask me anything about the articles whenever you like."
    assert "Please ask a question" in (await reply_to(fake, prompted[1])).text()
    replied = {m.reply_to for m in fake.messages}
    assert not replied & {m["id"] for m in ignored}, [m["content"] for m in ignored if m["id"] in replied]
