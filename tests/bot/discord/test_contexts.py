"""Messages from places and in shapes beyond a plain mention: a DM holding only a file."""

from __future__ import annotations

import pytest

from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.test_messages import MENTION, reply_to

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.mark.parametrize("where", ["dm", "mention"])
async def test_a_file_sent_without_words_is_pointed_to_add_article(
    bot: DisputeBot, fake: FakeDiscord, where: str
) -> None:
    """A moderator dropping an article into a DM (how Slack's moderators add one) was told "Please ask a
    question about the dispute", as if the bot had not seen the file. Nothing is downloaded."""
    dm = where == "dm"
    sent = p.message("" if dm else MENTION, guild=not dm, channel_id=p.CHANNEL_ID + (100 if dm else 0),
                     mentions=None if dm else [p.BOT_USER])
    sent["attachments"] = [p.attachment("koo.md", fake.file_url("koo.md", b"# Koo"), 5)]
    await fake.dispatch("MESSAGE_CREATE", sent)
    reply = await reply_to(fake, sent)
    assert "/add-article" in reply.text() and "Please ask a question" not in reply.text(), reply.text()
    assert fake.file_requests == [] and reply.pings == [] and fake.threads == []
