"""A mention in the thread of someone's post ("@bot is this true?" under a claim) reads that post, once."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from tests.bot.slack.slack_requests import message_event, posts_in, send_event, settled, shown_text
from tests.bot.slack.stub_slack import BOT_ID, BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

CLAIM = "<@UASKER> govt ordered twitter to block 1178 accounts linked to khalistan"
SOURCED = "Every quote names its article"  # what "is this true?" gets said after one of the bot's answers


def reads(stub: StubSlack) -> int:
    return [c.method for c in stub.calls].count("conversations.replies")


def mention(text: str, thread_ts: str, parent: str = "UOTHER") -> dict[str, Any]:
    return message_event(f"<@{BOT_USER_ID}> {text}", kind="app_mention", thread_ts=thread_ts, parent_user_id=parent)


async def test_is_this_true_in_the_thread_of_someones_post_checks_that_post(
    stub: StubSlack, history_app: AsyncApp
) -> None:
    """It was answered as "is this true?" alone, about no answer of the bot's. The post is read once: after
    the answer the thread is the bot's, and its next question goes on with that answer."""
    root = stub.post_as_user("C1", "UOTHER", CLAIM)
    await send_event(history_app, mention("is this true?", root))
    [reply] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert reply["thread_ts"] == root and "1,178" in shown_text(reply) and SOURCED not in shown_text(reply)
    assert "<@UASKER>" not in shown_text(reply), "the post's mention is not posted back"
    assert reads(stub) == 1
    await send_event(history_app, mention("when was this", root))
    await posts_in(stub, "chat.postMessage", 2, timeout=10)
    assert reads(stub) == 1


async def test_a_question_naming_nothing_borrows_from_the_post(stub: StubSlack, history_app: AsyncApp) -> None:
    root = stub.post_as_user("C1", "UOTHER", CLAIM)
    await send_event(history_app, mention("when was this", root))
    [reply] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert "Searched for:" in shown_text(reply) and "khalistan" in shown_text(reply).lower()


async def test_a_post_that_cant_be_read_changes_nothing(stub: StubSlack, history_app: AsyncApp) -> None:
    """A deleted post, or a channel the app may not read: the question is answered alone, as before."""
    await send_event(history_app, mention("is this true?", "1690000000.000001"))
    [reply] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert SOURCED in shown_text(reply) and reads(stub) == 1


async def test_a_post_deleted_under_its_thread_is_no_post(stub: StubSlack, history_app: AsyncApp) -> None:
    """A message deleted after people replied to it leaves its thread under a tombstone, which Slack returns as
    the thread's first message: Slackbot's "This message was deleted." (subtype tombstone, hidden). It was
    read as the post "@bot is this true?" pointed at."""
    root = stub.post_as_user("C1", "UOTHER", CLAIM)
    stub.app_messages[root] = {"type": "message", "subtype": "tombstone", "text": "This message was deleted.",
                               "user": "USLACKBOT", "hidden": True, "ts": root, "thread_ts": root,
                               "parent_user_id": "USLACKBOT", "reply_count": 1, "channel": "C1"}
    await send_event(history_app, mention("is this true?", root))
    [reply] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert SOURCED in shown_text(reply) and "deleted" not in shown_text(reply).lower()


async def test_a_post_slack_wont_let_the_bot_read_for_a_minute_is_not_waited_for(
    stub: StubSlack, history_app: AsyncApp, caplog: pytest.LogCaptureFixture
) -> None:
    """Slack allows an app distributed outside its Marketplace one conversations.replies a minute (429,
    Retry-After 60): the mention waited two minutes (two retries) for the post it only reads for context. It is
    now answered alone at once, with one warning."""
    root = stub.post_as_user("C1", "UOTHER", CLAIM)
    stub.rate_limited["conversations.replies"], stub.retry_after = 5, 60
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="bot.slack"):
        await send_event(history_app, mention("is this true?", root))
        [reply] = await posts_in(stub, "chat.postMessage", timeout=15)
    assert time.monotonic() - started < 15 and SOURCED in shown_text(reply)
    assert reads(stub) == 1 and "ratelimited" in caplog.text
    stub.rejected.clear()  # seen: the 429 this test is about


async def test_a_mention_under_the_bots_own_message_reads_nothing_new(
    stub: StubSlack, history_core: CommandCore, history_app: AsyncApp
) -> None:
    """Under a message of the bot's (no /ask answer), the first message is read to find its conversation, as
    before, and its text is not taken for someone's post."""
    root = stub.post_as_app("C1", "govt ordered twitter to block 1178 accounts")
    await send_event(history_app, mention("is this true?", root, parent=BOT_USER_ID))
    [reply] = await posts_in(stub, "chat.postMessage", timeout=10)
    await settled(history_core)  # handled to its end: another read would have been made by now
    assert SOURCED in shown_text(reply) and reads(stub) == 1


@pytest.mark.parametrize("kind", ["feed", "bare-link"])
async def test_a_post_that_shows_only_attachments_is_read_by_what_they_say(
    stub: StubSlack, history_app: AsyncApp, kind: str
) -> None:
    """A news app's post is often attachments alone, and a link shared bare shows as the page's headline and
    summary, which Slack adds as an attachment (its unfurl): "@bot is this true?" in the thread of either read
    nothing, or only an address, and was answered as if asked alone."""
    page = "https://news.example/india-twitter"
    preview = {"title": "Twitter told to block accounts", "text": CLAIM.split(" ", 1)[1], "fallback": "News"}
    if kind == "feed":
        root = stub.post_as_user("C1", "UFEED", "")
        stub.app_messages[root].update(subtype="bot_message", bot_id="BFEED", attachments=[preview])
    else:
        root = stub.post_as_user("C1", "UOTHER", f"<{page}>")
        stub.app_messages[root]["attachments"] = [{**preview, "from_url": page, "original_url": page, "id": 1}]
    await send_event(history_app, mention("is this true?", root))
    [reply] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert "1,178" in shown_text(reply) and SOURCED not in shown_text(reply)


