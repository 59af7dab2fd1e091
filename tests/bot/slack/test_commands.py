"""Slash commands through Bolt's real dispatcher, signed requests, answers posted to a stub response_url."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp

from bot.actors import Actor
from bot.core import APOLOGY, CommandCore
from bot.results import Notice, Reply, Result
from bot.slack.render import SlackMessage
from retrieval.types import Answer, Citation, Timeline
from tests.bot.conftest import returning
from tests.bot.slack.slack_requests import (
    command_reply,
    message_event,
    posts_in,
    reply_to,
    send_event,
    settled,
    shown_text,
    slash,
    slash_payload,
)
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_ask_acks_at_once_then_answers_with_cited_facts(
    stub: StubSlack, seed_app: AsyncApp, seed_core: CommandCore, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = asyncio.Event()
    real_ask = seed_core.ask

    async def slow_ask(question: str | None, actor: Actor | None = None, conversation: str | None = None,
                       **more: Any) -> Answer | Notice | Reply | Timeline:
        await gate.wait()  # the answer can't start until the acknowledgement is back
        return await real_ask(question, actor, conversation, **more)

    monkeypatch.setattr(seed_core, "ask", slow_ask)
    payload = slash_payload(stub, "/ask", "how many accounts were ordered blocked?")
    started = time.monotonic()
    ack = await slash(seed_app, payload)
    assert ack.status == 200 and ack.body == ""
    assert time.monotonic() - started < 3.0
    assert not stub.responses
    gate.set()

    reply = await reply_to(stub, payload)
    assert reply["response_type"] == "in_channel"
    shown = shown_text(reply)
    assert "257" in shown and "1,178" in shown
    assert "257" in reply["text"] and "1,178" in reply["text"]  # the plain fallback carries the facts too
    blocks = reply["blocks"]
    head = next(i for i, b in enumerate(blocks) if b["type"] == "section" and "*[1]*" in b["text"]["text"])
    quote = blocks[head + 1]["text"]  # the quote, as the article has it, in a plain_text section of its own
    assert quote["type"] == "plain_text" and quote["text"].startswith("“") and "2021-02-10" in shown


async def test_timeline_and_sources(stub: StubSlack, seed_app: AsyncApp) -> None:
    sources = slash_payload(stub, "/sources")
    timeline = slash_payload(stub, "/timeline", "blocking orders")
    await slash(seed_app, sources)
    await slash(seed_app, timeline)
    listed = await reply_to(stub, sources)
    assert "4 indexed articles" in shown_text(listed) and listed["response_type"] == "in_channel"
    assert (await reply_to(stub, timeline))["text"]


async def test_a_question_refused_as_too_long_is_given_back_to_copy(stub: StubSlack, seed_app: AsyncApp) -> None:
    """A slash command's text is gone once sent: told the question was too long, the asker had nothing left to
    shorten. It comes back privately in a code block, mentions as a Slack client shows them ("@bob", not the
    markup "<@U999|bob>", which pasted back is no mention) and escaped, so that nothing in it mentions anyone; a
    mention's refusal does not post it again (its words stay in the channel)."""
    typed = "why did <!everyone> & <@U999|bob> in <#C42|general> twitter block " + "the accounts again " * 60
    reply = await command_reply(stub, seed_app, "/ask", typed)
    assert reply["response_type"] == "ephemeral" and "characters long" in reply["text"]
    shown = ("why did @everyone &amp; @bob in #general twitter block " + "the accounts again " * 60).strip()
    assert reply["text"].endswith(f"What you typed, to copy:\n```\n{shown}\n```")
    longer = await command_reply(stub, seed_app, "/timeline", "koo " * 1000)
    assert "characters long" in longer["text"] and "(its first" in longer["text"] and len(longer["text"]) <= 3000
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {typed}", kind="app_mention", ts="100.7"))
    [refused] = await posts_in(stub, "chat.postEphemeral", timeout=5)
    assert "characters long" in refused["text"] and "What you typed" not in refused["text"]


