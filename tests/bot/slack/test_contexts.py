"""Places and events in Slack beyond a plain mention: edited mentions, questions deleted meanwhile, and group
DMs (mpims), where the bot is one of several people as in a channel."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import APOLOGY, CommandCore
from tests.bot.slack.slack_requests import (
    message_event,
    posts_in,
    replied_ts,
    send_event,
    settled,
    shown_text,
)
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTION = "how many accounts were ordered blocked?"
GROUP_DM = "G0GROUPDM"  # a group DM's id, as Slack's own example of a message.mpim event has it


def in_group_dm(text: str, **fields: Any) -> dict[str, Any]:
    """A ``message.mpim`` event: how Slack sends every message of a group DM the app was added to, a mention
    of the app included (no ``app_mention`` comes with it there)."""
    return message_event(text, channel=GROUP_DM, channel_type="mpim", **fields)


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
    await settled(seed_core)  # every event handled: a second answer to the old question would be out by now
    assert [p["thread_ts"] for p in stub.posted("chat.postMessage")] == [old["ts"], fresh["ts"]], posts


async def test_a_question_deleted_before_its_answer_gets_one_warning_and_no_apology(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp, caplog: pytest.LogCaptureFixture
) -> None:
    """Slack refuses a reply under a message deleted meanwhile (thread_not_found): two errors with tracebacks
    were logged ("failed", then "could not send the apology") and an apology was tried in the same dead thread."""
    stub.deleted.add("910.1")
    with caplog.at_level(logging.WARNING, logger="bot.slack"):
        await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="910.1"))
        await settled(seed_core)  # its handling over: the warning logged, and any apology tried
    assert [(r.levelname, "deleted" in r.getMessage()) for r in caplog.records] == [("WARNING", True)]
    assert not stub.posted("chat.postEphemeral") and APOLOGY not in caplog.text


async def test_a_group_dm_is_answered_like_a_channel(stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
                                                      ) -> None:
    """Added to a group DM and mentioned there, the bot said nothing: the manifest subscribed to no
    message.mpim, the only event such a mention arrives as. It answers the mention in its thread and the
    un-mentioned follow-ups there, and leaves the people's other talk alone, as in a channel (not every
    message, as in a 1:1 DM)."""
    stub.group_dms.add(GROUP_DM)
    mention = in_group_dm(f"<@{BOT_USER_ID}> {QUESTION}")
    await send_event(seed_app, mention)
    [answer] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert answer["channel"] == GROUP_DM and answer["thread_ts"] == mention["ts"], answer
    assert "1,178" in shown_text(answer)
    await send_event(seed_app, in_group_dm("lunch at 1? the usual place"))  # their own talk, not in a thread
    await send_event(seed_app, in_group_dm("and who ordered them blocked?", thread_ts=mention["ts"]))
    await posts_in(stub, "chat.postMessage", 2, timeout=10)
    await settled(seed_core)  # all three handled: an answer to the lunch message would be out by now
    answers = stub.posted("chat.postMessage")
    assert [a["thread_ts"] for a in answers] == [mention["ts"], mention["ts"]], answers
    assert not stub.posted("chat.postEphemeral")


async def test_an_empty_mention_in_a_group_dm_gets_a_private_hint(stub: StubSlack, seed_app: AsyncApp) -> None:
    """Refusals and hints are ephemeral in a group DM too (chat.postEphemeral works there), only for the asker."""
    stub.group_dms.add(GROUP_DM)
    await send_event(seed_app, in_group_dm(f"<@{BOT_USER_ID}>", ts="400.1"))
    [hint] = await posts_in(stub, "chat.postEphemeral", timeout=10)
    assert (hint["channel"], hint["user"], hint["thread_ts"]) == (GROUP_DM, "UASKER", "400.1")
    assert "Please ask a question" in hint["text"] and not stub.posted("chat.postMessage")


async def test_a_reply_under_an_ask_answer_in_a_group_dm_goes_on_with_it(
    stub: StubSlack, history_app: AsyncApp
) -> None:
    """Following the thread of an /ask answer reads its first message (conversations.replies), which in a group
    DM takes mpim:history: without it the reply was left unanswered."""
    stub.group_dms.add(GROUP_DM)
    answer_ts = await replied_ts(stub, history_app, "/ask", "Who is Ajay Prakash Sawhney?", channel=GROUP_DM)
    await send_event(history_app, in_group_dm("and when is he expected to meet Twitter?", thread_ts=answer_ts,
                                              parent_user_id=BOT_USER_ID))
    [reply] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert reply["channel"] == GROUP_DM and reply["thread_ts"] == answer_ts
    assert "Searched for:" in shown_text(reply) and "Sawhney" in shown_text(reply)


def changed(event: dict[str, Any], text: str) -> dict[str, Any]:
    """The ``message_changed`` message event Slack sends for an edit in a conversation the app hears: hidden, the
    message as the edit left it, and the one before."""
    inner = {k: v for k, v in event.items() if k not in ("channel", "channel_type", "type")}
    now = f"{time.time():.6f}"
    return {"type": "message", "subtype": "message_changed", "hidden": True, "channel": event["channel"],
            "channel_type": event.get("channel_type", "channel"), "ts": now, "event_ts": now,
            "message": {**inner, "type": "message", "text": text, "edited": {"user": event["user"], "ts": now}},
            "previous_message": {**inner, "type": "message"}}


async def test_a_refused_question_edited_in_a_dm_is_asked_again_and_an_answered_one_is_not(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """Told a question was too long, people shorten the message they sent: on Discord that asks again, on Slack the
    edit (a ``message_changed``, the only event a DM edit comes as) went unheard. A typo fixed in an answered
    question, the bot's own edits and a deleted question ask nothing, on both."""
    long = message_event("how many accounts were ordered blocked " * 30, channel="D1", channel_type="im")
    await send_event(seed_app, long)
    [refusal] = await posts_in(stub, "chat.postEphemeral", timeout=10)
    assert "characters long" in refusal["text"]
    shortened = changed(long, QUESTION)
    await send_event(seed_app, shortened)
    [answer] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert answer["thread_ts"] == long["ts"] and "257" in shown_text(answer)
    for event in (changed({**long, "text": QUESTION}, QUESTION + " (typo)"), shortened,
                  changed(message_event("my answer", channel="D1", channel_type="im", user=BOT_USER_ID), "edited"),
                  {"type": "message", "subtype": "message_deleted", "hidden": True, "channel": "D1",
                   "channel_type": "im", "ts": f"{time.time():.6f}", "deleted_ts": long["ts"],
                   "previous_message": {"type": "message", "user": "UASKER", "text": QUESTION, "ts": long["ts"]}}):
        assert (await send_event(seed_app, event)).status == 200
    assert await seed_core.in_flight.drain(5)
    assert len(stub.posted("chat.postMessage")) == 1 and len(stub.posted("chat.postEphemeral")) == 1


