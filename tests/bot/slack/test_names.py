"""The bot's own names typed as plain text on Slack (``bot.slack.names``, ``bot.validation.without_own_names``),
through Bolt's real dispatcher against the stub Slack: taken out of the question, other names kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from bot.store.db import utcnow
from tests.bot.slack.slack_requests import message_event, posts_in, send_event
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")


def asked(core: CommandCore) -> list[str]:
    """The questions the core stored, as it read them (full history mode)."""
    store = core.history.store
    assert store is not None
    return [str(row.question) for row in store.answers_since(utcnow() - timedelta(hours=1))]


async def test_the_bots_own_names_typed_as_text_are_not_read_as_the_question(
        stub: StubSlack, history_core: CommandCore, history_app: AsyncApp) -> None:
    """"dispute-bot how many accounts …" in a DM, "@Dispute Helper who is …" (the name the operator gave the app,
    typed where the mention was not picked) in a mention: the names were searched as words of the question."""
    stub.bot_name, stub.bot_display_name = "Dispute Helper", "Helper Bot"
    await send_event(history_app, message_event("dispute-bot how many accounts were ordered blocked?", channel="D1",
                                                channel_type="im"))
    await posts_in(stub, "chat.postMessage", 1)
    await send_event(history_app, message_event(f"<@{BOT_USER_ID}> @Dispute Helper who is ajay sawhney?",
                                                kind="app_mention"))
    await posts_in(stub, "chat.postMessage", 2)
    await send_event(history_app, message_event("Helper Bot: what did @kooindiabot and dispute-bot say?", channel="D1",
                                                channel_type="im"))
    await posts_in(stub, "chat.postMessage", 3)
    assert await history_core.in_flight.drain(5)
    assert asked(history_core) == ["how many accounts were ordered blocked?", "who is ajay sawhney?",
                           "what did @kooindiabot and dispute-bot say?"]
    # Learned once, not per message.
    assert len(stub.posted("bots.info")) == 1
    assert [c["user"] for c in stub.posted("users.info")] == [BOT_USER_ID]


async def test_a_name_that_opens_no_question_stays(
        stub: StubSlack, history_core: CommandCore, history_app: AsyncApp) -> None:
    """A bot named after something the articles discuss keeps that word where it is no address: "koo signups in
    february" is about Koo, not said to a bot named "Koo"."""
    stub.bot_name = "Koo"
    await send_event(history_app, message_event("koo signups in february", channel="D1", channel_type="im"))
    await posts_in(stub, "chat.postMessage", 1)
    assert await history_core.in_flight.drain(5)
    assert asked(history_core) == ["koo signups in february"]


async def test_slack_failing_to_say_the_names_does_not_stop_the_answer(
        stub: StubSlack, history_app: AsyncApp, caplog: pytest.LogCaptureFixture) -> None:
    """Without ``users:read`` (an app from an older manifest) the names can't be learned: the question is still
    answered, with only the names the core knows taken out, and the lookup is not repeated for every message."""
    stub.scopes.discard("users:read")
    for n in range(2):
        await send_event(history_app, message_event("how many accounts were ordered blocked?", channel="D1",
                                                    channel_type="im"))
        await posts_in(stub, "chat.postMessage", n + 1)
    assert "could not learn the bot's names" in caplog.text
    assert len(stub.posted("bots.info")) == 1
