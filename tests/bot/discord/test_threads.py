"""Conversations through mentions, replies and threads: the thread an answer opens, follow-ups in it and in reply to
an answer (or an /ask or /timeline command's), and people talking among themselves there, against the fake Discord."""

from __future__ import annotations

import discord
import pytest

from bot.core import CommandCore
from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import FIRST, FOLLOW_UP, MENTION, QUESTION, reply_to, say, searched
from tests.bot.discord.conftest import BotStarter, FakeFactory
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.mark.parametrize("announce_threads", [True, False], ids=["thread-announced", "thread-remembered"])
async def test_mention_gets_a_reply_and_a_thread_that_continues_the_conversation(
    start_bot: BotStarter, talking_core: CommandCore, make_fake: FakeFactory, announce_threads: bool
) -> None:
    """Also when discord.py has not cached the thread and hands over a bare messageable."""
    fake = make_fake(announce_threads=announce_threads)
    bot = await start_bot(talking_core, fake)
    asked = await say(fake, f"{MENTION} {FIRST}", mentions=[p.BOT_USER])
    reply = await reply_to(fake, asked)
    assert reply.channel_id == str(p.CHANNEL_ID) and str(reply.body["message_reference"]["message_id"]) == asked["id"]
    assert reply.embeds[0]["title"] == FIRST, "the bot's own mention is stripped from the question"
    assert "Sawhney" in reply.text() and not searched(reply)
    assert reply.pings == [], "replying does not even ping the asker"

    [thread] = await fake.wait_for(lambda: fake.threads)
    assert thread["id"] == reply.id and thread["name"] == FIRST
    await fake.wait_for(lambda: bot.conversations.is_bot_thread(discord.Object(int(thread["id"]))))
    answer = await reply_to(fake, await say(fake, FOLLOW_UP, channel_id=int(thread["id"])))
    assert answer.channel_id == thread["id"] and searched(answer), "the follow-up leans on the first question"
    assert len(fake.threads) == 1, "no thread inside a thread"
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_mention_in_a_voice_channels_chat_or_a_forum_post_is_answered_where_it_was_asked(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    """A voice channel's text chat and a forum post (a thread someone opened in a forum) take messages but no
    thread on one (Discord: 400, 50024): the answer stays a reply there. In someone's forum post, talk that
    does not address the bot is theirs."""
    post = p.thread(int(p.snowflake()), "Is the 1,178 figure right?", parent_id=p.FORUM_ID, owner_id=p.USER_ID)
    await fake.dispatch("THREAD_CREATE", {**post, "newly_created": True})
    in_voice = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER], channel_id=p.VOICE_CHANNEL_ID)
    in_post = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER], channel_id=int(post["id"]))
    for asked, where in ((in_voice, str(p.VOICE_CHANNEL_ID)), (in_post, post["id"])):
        reply = await reply_to(fake, asked)
        assert reply.channel_id == where and "1,178" in reply.text()
    await say(fake, "I read it differently", channel_id=int(post["id"]))
    await fake.settled()
    assert len(fake.messages) == 2 and not fake.threads
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_reply_to_an_answer_goes_on_with_its_conversation(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord
) -> None:
    await start_bot(talking_core, fake)
    asked = await say(fake, f"{MENTION} {FIRST}", mentions=[p.BOT_USER])
    answer = await reply_to(fake, asked)
    await fake.wait_for(lambda: fake.threads)
    # Discord's reply, with its ping turned off: the bot is not among the mentions.
    follow = await say(fake, FOLLOW_UP, replying_to=fake.message_json(answer))
    second = await reply_to(fake, follow)
    assert second.channel_id == str(p.CHANNEL_ID) and searched(second)
    ignored = await say(fake, f"me too, {QUESTION}", replying_to=asked)  # a reply to a person, not to the bot
    barrier = await reply_to(fake, await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER]))
    await fake.wait_for(lambda: len(fake.threads) == 2)
    assert {t["id"] for t in fake.threads} == {answer.id, barrier.id}, "the reply's conversation has its thread"
    assert ignored["id"] not in {m.reply_to for m in fake.messages}


