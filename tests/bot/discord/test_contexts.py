"""Messages and commands from places beyond a plain mention: a DM holding only a file, and slash commands run
through a user's own install of the app, in servers the bot is not in and in private channels."""

from __future__ import annotations

import logging

import pytest

from bot.core import CommandCore
from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import MENTION, reply_to
from tests.bot.discord.conftest import BotStarter, settings_for
from tests.bot.discord.fake_discord import FakeDiscord

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


@pytest.mark.parametrize("how", ["file", "address"])
async def test_adding_the_slack_way_is_pointed_to_add_article(bot: DisputeBot, fake: FakeDiscord, how: str) -> None:
    """"add" with a file attached, or followed by a page's address, in a DM (how Slack's moderators add an
    article) was answered as the question "add" with the passages closest to it, the file unread and unsaid.
    A question that uses the word is still a question."""
    text = "add" if how == "file" else "add <https://example.org/koo-story>"
    sent = p.message(text, guild=False, channel_id=p.CHANNEL_ID + 100)
    if how == "file":
        sent["attachments"] = [p.attachment("koo.md", fake.file_url("koo.md", b"# Koo"), 5)]
    await fake.dispatch("MESSAGE_CREATE", sent)
    reply = await reply_to(fake, sent)
    assert "/add-article" in reply.text() and "couldn't find" not in reply.text() and not reply.embeds
    assert fake.file_requests == [] and reply.pings == []
    asked = p.message("how many accounts did the government add to its list?", guild=False,
                      channel_id=p.CHANNEL_ID + 100)
    await fake.dispatch("MESSAGE_CREATE", asked)
    assert (await reply_to(fake, asked)).embeds


async def test_a_file_forwarded_without_words_is_pointed_to_add_article(bot: DisputeBot, fake: FakeDiscord) -> None:
    """A file forwarded to the bot's DM (Discord's forward: no text of its own, the file in its snapshot of the
    post) was told "Please ask a question about the dispute", as a file sent directly no longer is."""
    dm = p.CHANNEL_ID + 100
    post = p.message("", author=p.user(p.FRIEND_ID, "someone"))
    post["attachments"] = [p.attachment("koo.md", fake.file_url("koo.md", b"# Koo"), 5)]
    sent = p.message("", guild=False, channel_id=dm, forwarding=post)
    await fake.dispatch("MESSAGE_CREATE", sent)
    reply = await reply_to(fake, sent)
    assert "/add-article" in reply.text() and "Please ask a question" not in reply.text(), reply.text()
    assert fake.file_requests == [] and reply.pings == []


@pytest.mark.parametrize("file", ["koo.md", "screenshot.png"])
async def test_an_article_sent_with_a_question_in_a_dm_is_answered_and_pointed_to_add_article(
    bot: DisputeBot, fake: FakeDiscord, file: str
) -> None:
    """An article dropped into the DM with words ("how many accounts does this say were blocked?") got the answer
    to the words, the file passed over without a word (Slack tells its sender how to add it). A picture with a
    question is a question only. Nothing is downloaded."""
    dm = p.CHANNEL_ID + 101
    sent = p.message("how many accounts was Twitter ordered to block?", guild=False, channel_id=dm)
    sent["attachments"] = [p.attachment(file, fake.file_url(file, b"# Koo"), 5)]
    await fake.dispatch("MESSAGE_CREATE", sent)
    answer = await reply_to(fake, sent)
    assert "257" in answer.text() or "1,178" in answer.text()
    if file == "koo.md":
        note = await fake.wait_for(lambda: next((m for m in fake.messages if "/add-article" in m.text()), None))
        assert note.channel_id == str(dm) and note.pings == []
    await fake.settled()
    assert len(fake.messages) == (2 if file == "koo.md" else 1) and fake.file_requests == []


READ_ONLY = ("ask", "timeline", "sources", "status")
MODERATOR = ("reindex", "add-article", "remove-article", "restore-article", "report", "index-history")


async def globally_synced(start_bot: BotStarter, core: CommandCore, fake: FakeDiscord, user_install: bool = True
                          ) -> DisputeBot:
    """The bot with its commands registered globally: only global commands reach users' installs."""
    return await start_bot(core, fake, settings_for(fake, discord_guild_id=None, discord_user_install=user_install))