async def test_empty_question_is_refused_privately(stub: StubSlack, seed_app: AsyncApp) -> None:
    payload = slash_payload(stub, "/ask", "   ")
    await slash(seed_app, payload)
    reply = await reply_to(stub, payload)
    assert reply["response_type"] == "ephemeral" and "Please ask a question" in reply["text"]


async def test_a_private_reply_to_an_expired_response_url_goes_by_direct_message(
    stub: StubSlack, seed_app: AsyncApp, caplog: pytest.LogCaptureFixture
) -> None:
    """A notice has no blocks to fall back from, and its loss was only on record; the bot now posts it to the
    asker's DM itself (``bot.slack.late``), with a warning."""
    payload = slash_payload(stub, "/ask", "   ")
    stub.expired.add(payload["response_url"].rsplit("/", 1)[-1])
    with caplog.at_level(logging.WARNING):
        await slash(seed_app, payload)
        [told] = await posts_in(stub, "chat.postMessage")
    assert told["channel"] == "UASKER" and "Please ask a question" in told["text"]
    assert stub.rejected == [("response_url", "expired_url", [])]
    assert any("404" in r.getMessage() and "Please ask a question" in r.getMessage() for r in caplog.records)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    stub.rejected.clear()  # expected here; the fixture fails a test for any other refusal


async def test_a_rate_limited_reply_is_sent_after_the_wait_with_its_blocks(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp, caplog: pytest.LogCaptureFixture
) -> None:
    """Bolt's respond() does not retry a 429: the answer was resent as plain text into the same limit (and
    refused again when the limit held). It waits Retry-After and goes again once, blocks and all."""
    stub.rate_limited["response_url"] = 1
    payload = slash_payload(stub, "/ask", "how many accounts were ordered blocked?")
    await slash(seed_app, payload)
    reply = await reply_to(stub, payload)
    assert "blocks" in reply and "257" in shown_text(reply) and len(stub.responses) == 1
    assert stub.rejected == [("response_url", "ratelimited", [])]
    stub.rejected.clear()  # the 429, on purpose
    stub.rate_limited["response_url"], stub.retry_after = 1, 60  # too long a wait: no retry, and no plain text
    with caplog.at_level(logging.ERROR, logger="bot.slack"):
        await slash(seed_app, slash_payload(stub, "/ask", "how many accounts were ordered blocked?"))
        await stub.wait_for(lambda: bool(stub.rejected))
        await settled(seed_core)  # the command handled to its end: a retry or plain text would have gone
    assert "HTTP 429" in caplog.text and "sending plain text" not in caplog.text and len(stub.responses) == 1
    assert stub.rejected == [("response_url", "ratelimited", [])]
    stub.rejected.clear()