def shared(text: str, author: str = "UOTHER", channel: str = "C9", ts: str = "1690000000.000077") -> dict[str, Any]:
    """A message shared with Slack's "Share message" (its forward), as the sharing message carries it: an
    attachment with ``is_share`` and ``is_msg_unfurl``, the shared message's text in ``text`` (and its rich text
    in ``message_blocks``); the sharing message's own text is the comment added, often none."""
    link = f"https://stub.slack.com/archives/{channel}/p{ts.replace('.', '')}"
    return {"ts": ts, "author_id": author, "channel_id": channel, "channel_team": "T1", "is_msg_unfurl": True,
            "message_blocks": [{"team": "T1", "channel": channel, "ts": ts, "message": {"blocks": [
                {"type": "rich_text", "block_id": "b1", "elements": [
                    {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}]}}],
            "color": "D0D0D0", "from_url": link, "is_share": True, "fallback": f"[December 1st, 2026] other: {text}",
            "text": text, "author_name": "other", "author_subname": "other", "mrkdwn_in": ["text"],
            "footer": "Slack Conversation"}


@pytest.mark.parametrize("where", ["dm", "dm-with-words", "channel-mention"])
async def test_a_shared_message_is_what_is_asked_about(stub: StubSlack, history_app: AsyncApp, where: str) -> None:
    """Slack's forward: a message shared to the bot's DM, or with "@bot is this true?" as the comment, carries
    the post as an attachment. It got "Please ask a question" (nothing shared read), or "is this true?" was
    answered alone; now the post is read as a Discord forward is: the question, or the turn before the words."""
    attachment = shared(CLAIM)
    if where == "channel-mention":
        event = message_event(f"<@{BOT_USER_ID}> is this true?", kind="app_mention", attachments=[attachment])
    else:
        event = message_event("is this true?" if where == "dm-with-words" else "", channel="D1",
                              channel_type="im", attachments=[attachment])
    await send_event(history_app, event)
    [reply] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert "1,178" in shown_text(reply) and SOURCED not in shown_text(reply)
    assert "Please ask a question" not in shown_text(reply) and "<@UASKER>" not in shown_text(reply)
    assert reads(stub) == 0, "a shared message comes with the event; nothing is fetched"


@pytest.mark.parametrize("where", ["dm", "channel-mention"])
async def test_the_bots_own_answer_shared_back_is_asked_about_as_a_reply_in_its_thread_is(
    stub: StubSlack, history_app: AsyncApp, where: str
) -> None:
    """Someone shares one of the bot's answers (to its DM, or into a channel with "@bot is this true?"). Its
    text was read as the question: the bot's wording and the articles' quotes were searched and quoted back.
    Now it is asked about as a reply in the answer's thread is: "is this true?" points to the sources under
    it, no words at all get a line saying what it is, and a question goes on from the answer's conversation.
    The share names its author (the bot's user, and its bot id) and, in its permalink, the answer's thread."""
    asked = message_event(f"<@{BOT_USER_ID}> Who is Ajay Prakash Sawhney?", kind="app_mention")
    await send_event(history_app, asked)
    [answer] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert answer["thread_ts"] == asked["ts"] and "Sawhney" in shown_text(answer)
    share = {**shared(str(answer["text"]), author=BOT_USER_ID, channel="C1", ts="1700000100.000900"),
             "bot_id": BOT_ID, "from_url": f"https://stub.slack.com/archives/C1/p1700000100000900"
                                           f"?thread_ts={asked['ts']}&cid=C1"}

    async def ask(words: str) -> str:
        if where == "dm":
            event = message_event(words, channel="D1", channel_type="im", attachments=[share])
        else:
            event = message_event(f"<@{BOT_USER_ID}> {words}".strip(), kind="app_mention", channel="C2",
                                  attachments=[share])
        count = len(stub.posted("chat.postMessage", "chat.postEphemeral"))
        await send_event(history_app, event)
        await stub.wait_for(lambda: len(stub.posted("chat.postMessage", "chat.postEphemeral")) > count, 10)
        return shown_text(stub.posted("chat.postMessage", "chat.postEphemeral")[-1])

    assert SOURCED in await ask("is this true?")
    assert "That is one of my answers" in await ask("")
    follow_up = await ask("and when is he expected to meet Twitter?")
    assert "Searched for:" in follow_up and "sawhney" in follow_up.lower(), "goes on from the answer's question"
    assert reads(stub) == 0 and stub.rejected == []


@pytest.mark.parametrize("text", ["A huddle started", ""])
async def test_a_mention_in_a_huddles_thread_points_at_no_post(stub: StubSlack, history_app: AsyncApp,
                                                               text: str) -> None:
    """A huddle's thread opens on Slackbot's message (``user`` USLACKBOT, subtype ``huddle_thread``, its text
    "A huddle started" or none), not on anyone's post: "@bot who is ajay sawhney?" asked there was read with
    "A huddle started" as the turn before it, and "@bot is this true?" asked whether a huddle started."""
    root = stub.post_as_user("C1", "USLACKBOT", text)
    stub.app_messages[root].update(subtype="huddle_thread", room={"id": "R1", "call_family": "huddle"})
    await send_event(history_app, mention("is this true?", root, parent="USLACKBOT"))
    [reply] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert "huddle" not in shown_text(reply).lower(), shown_text(reply)
    assert reads(stub) <= 1 and stub.rejected == []
