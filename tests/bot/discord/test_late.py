"""A public command whose work outlasts its interaction (Discord's 15 minutes, 1 s here), against the fake Discord.

After 15 minutes every use of the interaction's token is refused (401, 50027): the answer can no longer fill in
the "thinking…", and until now it was lost with an error in the log. It now goes to the channel as an ordinary
message naming (and notifying) the asker alone, or to the asker by direct message where the bot can't post.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import pytest

from bot.core import CommandCore
from bot.discord import withdrawing
from bot.ratelimit import Decision
from tests.bot.conftest import CoreFactory, HistoryFactory
from tests.bot.discord import payloads as p
from tests.bot.discord.chatting import FIRST, FOLLOW_UP, reply_to, say, searched
from tests.bot.discord.conftest import MODERATORS, BotStarter
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.fake_records import Sent

pytestmark = pytest.mark.asyncio(loop_scope="session")

QUESTION = "how many accounts was Twitter ordered to block?"
LIFETIME = 1.0  # the interaction token's life here, for Discord's 15 minutes
ASKER = f"user {p.USER_ID}"


@pytest.fixture(autouse=True)
def short_token_life(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bot's own idea of the token's life, as short as the fake's: a "thinking…" nothing could take down
    once the token dies is taken down half a second before."""
    monkeypatch.setattr(withdrawing, "TOKEN_LIFE", LIFETIME)
    monkeypatch.setattr(withdrawing, "MARGIN", 0.5)


@pytest.fixture
def slow_core(make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
              monkeypatch: pytest.MonkeyPatch) -> CommandCore:
    """A core keeping conversations (answers get 👍/👎 buttons, replies go on) whose questions and timelines take
    longer than the interaction token lives."""
    core = make_core(seed_index_dir, Path("/nonexistent-corpus"), MODERATORS, history=make_history())
    for name in ("ask", "timeline"):
        work = getattr(core.engine, name)

        def late(*args: Any, _work: Any = work, **kw: Any) -> Any:
            time.sleep(LIFETIME + 0.4)
            return _work(*args, **kw)

        monkeypatch.setattr(core.engine, name, late)
    return core


