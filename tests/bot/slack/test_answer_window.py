"""A reply in the thread of the bot's answer that comes before Slack's answer to posting it.

People see the answer once Slack has posted it, before ``chat.postMessage`` returns (slow, or retried). The
thread is followed from before the post (``FollowedThreads.replying``), so the reply is a follow-up there, as
Discord's reply to an answer is (tests/bot/discord/test_answer_window.py). The stub holds Slack's answer
until the reply is answered: the order is fixed, not timed.
"""

from __future__ import annotations

import asyncio

import pytest
from slack_bolt.async_app import AsyncApp

from tests.bot.slack.slack_requests import message_event, posts_in, send_event, shown_text
from tests.bot.slack.stub_slack import StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_a_reply_before_slack_answers_the_post_is_a_follow_up(
        stub: StubSlack, history_app: AsyncApp) -> None:
    stub.post_answers = asyncio.Event()
    # A timeline: stored as no answer, so only the thread followed from before the post makes the reply a follow-up.
    first = message_event("<@UBOT> what happened on feb 10", kind="app_mention")
    asking = asyncio.create_task(send_event(history_app, first))
    try:
        [answer] = await posts_in(stub, "chat.postMessage", 1)  # shown; Slack's answer to the post held
        assert "2021-02-10" in shown_text(answer)
        following = asyncio.create_task(
            send_event(history_app, message_event("how many accounts were ordered blocked?", thread_ts=first["ts"])))
        second = (await posts_in(stub, "chat.postMessage", 2))[1]
    finally:
        stub.post_answers.set()
    await asyncio.gather(asking, following)
    assert second["thread_ts"] == first["ts"], "the reply in the thread was not taken as a follow-up"
    assert "257" in shown_text(second), shown_text(second)
