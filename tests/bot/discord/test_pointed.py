"""Messages that point at another: "@bot is this true?" replying to someone's post, and a post forwarded to the
bot. The bot reads the post pointed at (sent along, fetched, or withheld without the Message Content intent)."""

from __future__ import annotations

import discord
import pytest

from bot.core import CommandCore
from bot.discord.app import DisputeBot
from tests.bot.discord import chatting
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import MENTION, reply_to, say, searched
from tests.bot.discord.conftest import BotStarter, FakeFactory
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")

CLAIM = "govt ordered twitter to block 1178 accounts linked to khalistan"
OTHER = p.user(p.FRIEND_ID, "someone")
SOURCED = "Every quote names its article"  # what "is this true?" gets said after one of the bot's answers


async def claim(fake: FakeDiscord, seen: bool = True) -> dict[str, object]:
    """Someone else's post in the channel, not addressed to the bot: it is not answered. ``seen=False``: posted
    before the bot started (or beyond the 1,000 messages discord.py keeps), so only a fetch finds it."""
    if seen:
        return await say(fake, f"<@{p.USER_ID}> {CLAIM}", author=OTHER, mentions=[p.user()])
    posted = p.message(f"<@{p.USER_ID}> {CLAIM}", author=OTHER, mentions=[p.user()])
    fake.posts[posted["id"]] = posted
    return posted


@pytest.mark.parametrize("resolved", [True, False], ids=["sent-along", "fetched"])
async def test_is_this_true_replying_to_someones_post_checks_that_post(
    bot: DisputeBot, fake: FakeDiscord, resolved: bool
) -> None:
    """People ask the bot exactly so: a member posts a claim, another replies to it mentioning the bot. It was
    answered as "is this true?" alone, about no answer of the bot's. Discord usually sends the replied-to post
    along; when it doesn't, the bot fetches it, once."""
    posted = await claim(fake, seen=resolved)
    asked = await say(fake, f"{MENTION} is this true?", mentions=[p.BOT_USER], replying_to=posted,
                      resolved=resolved)
    reply = await reply_to(fake, asked)
    assert "1,178" in reply.text() and SOURCED not in reply.text()
    assert f"<@{p.USER_ID}>" not in reply.text() and reply.pings == [], "the post's mention is not posted back"
    assert fake.fetched == ([] if resolved else [posted["id"]])
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_question_naming_nothing_borrows_from_the_post_replied_to(bot: DisputeBot, fake: FakeDiscord) -> None:
    asked = await say(fake, f"{MENTION} when was this", mentions=[p.BOT_USER], replying_to=await claim(fake))
    reply = await reply_to(fake, asked)
    assert searched(reply) and "khalistan" in reply.embeds[0]["footer"]["text"].lower()
    assert "names nothing" not in reply.text()


async def test_without_message_content_the_post_replied_to_adds_nothing(
    start_bot: BotStarter, discord_core: CommandCore, make_fake: FakeFactory
) -> None:
    """Discord withholds the text of a post that doesn't mention the bot: the question is answered alone, as
    before, whether the post came along or was fetched."""
    fake = make_fake()
    await start_bot(discord_core, fake, message_content=False)
    for resolved in (True, False):
        posted = await claim(fake, seen=resolved)
        asked = await say(fake, f"{MENTION} is this true?", mentions=[p.BOT_USER], replying_to=posted,
                          resolved=resolved)
        assert SOURCED in (await reply_to(fake, asked)).text()
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_reply_to_a_post_discord_no_longer_has_is_answered_alone(bot: DisputeBot, fake: FakeDiscord) -> None:
    posted = await claim(fake, seen=False)
    fake.deleted.add(str(posted["id"]))
    asked = await say(fake, f"{MENTION} is this true?", mentions=[p.BOT_USER], replying_to=posted, resolved=False)
    assert SOURCED in (await reply_to(fake, asked)).text()
    assert fake.fetched == [posted["id"]]


