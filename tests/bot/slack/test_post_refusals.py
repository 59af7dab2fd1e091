"""The stub refuses chat posts as Slack does (``post_rules``), and the bot copes with each refusal: before, it
answered any post without the chat:write scope, to a missing or made-up channel, and an ephemeral one to a
user who is not in the channel (someone who left it after asking)."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.inflight import InFlight
from bot.slack.posting import post_guarded, private
from tests.bot.slack.slack_requests import message_event
from tests.bot.slack.stub_slack import BOT_TOKEN, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def refused(call: object) -> str | None:
    try:
        await call  # type: ignore[misc]
    except SlackApiError as exc:
        return str(exc.response.get("error"))
    return None


async def test_posts_slack_refuses_are_refused(stub: StubSlack) -> None:
    client = AsyncWebClient(token=BOT_TOKEN, base_url=stub.api_url)
    stub.members["C1"] = {"UASKER"}
    assert await refused(client.chat_postEphemeral(channel="C1", user="UELSEWHERE", text="hi")) == \
        "user_not_in_channel"
    assert await refused(client.chat_postEphemeral(channel="C1", user="UASKER", text="hi")) is None
    assert await refused(client.chat_postEphemeral(channel="C2", user="UELSEWHERE", text="hi")) is None
    for channel in ("", "not a channel", "c1"):
        assert await refused(client.chat_postMessage(channel=channel, text="hi")) == "channel_not_found", channel
    assert await refused(client.chat_postMessage(channel="UASKER", text="hi")) is None  # the app's DM with them
    assert await refused(client.chat_postEphemeral(channel="UASKER", user="UASKER", text="hi")) == \
        "channel_not_found"
    stub.scopes.discard("chat:write")
    for method in (client.chat_postMessage, client.chat_postEphemeral):
        assert await refused(method(channel="C1", user="UASKER", text="hi")) == "missing_scope"


async def test_a_private_reply_to_someone_who_left_the_channel_goes_by_dm(stub: StubSlack) -> None:
    """Slack refuses an ephemeral message to a user not in the channel; the reply then goes by DM, as for a
    channel that takes no reply, rather than being lost with a warning."""
    client = AsyncWebClient(token=BOT_TOKEN, base_url=stub.api_url)
    stub.members["C1"] = {"UADMIN"}  # the asker left C1 while the bot worked
    event = message_event("add", user="UASKER", channel="C1", ts="920.1")
    await post_guarded(InFlight(4), event, client, "hint", private("Only moderators can add articles."))
    [dm] = [m for m in stub.posted("chat.postMessage") if m["channel"] == "UASKER"]
    assert dm["text"].startswith("I can't post in <#C1>, where you asked me") and "Only moderators" in dm["text"]