async def test_unexpected_error_is_logged_and_apologised_for(
    stub: StubSlack, seed_app: AsyncApp, seed_core: CommandCore, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(question: str | None, actor: Actor | None = None, conversation: str | None = None,
                     **more: Any) -> Answer | Notice:
        raise RuntimeError("internal detail /srv/secret/path")

    monkeypatch.setattr(seed_core, "ask", broken)
    payload = slash_payload(stub, "/ask", "anything?")
    with caplog.at_level(logging.ERROR, logger="bot.slack"):
        await slash(seed_app, payload)
        reply = await reply_to(stub, payload)
    assert reply["response_type"] == "ephemeral" and reply["text"].startswith(APOLOGY)
    assert "internal detail" in caplog.text and "internal detail" not in shown_text(reply)


async def test_a_handle_ending_in_bot_stays_in_the_question(stub: StubSlack, seed_app: AsyncApp) -> None:
    """Any "@…bot" was dropped from a question as if it were this bot; only <@UBOT> (and "@bot") is."""
    payload = slash_payload(stub, "/ask", f"<@{BOT_USER_ID}> what did @kooindiabot say about the blocking order?")
    await slash(seed_app, payload)
    shown = shown_text(await reply_to(stub, payload))
    assert "what did @kooindiabot say about the blocking order?" in shown and BOT_USER_ID not in shown


async def failing(*args: object, **kwargs: object) -> None:
    raise RuntimeError("an error the core did not catch")


async def test_an_unexpected_error_gives_the_question_or_topic_back_to_copy(
    stub: StubSlack, seed_app: AsyncApp, seed_core: CommandCore, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As on Discord: the bare apology lost /ask's or /timeline's text, which the core's refusals give back."""
    for command in ("ask", "timeline"):
        monkeypatch.setattr(seed_core, command, failing)
        typed = f"why did twitter block <@{BOT_USER_ID}> & the accounts ({command})"
        payload = slash_payload(stub, f"/{command}", typed)
        await slash(seed_app, payload)
        reply = await reply_to(stub, payload)
        assert reply["response_type"] == "ephemeral" and reply["text"].startswith(APOLOGY)
        shown = f"why did twitter block @{BOT_USER_ID} &amp; the accounts ({command})"  # pinging nobody
        assert reply["text"].endswith(f"What you typed, to copy:\n```\n{shown}\n```")
    payload = slash_payload(stub, "/timeline", "")
    await slash(seed_app, payload)
    assert (await reply_to(stub, payload))["text"] == APOLOGY  # no topic: nothing to give back


async def test_oversized_replies_are_refused_by_the_stub_and_fall_back_to_text(
    stub: StubSlack, seed_app: AsyncApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    too_big = SlackMessage("plain fallback", [{"type": "divider"}] * 51)
    for module in ("bot.slack.commands", "bot.slack.handlers"):  # slash commands, then events
        monkeypatch.setattr(f"{module}.render", lambda result, show_question=True: too_big)
    question = "how many accounts were ordered blocked?"
    await slash(seed_app, slash_payload(stub, "/ask", question))
    await stub.wait_for(lambda: len(stub.responses) == 2)
    assert [("blocks" in r, r["text"]) for r in stub.responses] == [(True, "plain fallback"), (False, "plain fallback")]
    await send_event(seed_app, message_event(question, channel="D1", channel_type="im"))
    posts = await posts_in(stub, "chat.postMessage", 2)
    assert [("blocks" in p, p["text"]) for p in posts] == [(True, "plain fallback"), (False, "plain fallback")]
    assert [(where, error) for where, error, _ in stub.rejected] == [("response_url", "invalid_blocks"),
                                                                      ("chat.postMessage", "invalid_blocks")]
    stub.rejected.clear()  # expected here; any other test leaving a refusal fails


async def test_an_answer_resent_as_plain_text_still_shows_no_link_previews(
    stub: StubSlack, seed_app: AsyncApp, seed_core: CommandCore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plain-text resend of refused blocks names each article by its address; a slash command's went
    without unfurl_links/unfurl_media, so Slack previewed the articles under an answer meant to show none."""
    from bot.slack.render import render as real_render

    def refused_blocks(result: Result, show_question: bool = True) -> SlackMessage:
        return replace(real_render(result, show_question), blocks=[{"type": "divider"}] * 51)

    for module in ("bot.slack.commands", "bot.slack.handlers"):  # slash commands, then events
        monkeypatch.setattr(f"{module}.render", refused_blocks)
    quote = "Meanwhile, the government has decided to promote homegrown Twitter-like app Koo."
    answer = Answer("Which app?", quote, True, [Citation(
        "d1", "Government to promote Koo", "2021-02-10", "https://www.example.com/india-news/koo-101613040000000.html",
        quote, 0, len(quote), 1.0)])
    monkeypatch.setattr(seed_core, "ask", returning(answer))
    await slash(seed_app, slash_payload(stub, "/ask", "Which app?"))
    await stub.wait_for(lambda: len(stub.responses) == 2)
    await send_event(seed_app, message_event("<@UBOT> Which app?", kind="app_mention"))
    resent = [stub.responses[1], (await posts_in(stub, "chat.postMessage", 2))[1]]
    assert all("blocks" not in m and "https://www.example.com/" in m["text"] for m in resent)
    assert [(m.get("unfurl_links"), m.get("unfurl_media")) for m in resent] == [(False, False)] * 2
    assert stub.unfurled == []
    stub.rejected.clear()  # the refused blocks, on purpose
