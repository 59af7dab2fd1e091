"""A slash command whose reply comes after its response_url expired (Slack's 30 minutes): the bot posts it itself."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from tests.bot.slack.slack_requests import (
    block_action,
    click,
    posts_in,
    reply_to,
    settled,
    shown_text,
    slash,
    slash_payload,
)
from tests.bot.slack.stub_slack import StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTION = "how many accounts were ordered blocked?"


def expired(stub: StubSlack, payload: dict[str, Any]) -> dict[str, Any]:
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


def errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("vote", ["feedback_down", "feedback_up"])
async def test_a_vote_answered_after_its_response_url_expired_sends_what_was_asked_for_and_drops_a_thanks(
    stub: StubSlack, history_core: CommandCore, history_app: AsyncApp, caplog: pytest.LogCaptureFixture, vote: str,
) -> None:
    """A click's reply refused by its expired response_url was logged as an error and lost: after a 👎 that lost the
    next-best passages the clicker asked to see, which now come by DM; a thanks alone is dropped with a warning."""
    asked = slash_payload(stub, "/ask", "What app is the government promoting as an alternative to Twitter?")
    await slash(history_app, asked)
    answer = await reply_to(stub, asked)
    [value] = {e["value"] for b in answer["blocks"] if b["type"] == "actions" for e in b["elements"]}
    with caplog.at_level(logging.WARNING):
        await click(history_app, expired(stub, block_action(stub, vote, value)))
        if vote == "feedback_down":
            [passages] = await posts_in(stub, "chat.postMessage")
        await settled(history_core)
    assert not errors(caplog), caplog.text
    if vote == "feedback_down":
        assert passages["channel"] == "UASKER" and passages["text"].startswith("Your 👎 was recorded after the 30")
        assert "next-best passages" in shown_text(passages) and "*[1]*" in shown_text(passages)
    else:
        assert not stub.posted("chat.postMessage") and not stub.posted("chat.postEphemeral")
        assert any("not sent" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert [r[:2] for r in stub.rejected] == [("response_url", "expired_url")]
    stub.rejected.clear()


async def test_a_late_timelines_missing_picture_is_explained_by_dm_after_its_text(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp, caplog: pytest.LogCaptureFixture
) -> None:
    """/timeline in a channel the bot is not in, past the response_url's 30 minutes: the text went to the asker's
    DM, and the note saying why the picture is missing was refused by the expired URL, logged as an error and lost."""
    stub.outside.add("C8")
    with caplog.at_level(logging.WARNING):
        await slash(seed_app, expired(stub, slash_payload(stub, "/timeline", channel="C8")))
        posted = await posts_in(stub, "chat.postMessage", 3)  # the channel's refusal, the text, the note
        await settled(seed_core)
    assert not errors(caplog), caplog.text
    assert [p["channel"] for p in posted] == ["C8", "UASKER", "UASKER"] and stub.shared == []
    assert "2021-02-10" in shown_text(posted[1])
    assert posted[2]["text"].startswith("The timeline's picture could not be shared in <#C8>")
    assert [r[:2] for r in stub.rejected] == [("response_url", "expired_url")] * 2
    stub.rejected.clear()