async def test_by_default_every_command_is_declared_for_servers_installs_only(
    start_bot: BotStarter, discord_core: CommandCore, fake: FakeDiscord
) -> None:
    """A user's install is opt-in (DISCORD_USER_INSTALL): declared for an application whose User Install is
    off, it is of no use, and Discord could refuse the whole sync for it."""
    await globally_synced(start_bot, discord_core, fake, user_install=False)
    synced = {c["name"]: c for c in fake.synced["global"]}
    assert sorted(synced) == sorted(READ_ONLY + MODERATOR)
    for name, command in synced.items():
        assert (command["integration_types"], command["contexts"]) == ([0], [0, 1]), name
    for place in ("server", "dm", "group"):
        assert fake.not_offered(p.user_installed(p.slash("ask"), place)) is not None, place


async def test_the_synced_commands_say_whose_installs_offer_them_and_where(
    start_bot: BotStarter, discord_core: CommandCore, fake: FakeDiscord
) -> None:
    """Registered without ``integration_types``, every command followed the installs enabled in the Developer
    Portal: turning on User Install offered /reindex and /report in any server a user is in."""
    await globally_synced(start_bot, discord_core, fake)
    synced = {c["name"]: c for c in fake.synced["global"]}
    assert sorted(synced) == sorted(READ_ONLY + MODERATOR)
    for name in READ_ONLY:  # servers' and users' installs; servers, the bot's DM, private channels
        assert (synced[name]["integration_types"], synced[name]["contexts"]) == ([0, 1], [0, 1, 2]), name
    for name in MODERATOR:  # servers' installs only; their servers and the bot's DM
        assert (synced[name]["integration_types"], synced[name]["contexts"]) == ([0], [0, 1]), name


async def test_ask_through_a_users_install_is_answered_where_the_bot_is_not(
    start_bot: BotStarter, discord_core: CommandCore, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """Run from a user's install, /ask arrives from a server the bot is not in (no guild in its cache, a
    partial channel) or from a DM or group DM among friends. It is answered through the interaction alone:
    no thread, no channel message, nothing that needs the bot in the place; until now Discord offered it in
    no private channel."""
    await globally_synced(start_bot, discord_core, fake)
    with caplog.at_level(logging.WARNING, logger="bot"):
        for place in ("server", "dm", "group"):
            interaction = p.user_installed(p.slash("ask", {"question": "How many accounts was Twitter ordered to "
                                                                      "block?"}), place)
            assert fake.not_offered(interaction) is None, place
            await fake.dispatch("INTERACTION_CREATE", interaction)
            replies = await fake.answers(interaction["token"])
            assert not replies[0].ephemeral and "1,178" in replies[0].text(), (place, replies[0].text())
            assert all(r.interaction == interaction["token"] for r in replies)
    assert fake.threads == [] and fake.unexpected == [] and fake.rejected == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


async def test_moderator_commands_are_offered_only_through_a_servers_install(
    start_bot: BotStarter, discord_core: CommandCore, fake: FakeDiscord
) -> None:
    """Manage Server in a user's own server, or nobody's roles in a group DM, can't say who moderates the
    articles every server shares: Discord offers the moderator commands only where a server installed the
    bot, and in the bot's own DM (where moderators listed by user id may use them)."""
    await globally_synced(start_bot, discord_core, fake)
    for name in MODERATOR:
        for place in ("server", "dm", "group"):
            assert fake.not_offered(p.user_installed(p.slash(name), place)) is not None, (name, place)
        bot_dm = p.bot_dm_slash(name, p.USER_ID)
        assert fake.not_offered(p.slash(name)) is None and fake.not_offered(bot_dm) is None, name


async def test_an_article_sent_with_a_mention_in_a_server_channel_gets_the_note_for_a_while(
    bot: DisputeBot, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the bot's DM an article sent with a question got the note on /add-article; with a mention in a server
    channel the file was passed over without a word. The note is public there, so it goes as refusals do."""
    monkeypatch.setattr("bot.discord.replies.NOTICE_LIFETIME", 0.3)
    sent = p.message(f"{MENTION} how many accounts was Twitter ordered to block?", mentions=[p.BOT_USER])
    sent["attachments"] = [p.attachment("leak.md", fake.file_url("leak.md", b"# Leak"), 6)]
    await fake.dispatch("MESSAGE_CREATE", sent)
    answer = await reply_to(fake, sent)
    note = await fake.wait_for(lambda: next((m for m in fake.messages if "/add-article" in m.text()), None))
    assert note.channel_id == str(p.CHANNEL_ID) and note.pings == []
    await fake.wait_for(lambda: note.deleted, timeout=5)
    await fake.settled()
    assert not answer.deleted and fake.file_requests == [] and fake.rejected == []