async def outlasting(start_bot: BotStarter, core: CommandCore, fake: FakeDiscord, interaction: dict[str, Any],
                     caplog: pytest.LogCaptureFixture, arrived: Any) -> list[Sent]:
    """Run ``interaction`` with a short-lived token; the messages sent once ``arrived`` holds, the bot settled."""
    fake.token_lifetime = LIFETIME
    await start_bot(core, fake)
    with caplog.at_level(logging.WARNING):
        await fake.dispatch("INTERACTION_CREATE", interaction)
        await fake.wait_for(lambda: arrived(fake.messages), 20)
        await fake.settled()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert any("outlasted" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    return [m for m in fake.messages if not m.deleted]


def answered(messages: list[Sent]) -> bool:
    return any("1,178" in m.text() or "257" in m.text() for m in messages)


async def test_a_public_ask_that_outlasts_its_interaction_is_posted_in_the_channel_for_the_asker(
    start_bot: BotStarter, slow_core: CommandCore, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """The answer was lost: its edit was refused (401), the apology too, an error logged, "thinking…" left up.
    A reply to the answer posted instead goes on with its conversation, as a reply to an /ask answer does."""
    interaction = p.slash("ask", {"question": QUESTION})
    shown = await outlasting(start_bot, slow_core, fake, interaction, caplog, answered)
    [answer] = shown
    assert answer.channel_id == str(p.CHANNEL_ID) and answer.interaction is None and not answer.ephemeral
    assert f"<@{p.USER_ID}>" in answer.content and answer.pings == [ASKER], "the asker alone is notified"
    assert answer.embeds[0]["title"].lower().startswith("how many accounts"), "the question shows, as in /ask"
    assert answer.body.get("components"), "the 👍/👎 buttons come along"
    assert fake.interactions[interaction["token"]].stage == "deleted", "no 'thinking…' left behind"
    assert [why for _, why in fake.rejected] == [{"token": "expired"}], "one refusal: nothing more through the token"
    fake.rejected.clear()
    follow = p.message("and when did the government first order it?", replying_to=fake.message_json(answer))
    await fake.dispatch("MESSAGE_CREATE", follow)
    reply = await fake.wait_for(lambda: next((m for m in fake.messages if m.reply_to == follow["id"]), None), 20)
    assert str(reply.embeds[0]["footer"]["text"]).startswith("Searched for:"), "the reply went on with the answer"


NO_SEND = p.MEMBER_PERMISSIONS & ~p.SEND_MESSAGES | p.ATTACH_FILES
LOCKED = {**p.thread(p.CHANNEL_ID + 77, owner_id=p.USER_ID),
          "thread_metadata": {**p.thread(0)["thread_metadata"], "locked": True}}


@pytest.mark.parametrize(("where", "refusals"), [
    ("bot-may-not-send", 0),  # Discord said so with the command: nothing is tried in the channel
    ("locked-thread", 0),  # the bot lacks Manage Threads, which a locked thread asks of it
    ("users-install", 0),  # a server the bot is not in: a user's install runs commands there too
    ("group-dm", 0),  # a group DM among friends, through a user's install: no place of the bot's
    ("channel-refuses", 1),  # the permission was taken away meanwhile (403, 50013)
])
async def test_a_late_answer_goes_by_direct_message_where_the_bot_cannot_post(
    start_bot: BotStarter, slow_core: CommandCore, fake: FakeDiscord, caplog: pytest.LogCaptureFixture,
    where: str, refusals: int,
) -> None:
    """Where the bot itself can't post, the answer the interaction can no longer carry goes to the asker."""
    if where == "bot-may-not-send":
        interaction = p.slash("ask", {"question": QUESTION}, app_permissions=NO_SEND)
    elif where == "locked-thread":
        interaction = p.slash("ask", {"question": QUESTION}, channel=LOCKED,
                              permissions=p.MEMBER_PERMISSIONS | p.SEND_MESSAGES_IN_THREADS,
                              app_permissions=p.MEMBER_PERMISSIONS | p.SEND_MESSAGES_IN_THREADS)
    elif where in ("users-install", "group-dm"):
        place = "server" if where == "users-install" else "group"
        interaction = p.user_installed(p.slash("ask", {"question": QUESTION}), place)
    else:
        interaction = p.slash("ask", {"question": QUESTION})
        fake.read_only.add(str(p.CHANNEL_ID))
    shown = await outlasting(start_bot, slow_core, fake, interaction, caplog, answered)
    assert {m.channel_id for m in shown} == {channel for channel, user in fake.dm_channels.items()
                                             if user == str(p.USER_ID)}, "the asker's DM alone"
    assert "15 minutes" in shown[0].text() and answered(shown[1:]) and not any(m.pings for m in shown)
    # Where the bot is not (a user's install), the "thinking…" stayed up for good: the dead token could not take
    # it down, nor could the bot's. It is taken down through the token before it dies, which then is not used.
    assert fake.interactions[interaction["token"]].stage == "deleted", "no 'thinking…' left behind"
    expired = [] if where in ("users-install", "group-dm") else [{"token": "expired"}]
    assert len(fake.rejected) == len(expired) + refusals and [why for _, why in fake.rejected][:1] == expired
    fake.rejected.clear()
    fake.read_only.clear()


@pytest.mark.parametrize("allowed", ["embeds-and-files", "neither"])
async def test_a_late_timeline_shows_what_the_bots_permissions_in_the_channel_let_it(
    start_bot: BotStarter, slow_core: CommandCore, fake: FakeDiscord, caplog: pytest.LogCaptureFixture, allowed: str
) -> None:
    """The interaction's webhook needed neither Embed Links nor Attach Files; the bot's own message needs both:
    with them the timeline comes with its picture inside the embed, without them as text."""
    permissions = p.MEMBER_PERMISSIONS | p.ATTACH_FILES
    if allowed == "neither":
        permissions = p.MEMBER_PERMISSIONS & ~(1 << 14)  # no Embed Links, no Attach Files
    interaction = p.slash("timeline", app_permissions=permissions)
    shown = await outlasting(start_bot, slow_core, fake, interaction, caplog,
                             lambda sent: any("2021-02-10" in m.text() for m in sent))
    assert all(m.channel_id == str(p.CHANNEL_ID) and m.interaction is None for m in shown)
    assert shown[0].content.startswith(f"<@{p.USER_ID}> Your /timeline") and shown[0].pings == [ASKER]
    if allowed == "neither":
        assert not any(m.embeds or m.files for m in shown) and "2021-02-10" in "".join(m.content for m in shown)
    else:
        assert list(shown[0].files) == ["timeline.png"]
        assert shown[0].embeds[0]["image"]["url"] == "attachment://timeline.png"
    assert [why for _, why in fake.rejected] == [{"token": "expired"}]
    fake.rejected.clear()


async def test_an_asker_who_takes_no_dms_costs_one_refusal_and_a_warning(
    start_bot: BotStarter, slow_core: CommandCore, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """Where neither the channel nor the asker's DMs take the late answer (Privacy Settings: no DMs from server
    members), the bot stops after the first refused DM: no error, no retry, no apology anywhere."""
    fake.no_dms.add(str(p.USER_ID))
    interaction = p.slash("ask", {"question": QUESTION}, app_permissions=NO_SEND)
    fake.token_lifetime = LIFETIME
    await start_bot(slow_core, fake)
    with caplog.at_level(logging.WARNING):
        await fake.dispatch("INTERACTION_CREATE", interaction)
        await fake.wait_for(lambda: len(fake.rejected) >= 2, 20)
        await fake.settled()
    assert [why for _, why in fake.rejected] == [{"token": "expired"}, {"": "Cannot send messages to this user"}]
    assert not [m for m in fake.messages if not m.deleted]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert any("by direct message" in r.getMessage() and "50007" in r.getMessage() for r in caplog.records)
    fake.rejected.clear()


@pytest.mark.parametrize("where", ["channel", "thread"])
async def test_a_late_answer_takes_down_the_thinking_discord_did_not_name(
    start_bot: BotStarter, slow_core: CommandCore, fake: FakeDiscord, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    """Discord's answer to the deferral without the "thinking…" message's id (``response_message_id``): the late
    answer was posted under a "thinking…" left up for good (the dead token can no longer say which it was). Its id
    is read while the token still works."""
    fake.names_response_message = False
    thread = p.thread(p.CHANNEL_ID + 78, owner_id=p.USER_ID)
    interaction = p.slash("ask", {"question": QUESTION}, permissions=p.MEMBER_PERMISSIONS | p.SEND_MESSAGES_IN_THREADS,
                          **({"channel": thread} if where == "thread" else {}))
    shown = await outlasting(start_bot, slow_core, fake, interaction, caplog, answered)
    assert [m.channel_id for m in shown] == [str(interaction["channel_id"])]
    assert fake.interactions[interaction["token"]].stage == "deleted", "no 'thinking…' left behind"
    assert [why for _, why in fake.rejected] == [{"token": "expired"}]
    fake.rejected.clear()


@pytest.mark.parametrize("command", ["ask", "timeline"])
async def test_a_rate_limit_refusal_past_the_token_window_is_taken_as_its_end(
    start_bot: BotStarter, slow_core: CommandCore, fake: FakeDiscord, caplog: pytest.LogCaptureFixture, command: str
) -> None:
    """Past its 15 minutes the token's use answered 429 with nothing to wait for (no ``Via``: discord.py gives up at
    once) instead of 401: that was taken for a failure of the bot's, an error logged, an apology and a timeline's
    text-only resend tried through the dead token, and the result lost. It is the token's end all the same."""
    fake.expired_rate_limited = True
    options = {"question": QUESTION} if command == "ask" else {}
    interaction = p.slash(command, options)
    shown = await outlasting(start_bot, slow_core, fake, interaction, caplog,
                             answered if command == "ask" else lambda sent: any("2021-02-10" in m.text() for m in sent))
    assert shown[0].channel_id == str(p.CHANNEL_ID) and shown[0].pings == [ASKER]
    assert command == "ask" or list(shown[0].files) == ["timeline.png"]
    assert fake.interactions[interaction["token"]].stage == "deleted", "no 'thinking…' left behind"
    assert [why for _, why in fake.rejected] == [{"token": "expired"}], "one refusal: nothing more through the token"
    fake.rejected.clear()
    fake.expired_rate_limited = False


async def test_a_rate_limited_ask_dropped_past_the_token_window_raises_nothing(
    start_bot: BotStarter, discord_core: CommandCore, fake: FakeDiscord, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rate-limited user already told to wait gets nothing: the "thinking…" is only deleted. When that came after
    the token's 15 minutes (a shared limiter whose store was slow), the deletion's 401 was raised unhandled, an
    error logged, and the "thinking…" stayed. It goes with the bot's own token, as a late answer's does."""

    class Slow:
        enabled = True

        def check(self, key: str) -> Decision:
            time.sleep(LIFETIME + 0.4)
            return Decision(allowed=False, retry_after=5.0, notify=False)

    monkeypatch.setattr(discord_core.admission, "limiter", Slow())
    fake.token_lifetime = LIFETIME
    await start_bot(discord_core, fake)
    interaction = p.slash("ask", {"question": QUESTION})
    with caplog.at_level(logging.WARNING):
        await fake.dispatch("INTERACTION_CREATE", interaction)
        await fake.wait_for(lambda: fake.interactions[interaction["token"]].stage == "deleted" or None, 20)
        await fake.settled()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert not [m for m in fake.messages if not m.deleted]
    assert [why for _, why in fake.rejected] == [{"token": "expired"}]
    fake.rejected.clear()


async def test_a_thinking_whose_id_is_unknown_is_taken_down_in_time_and_the_late_answer_goes_on(
    start_bot: BotStarter, slow_core: CommandCore, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """Discord named no "thinking…" and reading it failed: the bot's token could not say which message to delete
    after the 15 minutes, and it stayed up above the late answer. It is taken down through the token before it
    dies; the answer posted in the channel is still one a reply goes on with."""
    fake.names_response_message, fake.drop_original_reads = False, True
    interaction = p.slash("ask", {"question": FIRST})
    [answer] = await outlasting(start_bot, slow_core, fake, interaction, caplog, answered_first)
    assert answer.channel_id == str(p.CHANNEL_ID) and answer.pings == [ASKER]
    assert fake.interactions[interaction["token"]].stage == "deleted", "no 'thinking…' left behind"
    assert fake.rejected == [], "nothing through the token once it is dead"
    follow = await say(fake, FOLLOW_UP, replying_to=fake.message_json(answer))
    assert searched(await reply_to(fake, follow))
    fake.drop_original_reads = False


def answered_first(messages: list[Sent]) -> bool:
    return any("Sawhney" in m.text() for m in messages)
