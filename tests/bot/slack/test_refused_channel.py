"""A mention in a channel that takes no reply from the bot (announcement-only, or archived while the question
was answered): the reply goes to the asker by direct message, as on Discord, instead of a warning in the log and
silence for the asker, who took the bot for broken."""

from __future__ import annotations

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from tests.bot.slack.slack_requests import message_event, send_event, settled, shown_text
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTION = "how many accounts were ordered blocked?"


@pytest.mark.parametrize("refusing", ["read-only", "archived"])
async def test_a_reply_the_channel_refuses_goes_to_the_asker_by_dm(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp, refusing: str
) -> None:
    (stub.read_only if refusing == "read-only" else stub.archived).add("C1")
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="910.1"))
    await settled(seed_core)
    [dm] = [m for m in stub.posted("chat.postMessage") if m["channel"] == "UASKER"]
    assert dm["text"].startswith("I can't post in <#C1>, where you asked me") and "257" in shown_text(dm)
    assert "thread_ts" not in dm and dm["unfurl_links"] in (False, "false", "0", 0)

