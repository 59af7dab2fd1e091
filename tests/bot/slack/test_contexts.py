"""Places and events in Slack beyond a plain mention: edited mentions and questions deleted meanwhile."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import APOLOGY, CommandCore
from tests.bot.slack.slack_requests import message_event, posts_in, send_event
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTION = "how many accounts were ordered blocked?"


def edit_of(event: dict[str, object], text: str) -> dict[str, object]:
    """The ``app_mention`` Slack sends again when a message that mentions the app is edited: the same ``ts``,
    the new text, and an ``edited`` field (no subtype, unlike the ``message_changed`` message event)."""
    return {**event, "text": text, "edited": {"user": event["user"], "ts": f"{time.time():.6f}"}}


async def test_an_edited_mention_is_answered_once_even_after_a_restart(
    stub: StubSlack, seed_core: CommandCore, make_app: Callable[[CommandCore], AsyncApp]
) -> None:
    """A typo fixed in a two-hour-old question got a second answer once the bot had restarted (or its one-hour
    memory of handled posts had moved on). A mention added by editing a fresh message is still answered."""
    old = message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts=f"{time.time() - 7200:.6f}")
    await send_event(make_app(seed_core), old)
    await posts_in(stub, "chat.postMessage")
    restarted = make_app(seed_core)
    await send_event(restarted, edit_of(old, f"<@{BOT_USER_ID}> {QUESTION} (typo fixed)"))
    fresh = message_event("who ordered the 1,178 accounts blocked?", ts=f"{time.time() - 60:.6f}")
    await send_event(restarted, fresh)  # not addressed to the bot: no answer
    mentioned = message_event(f"<@{BOT_USER_ID}> {fresh['text']}", kind="app_mention", ts=fresh["ts"])
    await send_event(restarted, edit_of(mentioned, str(mentioned["text"])))
    posts = await posts_in(stub, "chat.postMessage", 2)
    await asyncio.sleep(0.5)
    assert [p["thread_ts"] for p in stub.posted("chat.postMessage")] == [old["ts"], fresh["ts"]], posts


async def test_a_question_deleted_before_its_answer_gets_one_warning_and_no_apology(
    stub: StubSlack, seed_app: AsyncApp, caplog: pytest.LogCaptureFixture
) -> None:
    """Slack refuses a reply under a message deleted meanwhile (thread_not_found): two errors with tracebacks
    were logged ("failed", then "could not send the apology") and an apology was tried in the same dead thread."""
    stub.deleted.add("910.1")
    with caplog.at_level(logging.WARNING, logger="bot.slack"):
        await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="910.1"))
        for _ in range(200):
            if caplog.records:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
    assert [(r.levelname, "deleted" in r.getMessage()) for r in caplog.records] == [("WARNING", True)]
    assert not stub.posted("chat.postEphemeral") and APOLOGY not in caplog.text
