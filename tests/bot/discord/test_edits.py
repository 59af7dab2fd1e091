"""Edits of messages to the bot that got small talk back, and questions deleted before their answer, against the
fake Discord (the refusal and mention edits are tests/bot/discord/test_refusal_notices.py's)."""

from __future__ import annotations

import asyncio
import logging
import time

import discord
import pytest

from bot.core import CommandCore
from bot.discord import replies
from bot.discord.app import DisputeBot
from bot.discord.outgoing import Outgoing
from bot.results import Result
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import MENTION, QUESTION, edit, reply_to, say
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.mark.parametrize("where", ["mention", "dm"])
async def test_a_greeting_edited_into_a_question_is_answered_and_the_greeting_stays(
    bot: DisputeBot, fake: FakeDiscord, where: str
) -> None:
    """"hi" gets the greeting; the asker then edits the message into the question they meant. The greeting counted
    as an answer, so the edit was taken for a typo fixed in an answered question and nothing came."""
    dm: dict[str, object] = {"channel_id": int(p.snowflake()), "guild": False} if where == "dm" else {}
    lead, mentions = ("", []) if where == "dm" else (f"{MENTION} ", [p.BOT_USER])
    hello = await say(fake, f"{lead}hi", mentions=mentions, **dm)
    greeting = await reply_to(fake, hello)
    assert greeting.text().startswith("Hi!")
    await fake.settled()  # the greeting's response read: an edit sooner than that is no edit people make
    await edit(fake, hello, f"{lead}hi, {QUESTION}", mentions=mentions, **dm)
    answer = await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == hello["id"] and m.embeds),
                                              None))
    assert "257" in answer.text() or "1,178" in answer.text()
    await edit(fake, hello, f"{lead}hi, {QUESTION} (typo)", mentions=mentions, **dm)  # answered now: asks nothing
    thanks = await say(fake, f"{lead}thanks", mentions=mentions, **dm)
    welcome = await reply_to(fake, thanks)
    await fake.settled()
    await edit(fake, thanks, f"{lead}thanks!!", mentions=mentions, **dm)  # small talk still: no second welcome
    await fake.settled()
    assert [m for m in fake.messages if m.reply_to == hello["id"]] == [greeting, answer]
    assert [m for m in fake.messages if m.reply_to == thanks["id"]] == [welcome]
    assert not greeting.deleted, "the greeting answered what was said; it is no refusal to take back"
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_question_deleted_before_its_answer_gets_none_and_one_warning(
    bot: DisputeBot, fake: FakeDiscord, discord_core: CommandCore, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A reply to a deleted message is refused unless it may go without its reference: the answer and then its
    apology were both refused, with an error logged. Then the answer came without its reference, under the deleted
    question's words as its title: a question taken back (posted in the wrong place, asked again in other words,
    regretted) was answered and shown all the same. As on Slack, it now gets none: one warning, no apology."""
    ask = discord_core.engine.ask
    started = asyncio.Event()

    def slow(text: str, context: object = None) -> object:
        started.set()
        time.sleep(0.3)
        return ask(text)

    monkeypatch.setattr(discord_core.engine, "ask", slow)
    with caplog.at_level(logging.WARNING):
        asked = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
        await asyncio.wait_for(started.wait(), 10)
        fake.deleted.add(str(asked["id"]))
        await fake.wait_for(lambda: fake.rejected)
        await fake.settled()
    assert [why for _, why in fake.rejected] == [{"message_reference": "Unknown message"}], "one refused request"
    assert not fake.messages, "no answer, and no apology"
    assert [(r.levelname, "deleted" in r.getMessage()) for r in caplog.records if r.name.startswith("bot.")] == [
        ("WARNING", True)]
    fake.rejected.clear()


async def test_a_question_deleted_while_its_long_answer_is_posted_gets_no_more_of_it(
    bot: DisputeBot, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    """An answer over several messages: only the first is a reply, which Discord refuses once the question is
    gone; the later parts went to the channel all the same, the end of an answer under nothing. Discord's
    MESSAGE_DELETE for the question now stops them, and the part already posted is taken back."""
    real_render, real_reply = replies.render, replies.ReplySending._reply

    def in_parts(result: Result, show_question: bool = True) -> list[Outgoing]:
        return [*real_render(result, show_question), Outgoing(content="part two"), Outgoing(content="part three")]

    async def then_deleted(message: discord.Message, **kwargs: object) -> discord.Message:
        sent = await real_reply(message, **kwargs)  # the first part is up: now the asker deletes the question
        fake.deleted.add(str(message.id))
        await fake.dispatch("MESSAGE_DELETE", {"id": str(message.id), "channel_id": str(message.channel.id),
                                               "guild_id": str(p.GUILD_ID)})
        await fake.delivered()
        await asyncio.sleep(0.05)  # the bot's loop reads the event before the next part would go
        return sent

    monkeypatch.setattr(replies, "render", in_parts)
    monkeypatch.setattr(replies.ReplySending, "_reply", staticmethod(then_deleted))
    with caplog.at_level(logging.WARNING):
        asked = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
        first = await reply_to(fake, asked)
        await fake.settled()
    assert first.deleted, "the part posted before the question went is taken back"
    assert not [m for m in fake.messages if m.text() in ("part two", "part three")]
    assert [r.getMessage() for r in caplog.records if r.name.startswith("bot.")] == [
        f"question {asked['id']} in channel {p.CHANNEL_ID} was deleted while its answer was sent; 1 part(s) taken back"]
    monkeypatch.undo()
    again = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])  # the next question: a whole answer
    whole = await reply_to(fake, again)
    assert not whole.deleted and ("257" in whole.text() or "1,178" in whole.text())


async def test_a_greeting_edited_into_asking_how_to_add_an_article_is_told_how(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    """"how do I add an article?" is small talk to the router (the core answers it with how articles are added),
    and an edit into small talk asks nothing: "hi" edited into it got no answer at all."""
    dm: dict[str, object] = {"channel_id": int(p.snowflake()), "guild": False}
    hello = await say(fake, "hi", **dm)
    greeting = await reply_to(fake, hello)
    await fake.settled()
    await edit(fake, hello, "how do I add an article?", **dm)
    told = await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == hello["id"]
                                             and m is not greeting), None))
    assert "/add-article" in told.text() and "moderator" in told.text()
    assert fake.rejected == [] and fake.unexpected == []
