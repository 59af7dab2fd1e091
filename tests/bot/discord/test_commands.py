"""Slash commands through the real discord.py code path, against the fake Discord."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from bot.core import APOLOGY, CommandCore
from bot.discord.app import DisputeBot
from tests.bot.discord import payloads as p
from tests.bot.discord.conftest import BECOME, BotStarter
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


QUESTION = "how many accounts was Twitter ordered to block?"


async def run(fake: FakeDiscord, name: str, options: dict[str, object] | None = None, **kw: object) -> list:
    interaction = p.slash(name, options, **kw)  # type: ignore[arg-type]
    await fake.dispatch("INTERACTION_CREATE", interaction)
    return await fake.answers(interaction["token"])


async def test_commands_are_synced_to_the_guild_with_descriptions(bot: DisputeBot, fake: FakeDiscord) -> None:
    commands = {c["name"]: c for c in fake.synced[str(p.GUILD_ID)]}
    assert set(commands) == {"ask", "timeline", "sources", "status", "reindex", "add-article", "remove-article",
                             "restore-article", "report", "index-history"}
    assert all(c["description"] for c in commands.values())
    assert [o["name"] for o in commands["ask"]["options"]] == ["question"]
    assert commands["ask"]["options"][0]["description"]
    assert fake.rejected == [] and fake.unexpected == []


async def test_question_and_topic_options_say_their_length_limit(bot: DisputeBot, fake: FakeDiscord) -> None:
    """Discord's own limit, said outright: the core counts a question after its links and mentions are taken
    out, so a limit of the setting's length would refuse, in the client, questions the core answers."""
    commands = {c["name"]: c for c in fake.synced[str(p.GUILD_ID)]}
    for name in ("ask", "timeline"):
        [option] = commands[name]["options"]
        assert option["max_length"] == 6000 and option["max_length"] >= bot.core.config.max_question_chars
    asked = f"{QUESTION} https://example.org/{'x' * 2000}"  # 2,000 characters of link: no question words
    [answer] = await run(fake, "ask", {"question": asked})
    assert len(asked) > bot.core.config.max_question_chars and "characters long" not in answer.text()


async def test_ask_defers_then_answers_with_facts_and_citations(bot: DisputeBot, fake: FakeDiscord) -> None:
    interaction = p.slash("ask", {"question": "How many accounts was Twitter ordered to block?"})
    await fake.dispatch("INTERACTION_CREATE", interaction)
    [answer] = await fake.answers(interaction["token"])
    state = fake.interactions[interaction["token"]]
    assert state.callback_at is not None and state.callback_at - state.dispatched_at < 1.0
    assert not answer.ephemeral and not answer.pings
    embed = answer.embeds[0]
    assert "257" in answer.text() or "1,178" in answer.text()
    assert embed["fields"], "citations are shown"
    field = embed["fields"][0]
    assert field["name"].startswith("[1] ")
    assert ("“" in field["value"] and "Read the article" in field["value"]) or "undated" in field["value"]
    assert fake.rejected == []


THREAD_ID = int(p.snowflake())


@pytest.mark.parametrize(("channel", "permissions", "private"), [
    (None, p.MEMBER_PERMISSIONS & ~p.SEND_MESSAGES, True),  # a read-only channel such as #announcements
    (p.thread(THREAD_ID), p.MEMBER_PERMISSIONS, True),  # a thread, without Send Messages in Threads
    (p.thread(THREAD_ID), p.MEMBER_PERMISSIONS | p.SEND_MESSAGES_IN_THREADS, False),
], ids=["read-only-channel", "thread-without-send", "thread-with-send"])
async def test_ask_where_the_member_may_not_post_is_answered_privately(
    bot: DisputeBot, fake: FakeDiscord, channel: dict[str, object] | None, permissions: int, private: bool
) -> None:
    """Discord lets members run commands where they may not post (Use Application Commands stays on): an
    /ask in a read-only channel was answered for all to see, up to 256 characters of the member's own text
    as its title, so anyone could post there through the bot."""
    said = "Twitter bans are a hoax, read my blog at example.org. How many accounts were ordered blocked?"
    interaction = p.slash("ask", {"question": said}, permissions=permissions, channel=channel)
    await fake.dispatch("INTERACTION_CREATE", interaction)
    [answer] = await fake.answers(interaction["token"])
    assert answer.ephemeral is private and answer.channel_id == interaction["channel_id"]
    assert "257" in answer.text() or "1,178" in answer.text()


