"""What is a question to the bot and what it reads as one: DMs, mentions (of its user, its role, its names), people
and bots it ignores, mentions that must never ping, without the Message Content intent, against the fake Discord."""

from __future__ import annotations

import pytest

from bot.core import CommandCore
from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import FIRST, MENTION, QUESTION, reply_to, say
from tests.bot.discord.conftest import BotStarter, FakeFactory
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_dm_is_answered_without_a_mention(bot: DisputeBot, fake: FakeDiscord) -> None:
    asked = await say(fake, QUESTION, guild=False, channel_id=p.CHANNEL_ID + 100)
    reply = await reply_to(fake, asked)
    assert reply.channel_id == str(p.CHANNEL_ID + 100)
    assert "257" in reply.text() or "1,178" in reply.text()
    assert fake.threads == []


async def test_a_question_hidden_as_a_spoiler_or_quoted_reads_as_the_same_question(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    """Discord's markdown around a whole question (a spoiler, a quote, bold): its marks were read as words, and
    "||what happened on feb 10?||" was searched and declined instead of listing that day's events."""
    dm = p.CHANNEL_ID + 100
    typed = ("what happened on feb 10?", "||what happened on feb 10?||", "> **what happened on feb 10?**")
    texts = [(await reply_to(fake, await say(fake, text, guild=False, channel_id=dm))).text() for text in typed]
    assert "couldn't find" not in texts[0] and texts[1] == texts[0] == texts[2]


async def test_mention_without_a_question_gets_a_hint(bot: DisputeBot, fake: FakeDiscord) -> None:
    asked = await say(fake, f"<@!{p.BOT_ID}>  ", mentions=[p.BOT_USER])
    reply = await reply_to(fake, asked)
    assert "Please ask a question" in reply.content and reply.pings == []
    assert fake.threads == []


async def test_ignores_bots_itself_and_messages_not_addressed_to_it(bot: DisputeBot, fake: FakeDiscord) -> None:
    ignored = [
        await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER], author=p.user(p.OTHER_BOT_ID, "x", bot=True)),
        await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER], author=p.BOT_USER),
        await say(fake, QUESTION),
        await say(fake, f"@everyone {QUESTION}", mention_everyone=True),
        await say(fake, f"{MENTION} pinned", mentions=[p.BOT_USER], message_type=6),
        await say(fake, f"<@&{p.MOD_ROLE_ID}> {QUESTION}", mention_roles=(p.MOD_ROLE_ID,)),
    ]
    barrier = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
    await reply_to(fake, barrier)
    replied = {m.reply_to for m in fake.messages}
    assert replied == {barrier["id"]}, [m["content"] for m in ignored if m["id"] in replied]


async def test_hostile_mentions_never_ping(start_bot: BotStarter, writable_discord_core: CommandCore,
                                          fake: FakeDiscord) -> None:
    # A corpus folder that exists: without one, a removal is refused before the id is read (and echoed).
    await start_bot(writable_discord_core, fake)
    hostile = f"@everyone @here <@&{p.MOD_ROLE_ID}> <@{p.USER_ID}> {QUESTION}"
    asked = await say(fake, f"{MENTION} {hostile}", mentions=[p.BOT_USER])
    await reply_to(fake, asked)
    interaction = p.slash("ask", {"question": hostile})
    await fake.dispatch("INTERACTION_CREATE", interaction)
    await fake.answers(interaction["token"])
    # A notice that echoes user text in the message content (not an embed): the riskiest case.
    removal = p.slash("remove-article", {"article_id": f"@everyone <@&{p.MOD_ROLE_ID}>"}, roles=(p.MOD_ROLE_ID,))
    await fake.dispatch("INTERACTION_CREATE", removal)
    [notice] = await fake.answers(removal["token"])
    assert "@everyone" in notice.content and notice.ephemeral
    assert len(fake.messages) >= 3
    for sent in fake.messages:
        assert sent.body["allowed_mentions"] == {"parse": []} or sent.body["allowed_mentions"] == {
            "parse": [], "replied_user": False}
        assert sent.pings == []


async def test_the_bots_own_role_is_a_mention(bot: DisputeBot, fake: FakeDiscord) -> None:
    """What the client's autocomplete often inserts for "@dispute-bot"."""
    asked = await say(fake, f"<@&{p.BOT_ROLE_ID}> {QUESTION}", mention_roles=(p.BOT_ROLE_ID,))
    reply = await reply_to(fake, asked)
    assert reply.embeds[0]["title"] == QUESTION and reply.pings == []


async def test_without_message_content_a_role_mention_is_told_to_mention_the_bot(
    start_bot: BotStarter, discord_core: CommandCore, make_fake: FakeFactory
) -> None:
    """Without the Message Content intent Discord sends the text only of messages that mention the bot's user;
    a question to its role arrived empty and got no reply at all (the role was looked for in the text)."""
    fake = make_fake()
    await start_bot(discord_core, fake, message_content=False)
    asked = await say(fake, f"<@&{p.BOT_ROLE_ID}> {QUESTION}", mention_roles=(p.BOT_ROLE_ID,))
    reply = await reply_to(fake, asked)
    assert "mention my role" in reply.text() and "/ask" in reply.text() and reply.pings == []
    assert "Please ask a question" not in reply.text() and fake.threads == []


