"""A slash command whose reply comes after its response_url expired (Slack's 30 minutes): the bot posts it itself."""

from __future__ import annotations

import logging

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from tests.bot.slack.slack_requests import posts_in, settled, shown_text, slash, slash_payload
from tests.bot.slack.stub_slack import StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTION = "how many accounts were ordered blocked?"


def expired(stub: StubSlack, payload: dict[str, str]) -> dict[str, str]:
    stub.expired.add(payload["response_url"].rsplit("/", 1)[-1])
    return payload


@pytest.mark.parametrize("where", ["channel", "outside"])
async def test_an_answer_after_the_response_url_expired_is_posted_by_the_bot(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    """The answer was lost, logged as an error. Now it goes to the channel, naming the asker and marked as the
    question's (a reply in its thread goes on with it), or, where the bot is not a member, to the asker's DM."""
    if where == "outside":
        stub.outside.add("C1")
    with caplog.at_level(logging.WARNING):
        await slash(seed_app, expired(stub, slash_payload(stub, "/ask", QUESTION)))
        tried = await posts_in(stub, "chat.postMessage", 1 if where == "channel" else 2)  # not_in_channel first
        await settled(seed_core)
    posted = tried[-1]
    assert [p["channel"] for p in tried] == (["C1"] if where == "channel" else ["C1", "UASKER"])
    assert "257" in shown_text(posted) and posted["unfurl_links"] in (False, "false", "0", 0)
    if where == "channel":
        assert posted["text"].startswith("<@UASKER> your /ask finished after the 30 minutes")
        assert any(str(b.get("block_id", "")).startswith("asked:") for b in posted["blocks"]), "its thread goes on"
    else:
        assert posted["text"].startswith("Your /ask finished after the 30 minutes")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert stub.rejected == [("response_url", "expired_url", [])]
    stub.rejected.clear()  # expected here; the fixture fails a test for any other refusal