async def test_a_question_refused_as_too_long_is_given_back_to_copy(bot: DisputeBot, fake: FakeDiscord) -> None:
    """/ask's text is gone once sent, and the refusal shows only to the asker: told to keep it under 1,000
    characters, they had nothing left to shorten. It comes back in a code block, pinging nobody."""
    typed = f"<@{p.BOT_ID}> @everyone why did twitter ```unblock``` " + "the accounts again " * 60
    [notice] = await run(fake, "ask", {"question": typed})
    assert notice.ephemeral and "characters long" in notice.content and not notice.pings
    shown = typed.strip().replace("```", "`\u200b`\u200b`")  # a fence inside can't close the block
    assert notice.content.endswith(f"What you typed, to copy:\n```\n{shown}\n```")
    longer = "why did twitter block " + "the accounts again " * 300  # 5,722 characters: more than a message holds
    [cut] = await run(fake, "ask", {"question": longer})
    assert "characters long" in cut.content and f"of {len(longer.strip()):,} characters), to copy:" in cut.content
    assert len(cut.content) <= 2000 and fake.rejected == [] and fake.unexpected == []


async def test_empty_question_is_refused_ephemerally(bot: DisputeBot, fake: FakeDiscord) -> None:
    [notice] = await run(fake, "ask", {"question": "  ?! "})
    assert notice.ephemeral and "Please ask a question" in notice.content
    assert not notice.embeds


async def test_reindex_by_non_moderator_is_refused_ephemerally(bot: DisputeBot, fake: FakeDiscord) -> None:
    [notice] = await run(fake, "reindex", roles=(p.OTHER_ROLE_ID,))
    assert notice.ephemeral
    assert notice.content == f"Only moderators can rebuild the index. {BECOME}"


async def test_what_a_notice_repeats_of_the_command_shows_as_typed(
    start_bot: BotStarter, writable_discord_core: CommandCore, fake: FakeDiscord
) -> None:
    """The notice's content went out unescaped: "/remove-article article_id:**x**" came back in bold. (Over a
    corpus folder that exists: without one, a removal is refused before the id is read.)"""
    await start_bot(writable_discord_core, fake)
    [notice] = await run(fake, "remove-article", {"article_id": "**x** _y_ `z` <@123456789> [a](https://e.example)"},
                         roles=(p.MOD_ROLE_ID,))
    assert notice.ephemeral
    assert notice.content == ("There is no article with id '\\*\\*x\\*\\* \\_y\\_ \\`z\\` \\<@123456789> "
                              "\\[a\\](https://e.example)'; see /sources.")


async def test_timeline_and_sources(bot: DisputeBot, fake: FakeDiscord) -> None:
    [sources] = await run(fake, "sources")
    assert "4 articles" in sources.text() and "000_23ab69559cfb75aa" in sources.text()
    timeline = await run(fake, "timeline", {"topic": "blocking order"})
    assert timeline and timeline[0].embeds[0]["title"].startswith("Timeline")
    assert fake.rejected == []


