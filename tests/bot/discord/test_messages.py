"""Mentions, DMs and thread follow-ups through the real discord.py code path, against the fake Discord."""

from __future__ import annotations

import logging
from pathlib import Path

import discord
import pytest

from bot.core import APOLOGY, CommandCore
from bot.discord.app import DisputeBot
from tests.bot.conftest import CoreFactory, HistoryFactory
from tests.bot.discord import payloads as p
from tests.bot.discord.conftest import MODERATORS, BotStarter, FakeFactory
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.fake_records import Sent

pytestmark = pytest.mark.asyncio(loop_scope="session")

MENTION = f"<@{p.BOT_ID}>"
QUESTION = "how many accounts was Twitter ordered to block?"
FIRST, FOLLOW_UP = "Who is Ajay Prakash Sawhney?", "and when is he expected to meet Twitter?"


async def say(fake: FakeDiscord, content: str, **kw: object) -> dict[str, object]:
    message = p.message(content, **kw)  # type: ignore[arg-type]
    await fake.dispatch("MESSAGE_CREATE", message)
    return message


async def reply_to(fake: FakeDiscord, message: dict[str, object]) -> Sent:
    return await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == message["id"]), None))


@pytest.fixture
def talking_core(make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory) -> CommandCore:
    """A core that keeps conversations (a SQLite history), so a follow-up can lean on earlier turns."""
    return make_core(seed_index_dir, Path("/nonexistent-corpus"), MODERATORS, history=make_history())


def searched(sent: Sent) -> bool:
    """Whether the answer says it searched with words from earlier in the conversation."""
    return str(sent.embeds[0]["footer"]["text"]).startswith("Searched for:")


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


async def test_hostile_mentions_never_ping(bot: DisputeBot, fake: FakeDiscord) -> None:
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


async def edit(fake: FakeDiscord, message: dict[str, object], content: str, **kw: object) -> dict[str, object]:
    """Discord's MESSAGE_UPDATE for ``message`` edited to ``content`` (the whole message, as Discord sends it)."""
    edited = {**p.message(content, **kw), "id": message["id"], "edited_timestamp": p.TIMESTAMP}  # type: ignore[arg-type]
    await fake.dispatch("MESSAGE_UPDATE", edited)
    return edited


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


async def test_one_question_a_line_gets_each_answered(bot: DisputeBot, fake: FakeDiscord) -> None:
    """Discord keeps a message's line breaks; they were dropped before the message was read, and two questions
    one a line were searched as one text and declined."""
    asked = await say(fake, f"{MENTION} who is ajay sawhney\nhow many accounts did twitter suspend",
                      mentions=[p.BOT_USER])
    text = (await reply_to(fake, asked)).text()
    assert "“who is ajay sawhney?”" in text and "“how many accounts did twitter suspend?”" in text
    assert "Sawhney" in text and "500" in text and "couldn't find" not in text


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