async def test_a_post_forwarded_to_the_bots_dm_is_the_question(bot: DisputeBot, fake: FakeDiscord) -> None:
    """A forward carries no text of its own: it got "Please ask a question"."""
    dm = p.CHANNEL_ID + 100
    forward = await say(fake, "", guild=False, channel_id=dm, forwarding=p.message(CLAIM, author=OTHER))
    reply = await reply_to(fake, forward)
    assert "1,178" in reply.text() and "Please ask a question" not in reply.text()
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_forward_with_a_question_of_its_own_reads_the_post_as_the_turn_before(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    dm = p.CHANNEL_ID + 100
    forward = await say(fake, "when was this", guild=False, channel_id=dm,
                        forwarding=p.message(CLAIM, author=OTHER))
    reply = await reply_to(fake, forward)
    assert searched(reply) and "khalistan" in reply.embeds[0]["footer"]["text"].lower()


@pytest.mark.parametrize("kind", ["feed", "bare-link"])
async def test_a_post_that_shows_only_an_embed_is_read_by_what_the_embed_says(
    bot: DisputeBot, fake: FakeDiscord, kind: str
) -> None:
    """A news feed's post (a webhook's or another bot's) is often an embed alone, and a link shared bare shows as
    the page's headline and summary, which Discord adds as an embed: "@bot is this true?" under either read
    nothing (no text) or only an address, and was answered as if asked alone."""
    page = "https://news.example/india-twitter"
    embed = {"type": "rich" if kind == "feed" else "article", "url": page, "title": "Twitter told to block accounts",
             "description": CLAIM}
    if kind == "feed":
        posted = p.message("", author=p.user(p.OTHER_BOT_ID, "news-feed", bot=True))
    else:
        posted = p.message(page, author=OTHER)
    posted["embeds"] = [embed]
    await fake.dispatch("MESSAGE_CREATE", posted)
    asked = await say(fake, f"{MENTION} is this true?", mentions=[p.BOT_USER], replying_to=posted)
    reply = await reply_to(fake, asked)
    assert "1,178" in reply.text() and SOURCED not in reply.text()
    assert fake.rejected == [] and fake.unexpected == []


async def test_is_this_true_replying_to_a_forwarded_post_checks_what_it_forwards(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    """Someone forwards a claim into a server channel (the forward has no text of its own, only Discord's
    snapshot of the post), another replies to the forward mentioning the bot."""
    forward = p.message("", author=OTHER, forwarding=p.message(CLAIM, author=OTHER, channel_id=p.CHANNEL_ID + 7))
    await fake.dispatch("MESSAGE_CREATE", forward)
    asked = await say(fake, f"{MENTION} is this true?", mentions=[p.BOT_USER], replying_to=forward)
    reply = await reply_to(fake, asked)
    assert "1,178" in reply.text() and SOURCED not in reply.text()
    assert fake.rejected == [] and fake.unexpected == []


def poll(question: str, *answers: str) -> dict[str, object]:
    """A message's ``poll`` as Discord sends it (Poll Resource: a question and its answers, each a poll media
    object; the message itself has no text)."""
    return {"question": {"text": question},
            "answers": [{"answer_id": n, "poll_media": {"text": text}} for n, text in enumerate(answers, 1)],
            "expiry": p.TIMESTAMP, "allow_multiselect": False, "layout_type": 1,
            "results": {"is_finalized": False, "answer_counts": []}}


@pytest.mark.parametrize("claimed_by", ["question", "answers"])
async def test_is_this_true_replying_to_a_poll_checks_what_the_poll_asks(
    bot: DisputeBot, fake: FakeDiscord, claimed_by: str
) -> None:
    """A poll shows its question and answers and has no text: "@bot is this true?" under one read nothing and
    was told that every quote names its article. The claim may be in the question or in the answers."""
    posted = p.message("", author=OTHER)
    posted["poll"] = (poll("Did the govt order twitter to block 1178 accounts linked to khalistan?", "Yes", "No")
                      if claimed_by == "question" else
                      poll("How many accounts linked to khalistan did the govt order twitter to block?",
                           "1178 accounts", "about 250"))
    await fake.dispatch("MESSAGE_CREATE", posted)
    asked = await say(fake, f"{MENTION} is this true?", mentions=[p.BOT_USER], replying_to=posted)
    reply = await reply_to(fake, asked)
    assert "1,178" in reply.text() and SOURCED not in reply.text()
    assert fake.rejected == [] and fake.unexpected == []


@pytest.mark.parametrize("seen", [True, False], ids=["cached", "fetched"])
async def test_is_this_true_in_a_thread_opened_on_someones_post_checks_that_post(
    bot: DisputeBot, fake: FakeDiscord, seen: bool
) -> None:
    """A member opens a thread on a claim ("Create Thread" on the message: the thread keeps its id) and asks in
    it, as people do on Slack in a post's thread. It was answered as "is this true?" alone."""
    posted = await claim(fake, seen=seen)
    opened = p.thread(int(str(posted["id"])), "about the claim", owner_id=p.FRIEND_ID)
    await fake.dispatch("THREAD_CREATE", {**opened, "newly_created": True})
    asked = await say(fake, f"{MENTION} is this true?", mentions=[p.BOT_USER], channel_id=int(opened["id"]))
    reply = await reply_to(fake, asked)
    assert reply.channel_id == opened["id"] and "1,178" in reply.text() and SOURCED not in reply.text()
    assert fake.fetched == ([] if seen else [posted["id"]])
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_thread_the_bot_answered_in_is_its_conversation_not_the_opening_post_again(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    """After its answer in a member's thread, the next mention there goes on with that conversation, as a Slack
    thread the bot answered in is followed: the opening post was read again (fetched again) as the latest turn."""
    posted = await claim(fake, seen=False)
    opened = p.thread(int(str(posted["id"])), "about the claim", owner_id=p.FRIEND_ID)
    await fake.dispatch("THREAD_CREATE", {**opened, "newly_created": True})
    asked = await say(fake, f"{MENTION} is this true?", mentions=[p.BOT_USER], channel_id=int(opened["id"]))
    await reply_to(fake, asked)
    await fake.settled()
    again = await say(fake, f"{MENTION} who is ajay sawhney?", mentions=[p.BOT_USER], channel_id=int(opened["id"]))
    reply = await reply_to(fake, again)
    assert "Sawhney" in reply.text()
    assert fake.fetched == [posted["id"]] and fake.rejected == [] and fake.unexpected == []


async def test_a_question_in_a_forum_post_borrows_from_the_posts_opening_message(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    """A forum post's opening message is in the post (a thread) itself, with the post's id."""
    post = p.thread(int(p.snowflake()), "Is the figure right?", parent_id=p.FORUM_ID, owner_id=p.FRIEND_ID)
    await fake.dispatch("THREAD_CREATE", {**post, "newly_created": True})
    opening = p.message(CLAIM, author=OTHER, channel_id=int(post["id"]))
    fake.posts[post["id"]] = {**opening, "id": post["id"]}
    asked = await say(fake, f"{MENTION} when was this", mentions=[p.BOT_USER], channel_id=int(post["id"]))
    reply = await reply_to(fake, asked)
    assert searched(reply) and "khalistan" in reply.embeds[0]["footer"]["text"].lower()
    assert fake.fetched == [post["id"]] and fake.rejected == [] and fake.unexpected == []


async def test_follow_ups_in_the_bots_own_thread_read_no_opening_message(bot: DisputeBot, fake: FakeDiscord) -> None:
    """The bot's thread is opened on its own answer and goes on with that conversation: nothing is fetched."""
    asked = await say(fake, f"{MENTION} who is ajay sawhney?", mentions=[p.BOT_USER])
    reply = await reply_to(fake, asked)
    [thread] = await fake.wait_for(lambda: fake.threads)
    await fake.settled()
    follow = await say(fake, "and when is he expected to meet twitter?", channel_id=int(thread["id"]))
    await reply_to(fake, follow)
    assert reply.id == thread["id"] and fake.fetched == [] and fake.rejected == [] and fake.unexpected == []


async def test_a_mention_in_a_private_thread_asks_discord_for_no_opening_message(
    bot: DisputeBot, fake: FakeDiscord
) -> None:
    """A private thread is opened on no message: each mention in one asked for a message that can't exist."""
    private = {**p.thread(int(p.snowflake()), "between us", owner_id=p.FRIEND_ID), "type": 12}
    await fake.dispatch("THREAD_CREATE", {**private, "newly_created": True})
    asked = await say(fake, f"{MENTION} who is ajay sawhney?", mentions=[p.BOT_USER], channel_id=int(private["id"]))
    reply = await reply_to(fake, asked)
    assert "Sawhney" in reply.text() and fake.fetched == [] and fake.rejected == [] and fake.unexpected == []




@pytest.mark.parametrize("how", ["forwarded", "forwarded-after-restart", "reply-to-its-forward"])
async def test_the_bots_own_answer_forwarded_back_is_asked_about_as_a_reply_to_it_is(
    start_bot: BotStarter, talking_core: CommandCore, make_fake: FakeFactory, how: str
) -> None:
    """Someone forwards one of the bot's answers (to its DM, or into a channel where another replies to the
    forward) and asks "is this true?". Its text was read as the question: the bot's wording and the articles'
    quotes were searched and quoted back. Now it is asked about as a reply to the answer is: "is this true?"
    points to the sources under it, no words at all get a line saying what it is, and a question goes on from
    the answer's conversation. After a restart the answer is known by its 👍/👎 buttons, which the snapshot
    keeps (a snapshot has no author)."""
    fake = make_fake()
    bot = await start_bot(talking_core, fake)
    answer = await reply_to(fake, await say(fake, f"{MENTION} {chatting.FIRST}", mentions=[p.BOT_USER]))
    assert answer.body.get("components"), "a stored answer carries its feedback buttons"
    if how == "forwarded-after-restart":
        bot.conversations._answers.clear()
    dm = p.CHANNEL_ID + 100

    async def ask(words: str) -> str:
        if how == "reply-to-its-forward":
            forward = p.message("", author=OTHER, forwarding=fake.message_json(answer))
            await fake.dispatch("MESSAGE_CREATE", forward)
            asked = await say(fake, f"{MENTION} {words}".strip(), mentions=[p.BOT_USER], replying_to=forward)
        else:
            asked = await say(fake, words, guild=False, channel_id=dm, forwarding=fake.message_json(answer))
        return (await reply_to(fake, asked)).text()

    assert SOURCED in await ask("is this true?")
    assert "That is one of my answers" in await ask("")
    follow_up = await ask(chatting.FOLLOW_UP)
    assert "Searched for:" in follow_up and "sawhney" in follow_up.lower(), "goes on from the answer's question"
    assert fake.rejected == [] and fake.unexpected == []


@pytest.mark.parametrize("where", ["dm", "thread", "thread-not-cached", "thread-of-a-server-not-loaded"])
async def test_an_answer_forwarded_after_a_restart_goes_on_with_the_dm_or_thread_it_was_given_in(
    start_bot: BotStarter, talking_core: CommandCore, make_fake: FakeFactory, where: str
) -> None:
    """After a restart the bot knows its forwarded answer by its buttons only, and took its conversation for the
    thread opened on it, as for an answer in a plain channel. An answer given in a DM or in a thread belongs to
    that DM's or thread's conversation, which the forward's reference names (its channel, and its server unless
    it was a DM): a follow-up asked with the forward read nothing of it. A thread the bot no longer has in its
    cache (archived, or not sent at start-up) is still a thread: every other channel of a server it is in is. In a
    server the bot is not in (answered through a user's install, or one it has left since) the forward can't tell
    a thread from a channel, and a follow-up read nothing: the stored answer its buttons name says where it was."""
    fake = make_fake()
    bot = await start_bot(talking_core, fake)
    dm = p.CHANNEL_ID + 100
    if where == "dm":
        answer = await reply_to(fake, await say(fake, chatting.FIRST, guild=False, channel_id=dm))
    else:
        await reply_to(fake, await say(fake, f"{MENTION} who is ajay sawhney?", mentions=[p.BOT_USER]))
        [thread] = await fake.wait_for(lambda: fake.threads)
        await fake.settled()
        answer = await reply_to(fake, await say(fake, chatting.FIRST, channel_id=int(thread["id"])))
    await fake.settled()
    assert answer.body.get("components"), "a stored answer carries its feedback buttons"
    bot.conversations._answers.clear()
    bot.conversations._threads.clear()
    if where == "thread-not-cached":
        guild = bot.get_guild(p.GUILD_ID)
        assert guild is not None
        guild._remove_thread(discord.Object(int(thread["id"])))  # type: ignore[arg-type]
    if where == "thread-of-a-server-not-loaded":
        guild = bot.get_guild(p.GUILD_ID)
        assert guild is not None
        bot._connection._remove_guild(guild)
    forwarded = fake.message_json(answer)
    assert ("guild_id" in forwarded) == (where != "dm")
    asked = await say(fake, chatting.FOLLOW_UP, guild=False, channel_id=dm + 1, forwarding=forwarded)
    follow_up = (await reply_to(fake, asked)).text()
    assert "Searched for:" in follow_up and "sawhney" in follow_up.lower(), "goes on from the answer's question"
    assert fake.rejected == [] and fake.unexpected == []


async def test_a_reply_after_a_restart_to_an_answer_that_opened_no_thread_goes_on_with_it(
    start_bot: BotStarter, talking_core: CommandCore, make_fake: FakeFactory
) -> None:
    """An answer to a mention that opened no thread (a voice or stage channel's chat takes none) kept its
    conversation under the question's id, and after a restart a reply to it looked for the thread opened on the
    answer, as for every other answer in a channel: "and when is he expected to meet Twitter?" was answered
    alone."""
    fake = make_fake()
    bot = await start_bot(talking_core, fake)
    asked = await say(fake, f"{MENTION} {chatting.FIRST}", mentions=[p.BOT_USER], channel_id=p.VOICE_CHANNEL_ID)
    answer = await reply_to(fake, asked)
    await fake.settled()
    assert fake.threads == []
    bot.conversations._answers.clear()
    follow = await say(fake, chatting.FOLLOW_UP, channel_id=p.VOICE_CHANNEL_ID,
                       replying_to=fake.message_json(answer))
    reply = (await reply_to(fake, follow)).text()
    assert "Searched for:" in reply and "sawhney" in reply.lower(), "goes on from the answer's question"
    assert fake.rejected == [] and fake.unexpected == []