async def test_a_reply_to_an_answer_that_names_someone_else_is_said_to_them(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord
) -> None:
    """A reply to the bot's answer pings the bot (Discord's reply mention, on by default), and "@Bob look at this"
    sent so, or one naming a role or everyone, was answered as a follow-up: the same words in a Slack thread the
    bot follows are Bob's (``bot.addressed``). Typing the bot's mention among them still asks it; so does the
    reply's ping alone."""
    await start_bot(talking_core, fake)
    answer = fake.message_json(await reply_to(fake, await say(fake, f"{MENTION} {FIRST}", mentions=[p.BOT_USER])))
    bob = p.user(p.USER_ID + 7, "bob")
    ignored = [
        await say(fake, f"<@{p.USER_ID + 7}> look at this, {QUESTION}", mentions=[p.BOT_USER, bob], replying_to=answer),
        await say(fake, f"<@&{p.MOD_ROLE_ID}> {QUESTION}", mentions=[p.BOT_USER], mention_roles=(p.MOD_ROLE_ID,),
                  replying_to=answer),
        await say(fake, f"@everyone {QUESTION}", mention_everyone=True, replying_to=answer),
    ]
    both = await say(fake, f"{MENTION} <@{p.USER_ID + 7}> {QUESTION}", mentions=[p.BOT_USER, bob], replying_to=answer)
    assert "257" in (await reply_to(fake, both)).text()
    pinged = await say(fake, FOLLOW_UP, mentions=[p.BOT_USER], replying_to=answer)
    assert searched(await reply_to(fake, pinged))
    replied = {m.reply_to for m in fake.messages}
    assert not replied & {m["id"] for m in ignored}, [m["content"] for m in ignored if m["id"] in replied]


@pytest.mark.parametrize("announce_threads", [True, False], ids=["thread-announced", "thread-not-announced"])
async def test_the_conversation_goes_on_before_discords_response_opening_its_thread(
    start_bot: BotStarter, talking_core: CommandCore, make_fake: FakeFactory, announce_threads: bool
) -> None:
    """People see the thread, and post in it or reply to the answer, before Discord's response opening it
    reaches the bot (seconds, when the request is slow or retried); such a follow-up was asked alone."""
    fake = make_fake(announce_threads=announce_threads)
    bot = await start_bot(talking_core, fake)
    fake.thread_response_delay = 1.5
    asked = await say(fake, f"{MENTION} {FIRST}", mentions=[p.BOT_USER])
    answer = await reply_to(fake, asked)
    [thread] = await fake.wait_for(lambda: fake.threads)
    in_thread = await reply_to(fake, await say(fake, FOLLOW_UP, channel_id=int(thread["id"])))
    replied = await reply_to(fake, await say(fake, FOLLOW_UP, replying_to=fake.message_json(answer)))
    assert bot.conversations.is_bot_thread(discord.Object(int(thread["id"])))
    assert in_thread.channel_id == thread["id"] and searched(in_thread)
    assert replied.channel_id == str(p.CHANNEL_ID) and searched(replied)
    assert len(fake.threads) == 1 and fake.rejected == [] and fake.unexpected == []


async def test_a_reply_to_an_ask_answer_goes_on_with_its_conversation(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord
) -> None:
    """/ask in a plain channel kept no conversation, so a reply to its answer was answered as if alone."""
    await start_bot(talking_core, fake)
    asked = p.slash("ask", {"question": FIRST})
    await fake.dispatch("INTERACTION_CREATE", asked)
    [answer] = await fake.answers(asked["token"])
    assert "Sawhney" in answer.text()
    follow = await say(fake, FOLLOW_UP, replying_to=fake.message_json(answer))
    assert searched(await reply_to(fake, follow))


async def test_people_talking_to_each_other_in_the_bot_s_thread_are_left_alone(
    start_bot: BotStarter, talking_core: CommandCore, make_fake: FakeFactory
) -> None:
    """"@Bob thanks, I'll forward these" and Bob's reply to it were answered with public declines quoting
    them. A message that names no one is still a follow-up to the bot."""
    fake = make_fake()
    bot = await start_bot(talking_core, fake)
    asked = await say(fake, f"{MENTION} {QUESTION}", mentions=[p.BOT_USER])
    await reply_to(fake, asked)
    [thread] = await fake.wait_for(lambda: fake.threads)
    await fake.wait_for(lambda: bot.conversations.is_bot_thread(discord.Object(int(thread["id"]))))
    bob = p.user(p.USER_ID + 7, "bob")
    here = int(thread["id"])
    thanks = await say(fake, f"<@{p.USER_ID + 7}> thanks, I will forward these numbers to legal tomorrow",
                       channel_id=here, mentions=[bob])
    ignored = [thanks, await say(fake, "lol yes, see you at lunch", channel_id=here, author=bob, replying_to=thanks),
               await say(fake, "@everyone meeting moved to 3", channel_id=here, mention_everyone=True)]
    follow = await say(fake, "and how many did twitter suspend?", channel_id=here)
    answer = await reply_to(fake, follow)
    assert "500" in answer.text()
    replied = {m.reply_to for m in fake.messages}
    assert not replied & {m["id"] for m in ignored}, [m["content"] for m in ignored if m["id"] in replied]


