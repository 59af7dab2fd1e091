"""Emoji in Slack messages: Slack writes them as shortcodes (":+1:", ":pray:"), which are no words to search for."""

from __future__ import annotations

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from bot.slack.mrkdwn import plain_from_slack
from tests.bot.slack.slack_requests import message_event, posts_in, send_event, settled, shown_text
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack
from tests.bot.slack.test_events import QUESTION

pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest.mark.parametrize(("raw", "read"), [
    (":+1:", ""),
    (":+1::tada:", ""),  # side by side, as the client writes a run of them
    ("thanks :pray:", "thanks"),
    (":wave::skin-tone-2: who ordered the blocking?", "who ordered the blocking?"),
    ("at 10:30:45 on 10 February", "at 10:30:45 on 10 February"),  # a time is no emoji
    ("a 3:2:1 ratio, note:this:", "a 3:2:1 ratio, note:this:"),  # nor colons inside words
])
def test_emoji_shortcodes_are_no_part_of_a_question(raw: str, read: str) -> None:
    assert plain_from_slack(raw) == read


async def test_an_emoji_alone_is_no_question_and_emoji_beside_words_are_not_searched(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """A 👍 sent to the bot's DM (":+1:" in the event) got "The articles never use the word …" over three unrelated
    passages, and in a thread the bot follows, publicly; a question with an emoji was searched for it. A "?!" in
    that thread got the prompt to ask a question: nothing now, as on Discord."""
    await send_event(seed_app, message_event(":+1:", channel="D9", channel_type="im", ts="3.1"))
    [prompt] = await posts_in(stub, "chat.postEphemeral")
    assert prompt["text"].startswith("Please ask a question about the dispute"), prompt["text"]
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION} :thinking_face:", kind="app_mention",
                                             ts="3.2"))
    [answer] = await posts_in(stub, "chat.postMessage")
    assert "257" in shown_text(answer) and "thinking" not in shown_text(answer)
    await send_event(seed_app, message_event(":pray::tada:", thread_ts="3.2", ts="3.3"))  # in the bot's thread
    await send_event(seed_app, message_event("?!", thread_ts="3.2", ts="3.31"))  # no words: no question either
    await send_event(seed_app, message_event("thanks :pray:", thread_ts="3.2", ts="3.4"))
    thanks = (await posts_in(stub, "chat.postMessage", 2))[1]
    assert thanks["thread_ts"] == "3.2" and "welcome" in shown_text(thanks).lower(), shown_text(thanks)
    await settled(seed_core)
    assert len(stub.posted("chat.postMessage")) == 2 and len(stub.posted("chat.postEphemeral")) == 1
