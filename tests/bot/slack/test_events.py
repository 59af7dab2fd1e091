"""Mentions, DMs and thread follow-ups, as Events API requests through Bolt."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from tests.bot.slack.slack_requests import message_event, posts_in, send_event, settled, shown_text
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTION = "how many accounts were ordered blocked?"


async def test_mention_is_answered_in_its_thread_and_follow_ups_need_no_mention(
    stub: StubSlack, seed_app: AsyncApp
) -> None:
    mention = message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="100.1")
    assert (await send_event(seed_app, mention)).status == 200
    [answer] = await posts_in(stub, "chat.postMessage")
    assert answer["channel"] == "C1" and answer["thread_ts"] == "100.1"
    assert "257" in shown_text(answer) and "Question:" not in shown_text(answer)

    # Ignored: other threads, plain channel chatter, edits, bots (ourselves included).
    for event in (
        message_event("and who ordered it?", thread_ts="999.9"),
        message_event("lunch?"),
        message_event("edited", thread_ts="100.1", subtype="message_changed"),
        message_event("bot chatter", thread_ts="100.1", bot_id="BOTHER"),
        message_event("my own answer", thread_ts="100.1", user=BOT_USER_ID),
    ):
        assert (await send_event(seed_app, event)).status == 200

    # A follow-up in the bot's thread, then one that also mentions the bot (two events, one answer).
    await send_event(seed_app, message_event("and who ordered the 1,178 accounts blocked?", thread_ts="100.1"))
    await posts_in(stub, "chat.postMessage", 2)
    both = {"text": f"<@{BOT_USER_ID}> what did Twitter say?", "thread_ts": "100.1", "ts": "100.5"}
    await send_event(seed_app, message_event(kind="app_mention", **both))
    await send_event(seed_app, message_event(**both))
    posts = await posts_in(stub, "chat.postMessage", 3)
    await send_event(seed_app, message_event(QUESTION, channel="D1", channel_type="im", ts="200.1"))
    posts = await posts_in(stub, "chat.postMessage", 4)
    assert [(p["channel"], p["thread_ts"]) for p in posts] == [("C1", "100.1")] * 3 + [("D1", "200.1")]


async def test_empty_mention_gets_a_private_hint_and_the_thread_is_not_followed(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}>", kind="app_mention", ts="300.1"))
    [hint] = await posts_in(stub, "chat.postEphemeral")
    assert hint["user"] == "UASKER" and hint["thread_ts"] == "300.1" and "Please ask a question" in hint["text"]
    # Later chatter in that thread is not addressed to the bot; a DM question after it is the sentinel.
    await send_event(seed_app, message_event("lunch at 1 today?", user="UOTHER", thread_ts="300.1", ts="300.2"))
    await send_event(seed_app, message_event(QUESTION, channel="D1", channel_type="im", ts="301.1"))
    await posts_in(stub, "chat.postMessage")
    await settled(seed_core)  # the chatter handled too: an answer to it would be out by now
    assert [p["channel"] for p in stub.posted("chat.postMessage")] == ["D1"]


async def test_a_mention_also_sent_to_the_channel_is_answered_once(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """"Also send to #channel" on a thread reply: app_mention and message both carry subtype thread_broadcast."""
    broadcast = {"text": f"<@{BOT_USER_ID}> {QUESTION}", "ts": "500.2", "thread_ts": "500.1",
                 "subtype": "thread_broadcast"}
    await send_event(seed_app, message_event(kind="app_mention", **broadcast))
    await send_event(seed_app, message_event(**broadcast))
    [answer] = await posts_in(stub, "chat.postMessage")
    assert answer["thread_ts"] == "500.1" and "257" in shown_text(answer)
    await settled(seed_core)  # both events handled: a second answer would be out by now
    assert len(stub.posted("chat.postMessage")) == 1


async def test_files_shared_in_a_followed_thread_count_only_with_words(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="800.1"))
    await posts_in(stub, "chat.postMessage")
    picture = [{"id": "F7", "name": "screenshot.png"}]
    await send_event(seed_app, message_event("", thread_ts="800.1", subtype="file_share", files=picture))
    await send_event(seed_app, message_event("and who ordered the 1,178 accounts blocked?", thread_ts="800.1",
                                             subtype="file_share", files=picture))
    posts = await posts_in(stub, "chat.postMessage", 2)
    await settled(seed_core)  # the wordless share handled too: a reply or download for it would be out by now
    assert len(stub.posted("chat.postMessage")) == 2 and "1,178" in shown_text(posts[1])
    assert not stub.posted("chat.postEphemeral") and not stub.downloads


async def test_a_reply_addressed_to_someone_else_in_a_followed_thread_is_left_alone(
        stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp) -> None:
    """Bob asks the bot once inside Alice's thread; Alice's answer to Bob was answered with a public decline
    quoting her words. A reply naming no one is still a follow-up to the bot."""
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> how many accounts were ordered blocked?",
                                             kind="app_mention", user="UBOB", ts="100.5", thread_ts="100.1"))
    [answer] = await posts_in(stub, "chat.postMessage")
    assert answer["thread_ts"] == "100.1" and "257" in shown_text(answer)
    for n, text in enumerate(["<@UBOB> thanks, I will forward the numbers to legal tomorrow",
                              "<!subteam^S0LEGAL|@legal> can you check these figures?",
                              "<!here> lunch moved to 1pm, see you all there"]):
        await send_event(seed_app, message_event(text, user="UALICE", ts=f"100.{6 + n}", thread_ts="100.1"))
    await send_event(seed_app, message_event("and how many did twitter suspend?", user="UBOB", ts="100.99",
                                             thread_ts="100.1"))
    posts = await posts_in(stub, "chat.postMessage", count=2)
    await settled(seed_core)  # Alice's three handled too: a decline to any would be out by now
    assert len(stub.posted("chat.postMessage")) == 2 and "500" in shown_text(posts[-1])


async def test_a_question_with_a_screenshot_in_a_dm_is_answered(stub: StubSlack, seed_app: AsyncApp) -> None:
    await send_event(seed_app, message_event(QUESTION, channel="D5", channel_type="im", subtype="file_share",
                                             files=[{"id": "F9", "name": "screenshot.png"}]))
    [answer] = await posts_in(stub, "chat.postMessage")
    assert answer["channel"] == "D5" and "257" in shown_text(answer)
    assert not stub.posted("chat.postEphemeral") and not stub.downloads


async def test_a_me_message_is_a_persons_words_and_other_subtypes_ask_nothing(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """"/me wonders how many accounts …" in a DM, or in a thread the bot answered, arrives as a message of the
    subtype me_message (its text the words after /me): it was dropped without a word. Slack's own notices in
    a followed thread (a join, a topic change) still ask nothing."""
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="960.1"))
    await posts_in(stub, "chat.postMessage")
    await send_event(seed_app, message_event("joined the channel", subtype="channel_join", thread_ts="960.1"))
    await send_event(seed_app, message_event("set the channel topic: x", subtype="channel_topic", thread_ts="960.1"))
    await send_event(seed_app, message_event(f"wonders {QUESTION}", subtype="me_message", thread_ts="960.1",
                                             ts="960.4"))
    await send_event(seed_app, message_event(f"wonders {QUESTION}", channel="D8", channel_type="im",
                                             subtype="me_message", ts="961.1"))
    posts = await posts_in(stub, "chat.postMessage", 3)
    await settled(seed_core)
    assert sorted((p["channel"], p["thread_ts"]) for p in stub.posted("chat.postMessage")) == [
        ("C1", "960.1"), ("C1", "960.1"), ("D8", "961.1")]
    assert all("257" in shown_text(p) for p in posts) and not stub.posted("chat.postEphemeral")


def rich(*elements: dict[str, object]) -> list[dict[str, object]]:
    """A message's blocks as Slack's composer makes them: one rich_text block of one section."""
    return [{"type": "rich_text", "block_id": "b1",
             "elements": [{"type": "rich_text_section", "elements": list(elements)}]}]


async def test_a_message_whose_words_are_only_in_its_rich_text_blocks_is_answered(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """A mention whose ``text`` holds only the mention, the words being in its rich_text blocks (as other apps
    report of a mention written in a thread's composer), got "Please ask a question"; so did such a DM. A
    mention with nothing else in its blocks either still gets the hint."""
    me = {"type": "user", "user_id": BOT_USER_ID}
    words = {"type": "text", "text": f" {QUESTION}"}
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}>", kind="app_mention", ts="970.1",
                                             blocks=rich(me, words)))
    await send_event(seed_app, message_event("", channel="D9", channel_type="im", ts="971.1", blocks=rich(words)))
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}>", kind="app_mention", ts="972.1", blocks=rich(me)))
    answers = await posts_in(stub, "chat.postMessage", 2)
    await settled(seed_core)
    assert sorted((a["channel"], a["thread_ts"]) for a in answers) == [("C1", "970.1"), ("D9", "971.1")]
    assert all("257" in shown_text(a) for a in answers)
    [hint] = stub.posted("chat.postEphemeral")
    assert hint["thread_ts"] == "972.1" and "Please ask a question" in hint["text"]


@pytest.mark.parametrize(("refusing", "error"), [
    ("read-only", "restricted_action"), ("archived", "is_archived"), ("uninstalled", "account_inactive"),
])
async def test_a_channel_that_refuses_the_bot_gets_one_warning_and_no_apology(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch, refusing: str, error: str,
) -> None:
    """An announcement-only channel; one archived, or a workspace that uninstalled the app (its bot token
    revoked), while the question was answered. The uninstall's refusal ("account_inactive") was logged as an
    error with its traceback, and an apology tried that Slack refused the same way."""
    ask = seed_core.engine.ask

    def refused_meanwhile(text: str, context: object = None) -> object:
        if refusing == "archived":
            stub.archived.add("C1")
        elif refusing == "uninstalled":
            stub.bot_token_revoked = True
        return ask(text, context)  # type: ignore[arg-type]

    if refusing == "read-only":
        stub.read_only.add("C1")
    monkeypatch.setattr(seed_core.engine, "ask", refused_meanwhile)
    with caplog.at_level(logging.WARNING, logger="bot.slack"):
        await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="900.1"))
        await settled(seed_core)  # its handling over: the warning logged, and any apology tried
    # An uninstall also says, once, that the bot token no longer works: in ``serve_slack`` it stops the bot.
    stopped = ["ERROR"] if refusing == "uninstalled" else []
    assert [r.levelname for r in caplog.records if r.name.startswith("bot.slack")] == [*stopped, "WARNING"]
    assert error in caplog.text and not stub.posted("chat.postEphemeral")


async def _longest_stall(until: asyncio.Event) -> float:
    """The longest the event loop went without running this task, until ``until`` is set."""
    longest, last = 0.0, time.monotonic()
    while not until.is_set():
        await asyncio.sleep(0.01)
        now = time.monotonic()
        longest, last = max(longest, now - last), now
    return longest


async def test_a_dm_of_broadcast_words_back_to_back_does_not_stall_the_bot(
    stub: StubSlack, seed_app: AsyncApp
) -> None:
    """A message of 40,000 characters (Slack's limit) of "@here@here…": removing one broadcast word at a time
    took 8,000 passes over the text, 6 s on the event loop, where every other user's question, Socket Mode's
    acknowledgements and the Discord heartbeat wait. It is no question, and is told so at once."""
    done = asyncio.Event()
    stall = asyncio.create_task(_longest_stall(done))
    await send_event(seed_app, message_event("@here" * 8000, channel="D7", channel_type="im", ts="950.1"))
    [hint] = await posts_in(stub, "chat.postEphemeral")
    done.set()
    assert hint["channel"] == "D7" and "Please ask a question" in hint["text"]
    assert await stall < 1.0


async def test_unclosed_markup_in_a_channel_message_does_not_stall_the_bot(
    stub: StubSlack, seed_app: AsyncApp
) -> None:
    """Every message in a channel the bot is in is read to see whom it addresses. A "<!here|" or
    "<https://…|" never closed (sent through the API, which passes text on as given) made each of its
    thousands of openings scan to the end of the text: 40,000 characters held the event loop 1.5-2.5 s."""
    done = asyncio.Event()
    stall = asyncio.create_task(_longest_stall(done))
    for unclosed in ("<!here|", "<https://a|"):
        await send_event(seed_app, message_event(unclosed * (40_000 // len(unclosed)), thread_ts="960.1"))
    await send_event(seed_app, message_event(QUESTION, channel="D8", channel_type="im", ts="960.5"))
    [answer] = await posts_in(stub, "chat.postMessage")  # the sentinel: the two before it were handled
    done.set()
    assert answer["channel"] == "D8"
    assert await stall < 1.0


async def test_one_question_a_line_gets_each_answered(stub: StubSlack, seed_app: AsyncApp) -> None:
    """Slack keeps a message's line breaks; they were dropped before the message was read, and two questions
    one a line were searched as one text and declined."""
    text = f"<@{BOT_USER_ID}> who is ajay sawhney\nhow many accounts did twitter suspend"
    await send_event(seed_app, message_event(text, kind="app_mention", ts="300.1"))
    [answer] = await posts_in(stub, "chat.postMessage")
    shown = shown_text(answer)
    assert "who is ajay sawhney?" in shown and "how many accounts did twitter suspend?" in shown
    assert "Sawhney" in shown and "500" in shown and "couldn't find" not in shown


async def test_a_question_in_bold_or_quoted_reads_as_the_same_question(stub: StubSlack, seed_app: AsyncApp) -> None:
    """Slack's mrkdwn around a whole question (a quote, bold, code): its marks were read as words, and "&gt;
    *what happened on feb 10?*" was searched and declined instead of listing that day's events."""
    for ts, typed in (("1.1", "what happened on feb 10?"), ("1.2", "&gt; *what happened on feb 10?*"),
                      ("1.3", "`what happened on feb 10?`")):
        await send_event(seed_app, message_event(typed, channel="D5", channel_type="im", ts=ts))
    plain, quoted, code = await posts_in(stub, "chat.postMessage", 3)
    assert "couldn't find" not in shown_text(plain)
    assert shown_text(quoted) == shown_text(plain) == shown_text(code)


async def test_another_apps_messages_that_mention_the_bot_get_no_answer(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """Another app (a workflow's step, an alerting bot) mentions the bot in a channel, or writes to its DM: the
    events carry the app's ``bot_id`` (and its bot user as ``user``). Answering would let two bots talk to each
    other without end; the bot answers people only, as on Discord."""
    app_post = {"user": "UAPPBOT", "bot_id": "BAPP", "app_id": "AAPP",
                "bot_profile": {"id": "BAPP", "app_id": "AAPP", "name": "alerts", "deleted": False}}
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="990.1",
                                             **app_post))
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="990.1", **app_post))
    await send_event(seed_app, message_event(QUESTION, channel="D9", channel_type="im", ts="990.2", **app_post))
    await send_event(seed_app, message_event(QUESTION, channel="D9", channel_type="im", ts="990.3",
                                             subtype="bot_message", **app_post))
    await settled(seed_core)
    assert not stub.posted("chat.postMessage", "chat.postEphemeral")