async def test_a_reply_to_ones_own_message_in_the_bots_thread_is_a_follow_up(
    start_bot: BotStarter, discord_core: CommandCore, make_fake: FakeFactory
) -> None:
    """A correction in the bot's thread as a reply to one's own question ("I mean …") was ignored, as if said
    to someone else."""
    fake = make_fake()
    bot = await start_bot(discord_core, fake)
    await reply_to(fake, await say(fake, f"{MENTION} {FIRST}", mentions=[p.BOT_USER]))
    [thread] = await fake.wait_for(lambda: fake.threads)
    await fake.wait_for(lambda: bot.conversations.is_bot_thread(discord.Object(int(thread["id"]))))
    here = int(thread["id"])
    first = await say(fake, "which section of the IT Act was used?", channel_id=here)
    await reply_to(fake, first)
    own = await say(fake, f"I mean, {QUESTION}", channel_id=here, replying_to=first)
    assert "257" in (await reply_to(fake, own)).text()


async def test_a_timeline_mention_opens_a_thread_where_a_follow_up_reads_its_events(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord
) -> None:
    """"@bot what's going on with the talks?" is answered with the dated events. No thread was opened on it and
    nothing was remembered: "who will lead them?" in reply named nothing."""
    bot = await start_bot(talking_core, fake)
    asked = await say(fake, f"{MENTION} what's going on with the talks?", mentions=[p.BOT_USER])
    reply = await reply_to(fake, asked)
    assert "2021-02-08" in reply.text()
    [thread] = await fake.wait_for(lambda: fake.threads)
    assert thread["id"] == reply.id and thread["name"] == "what's going on with the talks?"
    await fake.wait_for(lambda: bot.conversations.is_bot_thread(discord.Object(int(thread["id"]))))
    answer = await reply_to(fake, await say(fake, "who will lead them?", channel_id=int(thread["id"])))
    assert "Sawhney" in answer.text() and searched(answer)


@pytest.mark.parametrize(("asked", "said"), [("timeline of the cricket world cup", "no dated events"),
                                              ("what happened last week?", "can't tell which days")],
                         ids=["no-events", "asked-back"])
async def test_a_timeline_mention_that_shows_no_event_is_answered_in_place(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord, asked: str, said: str
) -> None:
    """A thread was opened on "no dated events" (or on the note asking which dates are meant) as on an answer:
    a thread with nothing in it to follow up. The reply stays in the channel, and a reply to it goes on."""
    await start_bot(talking_core, fake)
    question = await say(fake, f"{MENTION} {asked}", mentions=[p.BOT_USER])
    reply = await reply_to(fake, question)
    assert said in reply.text(), reply.text()
    barrier = await reply_to(fake, await say(fake, f"{MENTION} what happened on feb 8?", mentions=[p.BOT_USER]))
    [thread] = await fake.wait_for(lambda: fake.threads)
    assert thread["id"] == barrier.id, "only the timeline with events got a thread"
    follow = await reply_to(fake, await say(fake, "what happened on feb 10?", replying_to=fake.message_json(reply)))
    assert follow.channel_id == str(p.CHANNEL_ID) and "2021-02-10" in follow.text()
    assert len(fake.threads) == 1 and fake.rejected == [] and fake.unexpected == []


async def test_a_reply_to_a_timeline_command_reads_its_events(
    start_bot: BotStarter, talking_core: CommandCore, fake: FakeDiscord
) -> None:
    await start_bot(talking_core, fake)
    asked = p.slash("timeline", {"topic": "feb 8"})
    await fake.dispatch("INTERACTION_CREATE", asked)
    [shown, *_] = await fake.answers(asked["token"])
    assert "2021-02-08" in shown.text()
    follow = await say(fake, "and two days later?", replying_to=fake.message_json(shown))
    later = await reply_to(fake, follow)
    assert "2021-02-10" in later.text() and "10 February 2021" in later.text()