async def test_a_refused_mention_edited_in_a_channel_is_answered_once(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """A channel edit comes twice, as an edited ``app_mention`` and as a ``message_changed``: one answer."""
    empty = message_event(f"<@{BOT_USER_ID}>", kind="app_mention")
    await send_event(seed_app, empty)
    [hint] = await posts_in(stub, "chat.postEphemeral", timeout=10)
    assert "Please ask a question" in hint["text"]
    asked = f"<@{BOT_USER_ID}> {QUESTION}"
    await send_event(seed_app, edit_of(empty, asked))
    await send_event(seed_app, changed({**empty, "channel_type": "channel"}, asked))
    [answer] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert answer["thread_ts"] == empty["ts"] and "257" in shown_text(answer)
    assert await seed_core.in_flight.drain(5)
    assert len(stub.posted("chat.postMessage")) == 1


async def test_a_group_dm_message_edited_to_mention_the_bot_is_answered_once(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """In a group DM an edit comes only as ``message_changed`` (no ``app_mention``): a mention added by editing
    was answered in a channel and never there."""
    stub.group_dms.add(GROUP_DM)
    unaddressed = in_group_dm(QUESTION, ts=f"{time.time():.6f}")  # an edit of an old post asks nothing
    await send_event(seed_app, unaddressed)
    mentioned = changed(unaddressed, f"<@{BOT_USER_ID}> {QUESTION}")
    await send_event(seed_app, mentioned)
    [answer] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert answer["channel"] == GROUP_DM and answer["thread_ts"] == unaddressed["ts"]
    await send_event(seed_app, changed({**unaddressed, "text": mentioned["message"]["text"]},
                                       f"<@{BOT_USER_ID}> {QUESTION} (typo)"))
    assert await seed_core.in_flight.drain(5)
    assert len(stub.posted("chat.postMessage")) == 1


@pytest.mark.parametrize("where", ["dm", "channel"])
async def test_a_greeting_edited_into_a_question_is_answered_once(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp, where: str
) -> None:
    """"hi" gets the greeting, then the asker edits the message into the question they meant: the greeting counted
    as an answer, so the edit was taken for a typo fixed and nothing came (in a channel, where the edit comes as an
    edited ``app_mention`` and a ``message_changed``, nor there)."""
    lead = "" if where == "dm" else f"<@{BOT_USER_ID}> "
    place: dict[str, Any] = {"channel": "D1", "channel_type": "im"} if where == "dm" else {"kind": "app_mention"}
    hello = message_event(f"{lead}hi", ts=f"{time.time():.6f}", **place)
    await send_event(seed_app, hello)
    [greeting] = await posts_in(stub, "chat.postMessage", timeout=10)
    assert shown_text(greeting).startswith("Hi!")
    asked = f"{lead}hi, {QUESTION}"
    if where == "channel":
        await send_event(seed_app, edit_of(hello, asked))
    await send_event(seed_app, changed({**hello, "channel_type": place.get("channel_type", "channel")}, asked))
    answer = (await posts_in(stub, "chat.postMessage", 2, timeout=10))[-1]
    assert answer["thread_ts"] == hello["ts"] and "257" in shown_text(answer)
    kind = place.get("channel_type", "channel")
    await send_event(seed_app, changed({**hello, "text": asked, "channel_type": kind}, asked + " (typo)"))
    thanks = message_event(f"{lead}thanks", ts=f"{time.time():.6f}", **place)
    await send_event(seed_app, thanks)
    await posts_in(stub, "chat.postMessage", 3, timeout=10)
    await send_event(seed_app, changed({**thanks, "channel_type": kind}, f"{lead}thanks!!"))  # still small talk
    assert await seed_core.in_flight.drain(5)
    assert len(stub.posted("chat.postMessage")) == 3 and not stub.posted("chat.postEphemeral")
