"""Refusals to messages ("Please ask a question", too long, restarting): deleted once read in a server channel, and
when the bot stops; a question fixed or addressed to the bot by an edit, against the fake Discord."""

from __future__ import annotations

import pytest

from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import FIRST, MENTION, QUESTION, edit, reply_to, say
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_a_refusal_in_a_server_channel_goes_away_and_an_answer_stays(
    bot: DisputeBot, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only an interaction can answer privately: a refusal to a mention is public, so in a server channel it
    deletes itself once read; in a DM nobody else sees it, and an answer is never deleted."""
    monkeypatch.setattr("bot.discord.replies.NOTICE_LIFETIME", 0.3)
    refused = await reply_to(fake, await say(fake, f"{MENTION} " + "why " * 400, mentions=[p.BOT_USER]))
    assert "characters long" in refused.content and not refused.deleted
    assert "What you typed" not in refused.content, "a message's words stay in the channel: not posted again"
    in_dm = await reply_to(fake, await say(fake, "why " * 400, guild=False, channel_id=p.CHANNEL_ID + 100))
    answer = await reply_to(fake, await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER]))
    await fake.wait_for(lambda: refused.deleted, timeout=5)
    # A last refusal in the channel, sent after the others with the same lifetime: once it has gone, any
    # deletion due for the DM's refusal or the answer came before it.
    last = await reply_to(fake, await say(fake, f"{MENTION} " + "why " * 400, mentions=[p.BOT_USER]))
    await fake.wait_for(lambda: last.deleted, timeout=5)
    await fake.settled()
    assert "characters long" in in_dm.content and not in_dm.deleted and not answer.deleted
    assert fake.rejected == [] and fake.unexpected == []


async def test_refusals_still_up_are_deleted_when_the_bot_stops(bot: DisputeBot, fake: FakeDiscord) -> None:
    """A refusal in a server channel deleted itself from a task of the running client: one sent less than two
    minutes before a restart, "I'm restarting; ask again in a moment" above all, stayed up for good."""
    bot.core.in_flight.close()  # the bot is stopping: questions are turned away
    restarting = await reply_to(fake, await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER]))
    in_dm = await reply_to(fake, await say(fake, QUESTION, guild=False, channel_id=p.CHANNEL_ID + 100))
    assert "restarting" in restarting.content and "restarting" in in_dm.content
    await fake.settled()  # a stopping bot drains what it handles first (``serve_until_stopped``), then closes
    await bot.close()
    assert restarting.deleted and not in_dm.deleted, "a DM's refusal stays, as it always did"
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_question_edited_to_mention_the_bot_is_answered_once(bot: DisputeBot, fake: FakeDiscord) -> None:
    """Someone who forgot the mention adds it by editing, as they would on Slack, where the edit is answered;
    here nothing came. Editing again (a typo), or a question that mentioned the bot from the start, asks
    nothing new."""
    asked = await say(fake, QUESTION)
    await fake.settled()  # read and handled: a reply to it would be out by now
    assert not fake.messages, "not addressed to the bot yet"
    await edit(fake, asked, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
    reply = await reply_to(fake, asked)
    assert "1,178" in reply.text() or "257" in reply.text()
    await edit(fake, asked, f"{MENTION} {QUESTION} (thanks)", mentions=[p.BOT_USER])
    answered = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
    await reply_to(fake, answered)
    await edit(fake, answered, f"{MENTION} how many accounts was Twitter asked to block?", mentions=[p.BOT_USER])
    await edit(fake, answered, QUESTION)  # the mention taken out, then put back: still the one question
    await edit(fake, answered, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
    await fake.settled()  # every edit read and handled: a second answer to either would be out by now
    assert [m.reply_to for m in fake.messages if m.reply_to] == [asked["id"], answered["id"]]
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_refused_question_fixed_by_an_edit_is_answered(bot: DisputeBot, fake: FakeDiscord) -> None:
    """Told a question was empty or too long, people edit the message they sent: the edit was taken for a typo
    fixed in a question already answered, and nothing came. The refusal, out of date, goes; an update that
    leaves the words alone (Discord adding a link's preview) asks nothing."""
    empty = await say(fake, MENTION, mentions=[p.BOT_USER])
    long = await say(fake, f"{MENTION} " + "why " * 400, mentions=[p.BOT_USER])
    refusals = [await reply_to(fake, empty), await reply_to(fake, long)]
    assert "Please ask a question" in refusals[0].content and "characters long" in refusals[1].content
    await fake.settled()  # the refusals' responses read: an edit sooner than a response is no edit people make
    await edit(fake, empty, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
    await edit(fake, long, f"{MENTION} {FIRST}", mentions=[p.BOT_USER])
    asked = (empty["id"], long["id"])
    answers = await fake.wait_for(lambda: [m for m in fake.messages if m.embeds and m.reply_to in asked][1:] and
                                  [m for m in fake.messages if m.embeds and m.reply_to in asked])
    assert {m.embeds[0]["title"] for m in answers} == {QUESTION, FIRST}
    await fake.wait_for(lambda: all(r.deleted for r in refusals), timeout=5)  # the out-of-date refusals go
    again = await edit(fake, empty, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])  # answered: a typo fixed
    await fake.dispatch("MESSAGE_UPDATE", {**again, "embeds": [{"type": "link", "url": "https://example.org"}]})
    await fake.settled()  # both updates read and handled: an answer to either would be out by now
    assert len([m for m in fake.messages if m.reply_to in asked]) == 4
    assert fake.rejected == [] and fake.unexpected == []
