"""A reply in the thread of an /ask answer goes on with its question, as under a mention's answer."""

from __future__ import annotations

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from tests.bot.slack.slack_requests import (
    message_event,
    posts_in,
    replied_ts,
    send_event,
    shown_text,
)
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

FOLLOW_UP = "and when is he expected to meet Twitter?"


@pytest.mark.parametrize("mention", [False, True], ids=["reply", "reply-mentioning-the-bot"])
async def test_a_reply_in_the_thread_of_an_ask_answer_goes_on_with_it(
    stub: StubSlack, history_app: AsyncApp, mention: bool
) -> None:
    """Slack never tells the app the ts of what it posts through a response_url: a reply under an /ask answer
    was ignored, and one mentioning the bot was answered as if asked alone (Discord: d5b67c1)."""
    answer_ts = await replied_ts(stub, history_app, "/ask", "Who is Ajay Prakash Sawhney?")
    follow = message_event(f"<@{BOT_USER_ID}> {FOLLOW_UP}" if mention else FOLLOW_UP,
                           kind="app_mention" if mention else "message", thread_ts=answer_ts,
                           parent_user_id=BOT_USER_ID)
    await send_event(history_app, follow)
    [reply] = await posts_in(stub, "chat.postMessage", timeout=5)
    assert reply["thread_ts"] == answer_ts
    assert "Searched for:" in shown_text(reply) and "Sawhney" in shown_text(reply)
    # The thread is followed from now on: the next reply is answered without reading the first message again.
    await send_event(history_app, message_event("what about the blog post?", thread_ts=answer_ts,
                                                parent_user_id=BOT_USER_ID))
    await posts_in(stub, "chat.postMessage", 2, timeout=5)
    assert [c.method for c in stub.calls].count("conversations.replies") == 1


async def test_a_reply_under_another_bot_message_is_not_followed(
    stub: StubSlack, history_core: CommandCore, history_app: AsyncApp
) -> None:
    """Under a bot message that begins no conversation (without the mark an /ask or /timeline reply carries),
    people talk among themselves; the first message is read once, then the thread is known not to be the bot's."""
    root = stub.post_as_app("C1", "Timeline: three dated events", blocks=[{"type": "section", "block_id": "t1",
                                                                           "text": {"type": "mrkdwn", "text": "x"}}])

    def reads() -> int:
        return [c.method for c in stub.calls].count("conversations.replies")

    for text in ("nice", "thanks for sharing"):
        await send_event(history_app, message_event(text, thread_ts=root, parent_user_id=BOT_USER_ID))
        await stub.wait_for(lambda: reads() >= 1, timeout=5)
        # The reply is read and the thread remembered before the next one comes: the read shows here before its
        # answer reaches the app, and a next reply sent after a fixed 0.3 s read the thread again under load.
        assert await history_core.in_flight.drain(15)
    await send_event(history_app, message_event("unrelated", thread_ts="1.2", parent_user_id="UOTHER"))
    # Listeners run after the acknowledgement: once the app has settled, any other read has happened.
    assert await history_core.in_flight.drain(15)
    assert reads() == 1 and not stub.posted("chat.postMessage")


async def test_a_reply_in_the_thread_of_a_timeline_reads_its_events(stub: StubSlack, history_app: AsyncApp) -> None:
    """/timeline's events were no turn of any conversation: "who will lead them?" under them named nothing.
    The reply names its conversation as an /ask answer does, and a reply in its thread reads the event shown."""
    shown_ts = await replied_ts(stub, history_app, "/timeline", "the talks")
    await send_event(history_app, message_event("who will lead them?", thread_ts=shown_ts,
                                                parent_user_id=BOT_USER_ID))
    [reply] = await posts_in(stub, "chat.postMessage", timeout=5)
    assert reply["thread_ts"] == shown_ts
    assert "Searched for:" in shown_text(reply) and "Sawhney" in shown_text(reply)