async def test_unexpected_error_is_logged_and_apologised_for(
    bot: DisputeBot, fake: FakeDiscord, discord_core: CommandCore, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(actor: object = None) -> None:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(discord_core, "sources", broken)
    with caplog.at_level(logging.ERROR):
        [notice] = await run(fake, "sources")
    assert notice.ephemeral and notice.content == APOLOGY
    assert "Traceback" not in notice.content and "passwd" not in notice.content
    assert any("secret internals" in r.getMessage() or r.exc_info for r in caplog.records)


async def test_an_unexpected_error_gives_the_question_or_topic_back_to_copy(
    bot: DisputeBot, fake: FakeDiscord, discord_core: CommandCore, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The core's refusals give a slash command's text back; an error escaping the core ended in the bare
    apology, and the asker, told to try again, had to type the question again."""
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    for command, option in (("ask", "question"), ("timeline", "topic")):
        monkeypatch.setattr(discord_core, command, broken)
        typed = f"why did <@{p.BOT_ID}> twitter block the accounts ({command})"
        [notice] = await run(fake, command, {option: typed})
        assert notice.ephemeral and notice.content.startswith(APOLOGY) and not notice.pings
        assert notice.content.endswith(f"What you typed, to copy:\n```\n{typed}\n```")
    [bare] = await run(fake, "timeline")  # no topic: nothing to give back
    assert bare.content == APOLOGY and fake.rejected == [] and fake.unexpected == []


async def test_moderator_role_can_reindex(
    start_bot: BotStarter, writable_discord_core: CommandCore, fake: FakeDiscord
) -> None:
    await start_bot(writable_discord_core, fake)
    [report] = await run(fake, "reindex", roles=(p.MOD_ROLE_ID,))
    assert report.ephemeral
    assert "Index already up to date: 4 articles" in report.text()


async def test_manage_server_permission_makes_a_moderator(
    start_bot: BotStarter, writable_discord_core: CommandCore, fake: FakeDiscord
) -> None:
    await start_bot(writable_discord_core, fake)
    article = (b"---\ntitle: Twitter restores accounts\ndate: 2021-02-12\nurl: https://example.org/restore\n---\n"
               b"Twitter said on Friday it had restored 97 percent of the accounts it had withheld in India.\n")
    url = fake.file_url("restore.md", article)
    file = p.attachment("restore.md", url, len(article))
    [report] = await run(fake, "add-article", files={"file": file}, permissions=p.MEMBER_PERMISSIONS | p.MANAGE_GUILD)
    assert report.ephemeral and "added: restore" in report.text(), report.text()
    assert fake.file_requests == ["restore.md"]
    [answer] = await run(fake, "ask", {"question": "What share of the withheld accounts did Twitter restore?"})
    assert "97 percent" in answer.text()


async def test_the_same_attachment_added_twice_is_named_as_already_indexed(
    start_bot: BotStarter, writable_discord_core: CommandCore, fake: FakeDiscord
) -> None:
    """The second /add-article of one file said only "Index already up to date: 5 articles", naming no file."""
    await start_bot(writable_discord_core, fake)
    article = b"Koo said on Thursday that it had crossed three million users as union ministers joined it.\n"
    file = p.attachment("koo surge.txt", fake.file_url("koo surge.txt", article), len(article))
    [first] = await run(fake, "add-article", files={"file": file}, roles=(p.MOD_ROLE_ID,))
    assert "added: koo-surge" in first.text() and "already in the index" not in first.text()
    [again] = await run(fake, "add-article", files={"file": file}, roles=(p.MOD_ROLE_ID,))
    assert again.ephemeral and "Index already up to date" in again.text()
    assert "koo-surge.txt: already in the index as koo-surge with exactly this text" in again.text(), again.text()


async def test_add_article_by_non_moderator_never_downloads(bot: DisputeBot, fake: FakeDiscord) -> None:
    url = fake.file_url("x.txt", b"some article")
    [notice] = await run(fake, "add-article", files={"file": p.attachment("x.txt", url, 12)})
    assert notice.ephemeral and notice.content == f"Only moderators can add articles. {BECOME}"
    assert fake.file_requests == []


async def test_oversized_attachment_is_refused_without_downloading(bot: DisputeBot, fake: FakeDiscord) -> None:
    url = fake.file_url("big.txt", b"x")
    file = p.attachment("big.txt", url, 5_000_000)
    [notice] = await run(fake, "add-article", files={"file": file}, roles=(p.MOD_ROLE_ID,))
    assert notice.ephemeral and "5,000,000 bytes" in notice.content
    assert fake.file_requests == []


async def test_an_attachment_of_another_type_is_refused_without_downloading(bot: DisputeBot, fake: FakeDiscord) -> None:
    """As a Slack moderator's shared file: a 900 KB PDF was downloaded only to be refused for its type (a PDF is
    now added; a Word file is still refused)."""
    file = p.attachment("report.docx", fake.file_url("report.docx", b"PK\x03\x04"), 900_000)
    [notice] = await run(fake, "add-article", files={"file": file}, roles=(p.MOD_ROLE_ID,))
    assert notice.ephemeral
    assert "Refused report.docx: only .txt, .md, PDF (.pdf) and saved web pages (.html)" in notice.content
    assert fake.file_requests == []


async def test_a_rebuild_that_outlasts_its_interaction_reports_by_direct_message(
    start_bot: BotStarter, writable_discord_core: CommandCore, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interaction token lives 15 minutes (1 s here); a long /reindex lost its report and its apology to
    401s and the moderator's "thinking…" never resolved."""
    import bot.core_moderators

    build = bot.core_moderators.build_index

    def slow(*args: object, **kw: object) -> object:
        time.sleep(1.3)
        return build(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(bot.core_moderators, "build_index", slow)
    fake.token_lifetime = 1.0
    await start_bot(writable_discord_core, fake)
    await fake.dispatch("INTERACTION_CREATE", p.slash("reindex", roles=(p.MOD_ROLE_ID,)))
    report = await fake.wait_for(lambda: next((m for m in fake.messages if "up to date" in m.text()), None), 20)
    assert fake.dm_channels[report.channel_id] == str(p.USER_ID)
    assert any("15 minutes" in m.text() for m in fake.messages if m.channel_id == report.channel_id)
    await fake.settled()  # the report was the last thing sent: anything after it would have gone by now
    assert len(fake.rejected) == 1, "nothing more goes through the dead token"
    fake.rejected.clear()


@pytest.mark.parametrize("closed", ["before-the-command", "while-answering"])
async def test_ask_in_a_thread_a_moderator_closes_gets_one_warning_and_no_apology(
    bot: DisputeBot, fake: FakeDiscord, discord_core: CommandCore, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch, closed: str,
) -> None:
    """A moderator closes a thread (archives and locks it) just before /ask there is acknowledged, or while it is
    answered: Discord refuses the callback, and every message of the interaction after it (400, 50083 "Thread is
    archived"; discord/discord-api-docs#5517, #6884), which nothing the bot does can avoid. The refused deferral
    went unhandled, and a refused answer was logged as an error with its traceback and followed by an apology
    refused the same way (Discord counts refused requests against the bot). Now: one warning, and the
    "thinking…" left behind is deleted (deleting is what an archived thread allows). The asker, who saw nothing
    or a "thinking…" go, got nothing at all: the answer now comes by direct message, saying why."""
    thread = p.thread(p.CHANNEL_ID + 50, owner_id=p.USER_ID)
    ask = discord_core.engine.ask

    def closing(text: str, context: object = None) -> object:
        fake.closed.add(thread["id"])  # closed once the command was acknowledged
        return ask(text, context)  # type: ignore[arg-type]

    if closed == "before-the-command":
        fake.closed.add(thread["id"])
    else:
        monkeypatch.setattr(discord_core.engine, "ask", closing)
    interaction = p.slash("ask", {"question": QUESTION}, channel=thread,
                          permissions=p.MEMBER_PERMISSIONS | p.SEND_MESSAGES_IN_THREADS)
    with caplog.at_level(logging.WARNING):
        await fake.dispatch("INTERACTION_CREATE", interaction)
        await fake.wait_for(lambda: fake.rejected)
        await fake.settled()
    assert len(fake.rejected) == 1 and fake.rejected[0][1] == {"": "Thread is archived"}, "nothing tried again"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "no crash logged"
    assert any("50083" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert fake.interactions[interaction["token"]].stage in ("new", "deleted"), "no 'thinking…' left behind"
    dm = [m for m in fake.messages if fake.dm_channels.get(m.channel_id) == str(p.USER_ID)]
    assert len(dm) == 2 and "would not take my answer to your /ask" in dm[0].content, [m.text() for m in dm]
    assert "1,178" in dm[1].text() or "257" in dm[1].text()
    fake.closed.clear()
    fake.rejected.clear()


async def test_status_and_the_moderators_changes_from_discord(
        start_bot: BotStarter, writable_discord_core: CommandCore, fake: FakeDiscord, tmp_path: Path) -> None:
    """/status says what ``index status`` says, privately, without the server's folders; /index-history is the
    moderators' (a member is refused by the core's check)."""
    from bot.audit_trail import AuditTrail
    from index.build_failures import failure_path

    core = writable_discord_core
    core.changes = AuditTrail(f"sqlite:///{tmp_path / 'bot.db'}")
    failure_path(core.config.index_dir).write_text('{"at": "2026-12-06T20:00:00+00:00", "reason": "No space left '
                                                   'on device", "file": "/srv/index.builds"}')
    await start_bot(core, fake)
    [status] = await run(fake, "status")
    assert status.ephemeral and status.embeds[0]["title"] == "Index status"
    shown = status.text()
    assert "The last build failed (2026-12-06T20:00:00+00:00): No space left on device. The index above is still " \
           "the one served." in shown and "/srv" not in shown and str(tmp_path) not in shown
    [refused] = await run(fake, "index-history")
    assert refused.ephemeral and refused.text() == f"Only moderators can see the moderators' changes. {BECOME}"
    await run(fake, "reindex", roles=(p.MOD_ROLE_ID,))
    [history] = await run(fake, "index-history", roles=(p.MOD_ROLE_ID,))
    assert history.ephemeral and history.embeds[0]["title"] == "Moderator changes"
    assert f"rebuild by discord:{p.USER_ID} (member) in discord:{p.GUILD_ID}: unchanged" in history.text()  # up to date
    assert fake.rejected == []
