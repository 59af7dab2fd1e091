"""Messages Discord delivers in shapes the bot must not answer twice or wrongly: the same message twice, and a
voice message (``IS_VOICE_MESSAGE``: one audio attachment, no text)."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy

from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import MENTION, QUESTION, reply_to, say
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")

IS_VOICE_MESSAGE = 1 << 13


@pytest.mark.parametrize("where", ["mention", "dm"])
async def test_a_message_delivered_twice_is_answered_once(bot: DisputeBot, fake: FakeDiscord, where: str) -> None:
    """A MESSAGE_CREATE can reach the bot twice: replayed to a session that had read it, or sent to two
    processes connected for the same shard (an old one still up while its replacement starts). Each delivery
    was answered: two replies, and two threads, to one question."""
    if where == "dm":
        asked = p.message(QUESTION, guild=False, channel_id=p.CHANNEL_ID + 100)
    else:
        asked = p.message(f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
    await fake.dispatch("MESSAGE_CREATE", asked)
    await fake.dispatch("MESSAGE_CREATE", asked)
    reply = await reply_to(fake, asked)
    await fake.settled()
    assert [m.id for m in fake.messages if m.reply_to == asked["id"]] == [reply.id]
    assert len(fake.threads) == (0 if where == "dm" else 1)
    assert fake.rejected == [] and fake.unexpected == []


def voice_message(**kw: object) -> dict[str, object]:
    """A voice message as Discord sends it: no text, the flag, and one audio attachment with its duration and
    waveform (Messages resource, "Voice Messages")."""
    message = p.message("", **kw)  # type: ignore[arg-type]
    message["flags"] = IS_VOICE_MESSAGE
    message["attachments"] = [{**p.attachment("voice-message.ogg", "https://cdn.discord.test/voice-message.ogg",
                                              24_000), "content_type": "audio/ogg", "duration_secs": 4.2,
                               "waveform": "AAAAAAAA"}]
    return message


async def test_a_voice_message_to_the_bot_is_told_to_type_the_question(bot: DisputeBot, fake: FakeDiscord) -> None:
    """A question spoken into a voice message (in a DM, or in the bot's thread, where people go on talking) was
    told "I read questions, not attached files. To add an article, a moderator uses /add-article", as if an
    article had been sent, or passed over in silence in the thread."""
    dm = voice_message(guild=False, channel_id=p.CHANNEL_ID + 100)
    await fake.dispatch("MESSAGE_CREATE", dm)
    told = (await reply_to(fake, dm)).text()
    assert "voice" in told and "/add-article" not in told, told
    await reply_to(fake, await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER]))
    [thread] = await fake.wait_for(lambda: fake.threads)
    await fake.settled()
    spoken = voice_message(channel_id=int(thread["id"]))
    await fake.dispatch("MESSAGE_CREATE", spoken)
    assert "voice" in (await reply_to(fake, spoken)).text()
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_command_delivered_twice_is_answered_once_without_an_error(
    bot: DisputeBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """Two processes connected for one shard (an old one still up while its replacement starts) both get each
    command; Discord takes one acknowledgement and refuses the other (400, 40060 "Interaction has already been
    acknowledged"). The refused one was logged as a failed command, with its traceback, at ERROR (what alerts
    watch), and an apology was attempted through an interaction that was not its own."""
    interaction = p.slash("ask", {"question": QUESTION})
    with caplog.at_level(logging.INFO):
        await fake.dispatch("INTERACTION_CREATE", interaction)
        await fake.dispatch("INTERACTION_CREATE", interaction)
        [answer] = await fake.answers(interaction["token"])
    assert "257" in answer.text() or "1,178" in answer.text()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert any("acknowledged" in r.getMessage() for r in caplog.records)
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_voice_message_forwarded_to_the_bot_is_told_to_type_the_question(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    """A forward keeps the voice message's flag and audio in its snapshot, none on itself: it was taken for an
    article forwarded on its own and pointed to /add-article."""
    forward = p.message("", guild=False, channel_id=p.CHANNEL_ID + 100, forwarding=voice_message())
    await fake.dispatch("MESSAGE_CREATE", forward)
    told = (await reply_to(fake, forward)).text()
    assert "voice" in told and "/add-article" not in told, told
    assert fake.rejected == [] and fake.unexpected == []


class Unreachable:
    """A shared store's claims while the database can't be reached."""

    blocking = True

    def claim(self, key: str) -> bool:
        raise sqlalchemy.exc.OperationalError("INSERT", {}, Exception("connection refused"))

    def __contains__(self, key: object) -> bool:
        raise sqlalchemy.exc.OperationalError("SELECT", {}, Exception("connection refused"))


async def test_a_message_is_answered_while_the_store_of_claims_cant_be_reached(
    bot: DisputeBot, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """The claim that keeps a message from being answered twice must not keep it from being answered: a question
    asked while the shared store restarts is answered (a duplicate delivery meanwhile may be too), with one line
    saying why, not a traceback."""
    bot.conversations.seen = Unreachable()
    with caplog.at_level(logging.ERROR):
        reply = await reply_to(fake, await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER]))
    assert "257" in reply.text() or "1,178" in reply.text()
    assert any("can't be reached" in r.getMessage() and r.exc_info is None for r in caplog.records)