async def test_without_message_content_a_reply_without_its_mention_is_told_how_to_ask(
    start_bot: BotStarter, discord_core: CommandCore, make_fake: FakeFactory
) -> None:
    """Discord sends a reply's text to a bot without the Message Content intent only when the reply mentions
    it (@ON, Discord's default); with the mention turned off the reply to an answer arrived empty and was
    dropped without a word. With the mention on it is answered."""
    fake = make_fake()
    await start_bot(discord_core, fake, message_content=False)
    answer = await reply_to(fake, await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER]))
    quiet = await say(fake, f"and {FIRST}", replying_to=fake.message_json(answer))
    hint = await reply_to(fake, quiet)
    assert "replies that don't mention me" in hint.text() and "/ask" in hint.text() and hint.pings == []
    pinged = await say(fake, FIRST, replying_to=fake.message_json(answer), mentions=[p.BOT_USER])
    assert "Sawhney" in (await reply_to(fake, pinged)).text()
    assert fake.rejected == [] and fake.unexpected == []


async def test_one_question_a_line_gets_each_answered(bot: DisputeBot, fake: FakeDiscord) -> None:
    """Discord keeps a message's line breaks; they were dropped before the message was read, and two questions
    one a line were searched as one text and declined."""
    asked = await say(fake, f"{MENTION} who is ajay sawhney\nhow many accounts did twitter suspend",
                      mentions=[p.BOT_USER])
    text = (await reply_to(fake, asked)).text()
    assert "“who is ajay sawhney?”" in text and "“how many accounts did twitter suspend?”" in text
    assert "Sawhney" in text and "500" in text and "couldn't find" not in text


async def test_the_bots_own_names_go_from_a_question_and_other_handles_stay(
    bot: DisputeBot, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every "@…bot" was dropped, so "what did @kooindiabot say" asked about nothing in particular; the name an
    operator gave the bot, typed where the mention was not picked, stayed in as search words."""
    assert bot.user is not None
    monkeypatch.setattr(bot.user, "name", "Standoff Helper")
    asked = await say(fake, f"{MENTION} @standoff helper what did @kooindiabot say about the blocking order?",
                      mentions=[p.BOT_USER])
    await reply_to(fake, asked)
    [thread] = await fake.wait_for(lambda: fake.threads)
    assert thread["name"] == "what did @kooindiabot say about the blocking order?"


async def test_the_bots_name_opening_a_question_as_plain_text_is_no_part_of_it(
    bot: DisputeBot, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """"Standoff Helper, who is …" (the bot's name typed without "@", as one addresses a person) read the name as
    search words; Slack's adapter takes it out the same way (``bot.validation.without_own_names``)."""
    assert bot.user is not None
    monkeypatch.setattr(bot.user, "name", "Standoff Helper")
    asked = await say(fake, f"{MENTION} Standoff Helper, who is ajay sawhney?", mentions=[p.BOT_USER])
    await reply_to(fake, asked)
    [thread] = await fake.wait_for(lambda: fake.threads)
    assert thread["name"] == "who is ajay sawhney?"


async def test_other_bots_and_a_deleted_question_ask_nothing(bot: DisputeBot, fake: FakeDiscord) -> None:
    """Another bot's mention is never answered (bots answering bots loop); a question deleted after its answer
    leaves the answer in place and asks nothing (``bot.edits``, Slack's rule too)."""
    other = p.user(p.USER_ID + 50, "another-bot", bot=True)
    await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER], author=other)
    asked = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
    answer = await reply_to(fake, asked)
    await fake.dispatch("MESSAGE_DELETE", {"id": asked["id"], "channel_id": str(p.CHANNEL_ID),
                                           "guild_id": str(p.GUILD_ID)})
    await fake.settled()  # the other bot's mention and the deletion read and handled
    assert [m.reply_to for m in fake.messages if m.reply_to] == [asked["id"]] and not answer.deleted
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_mention_from_a_server_not_yet_cached_is_answered(bot: DisputeBot, fake: FakeDiscord) -> None:
    """A message can come before its server's GUILD_CREATE (at start-up, or after an outage made the server
    unavailable): discord.py then gives its author a member of no server, whose Manage Server permission raised,
    and the question got the apology instead of an answer. Here the asker is no admin, nothing worse."""
    message = p.message(f"{MENTION} {QUESTION}", mentions=[p.BOT_USER], channel_id=p.CHANNEL_ID + 555)
    message["guild_id"] = str(p.GUILD_ID + 555)
    await fake.dispatch("MESSAGE_CREATE", message)
    reply = await reply_to(fake, message)
    assert "257" in reply.text() or "1,178" in reply.text(), reply.text()
