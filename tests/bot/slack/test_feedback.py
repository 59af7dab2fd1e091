"""Feedback buttons as signed ``block_actions`` requests through Bolt, follow-ups in threads, and /report."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from bot.store_breaker import STORE_RETRY_AFTER, Breaker
from tests.bot.conftest import CoreFactory, HistoryFactory
from tests.bot.fake_clock import FakeClock
from tests.bot.slack.conftest import BECOME_LISTED
from tests.bot.slack.slack_requests import (
    block_action,
    click,
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
NOWHERE = Path("/nonexistent-corpus")


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in message.get("blocks") or [] if b["type"] == "actions" for e in b["elements"]]


async def response(stub: StubSlack, payload: dict[str, Any]) -> dict[str, Any]:
    key = payload["response_url"].rsplit("/", 1)[1]
    await stub.wait_for(lambda: any(r["_key"] == key for r in stub.responses))
    return next(r for r in stub.responses if r["_key"] == key)


async def test_votes_are_acked_first_and_answered_only_to_the_clicker(stub: StubSlack, history_app: AsyncApp) -> None:
    asked = slash_payload(stub, "/ask", "What app is the government promoting as an alternative to Twitter?")
    await slash(history_app, asked)
    answer = await reply_to(stub, asked)
    up, down = buttons(answer)
    assert (up["action_id"], down["action_id"]) == ("feedback_up", "feedback_down") and up["value"] == down["value"]

    started = time.monotonic()
    thanks_click = block_action(stub, "feedback_up", up["value"])
    ack = await click(history_app, thanks_click)
    assert ack.status == 200 and time.monotonic() - started < 3.0
    thanks = await response(stub, thanks_click)
    assert thanks["response_type"] == "ephemeral" and thanks["replace_original"] is False
    assert thanks["text"].startswith("Thanks")

    change = block_action(stub, "feedback_down", down["value"])
    assert (await click(history_app, change)).status == 200
    changed = await response(stub, change)
    assert changed["response_type"] == "ephemeral" and "changed" in changed["text"]
    assert "next-best passages" in shown_text(changed) and "*[1]*" in shown_text(changed)

    forged = block_action(stub, "feedback_up", up["value"])
    assert (await click(history_app, forged, secret="wrong-secret")).status == 401  # unsigned clicks are refused
    assert not any(r["_key"] == forged["response_url"].rsplit("/", 1)[1] for r in stub.responses)


async def test_follow_up_in_a_thread_is_expanded_and_says_so(stub: StubSlack, history_app: AsyncApp) -> None:
    first = message_event("<@UBOT> Who is Ajay Prakash Sawhney?", kind="app_mention")
    await send_event(history_app, first)
    await posts_in(stub, "chat.postMessage", 1)
    follow = message_event("and when is he expected to meet Twitter?", thread_ts=first["ts"])
    await send_event(history_app, follow)
    second = (await posts_in(stub, "chat.postMessage", 2))[1]
    assert "Searched for:" in shown_text(second) and "Sawhney" in shown_text(second)
    assert buttons(second)


Mentioned = Callable[[str], Awaitable[tuple[dict[str, Any], dict[str, Any]]]]


@pytest.fixture
def before_a_restart(stub: StubSlack, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
                     make_app: Callable[[CommandCore], AsyncApp]) -> Mentioned:
    """``await before_a_restart(text)``: a bot with a stored history is mentioned with ``text``, replies in the
    thread, and stops as a restart stops it; ``(the mention, the reply)``. The test starts the next bot."""
    async def mentioned(text: str) -> tuple[dict[str, Any], dict[str, Any]]:
        running = make_core(seed_index_dir, NOWHERE, history=make_history())
        first = message_event(f"<@UBOT> {text}", kind="app_mention")
        await send_event(make_app(running), first)
        [reply] = await posts_in(stub, "chat.postMessage", 1)
        assert await running.in_flight.drain(5)  # as a restart does: what was being sent finishes
        return first, reply
    return mentioned


async def test_follow_ups_in_a_thread_answered_before_a_restart_are_still_answered(
        stub: StubSlack, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
        make_app: Callable[[CommandCore], AsyncApp], before_a_restart: Mentioned) -> None:
    """The threads the bot follows were kept in the adapter's memory (without shared state, the default on
    SQLite): after a restart a follow-up there, with no mention, went unanswered without a word."""
    first, _ = await before_a_restart("Who is Ajay Prakash Sawhney?")
    restarted = make_core(seed_index_dir, NOWHERE, history=make_history())  # the same store, restarted
    after = make_app(restarted)
    await send_event(after, message_event("and how many accounts were ordered blocked?", thread_ts=first["ts"]))
    await send_event(after, message_event("lunch, anyone?", thread_ts="123.4"))  # a thread it never answered in
    second = (await posts_in(stub, "chat.postMessage", 2))[1]
    assert second["thread_ts"] == first["ts"] and "257" in shown_text(second)
    await settled(restarted)  # both handled: an answer to the lunch message would be out by now
    assert len(stub.posted("chat.postMessage")) == 2


async def test_a_thread_whose_only_reply_was_a_timeline_is_still_followed_after_a_restart(
        stub: StubSlack, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
        make_app: Callable[[CommandCore], AsyncApp], before_a_restart: Mentioned) -> None:
    """A timeline reply starts a conversation, but is stored as no answer: after a restart the check of the
    stored answers found none in its thread, and a follow-up there, with no mention, went unanswered."""
    first, timeline = await before_a_restart("what happened on feb 10")
    assert timeline["thread_ts"] == first["ts"] and "2021-02-10" in shown_text(timeline), shown_text(timeline)
    after = make_app(make_core(seed_index_dir, NOWHERE, history=make_history()))  # the same store, restarted
    await send_event(after, message_event("how many accounts were ordered blocked?", thread_ts=first["ts"]))
    second = (await posts_in(stub, "chat.postMessage", 2))[1]
    assert second["thread_ts"] == first["ts"] and "257" in shown_text(second)


async def test_a_store_that_fails_once_does_not_leave_a_thread_unfollowed_for_good(
        stub: StubSlack, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
        make_app: Callable[[CommandCore], AsyncApp], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture, before_a_restart: Mentioned) -> None:
    """After a restart, a follow-up arriving while the database could not be reached was taken as one in a
    thread the bot never answered in, and the thread was remembered so: once the database was back, every
    follow-up there still went unanswered, and each failure logged a traceback."""
    import sqlalchemy as sa

    first, _ = await before_a_restart("Who is Ajay Prakash Sawhney?")
    history = make_history()
    after = make_app(make_core(seed_index_dir, NOWHERE, history=history))  # the same store, restarted
    assert history.store is not None
    read = history.store.answered_in
    failures = iter([sa.exc.OperationalError("SELECT", {}, Exception("connection refused"))])

    def flaky(conversation: str, since: Any) -> bool:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return read(conversation, since)

    monkeypatch.setattr(history.store, "answered_in", flaky)
    clock = FakeClock()
    history.breaker = Breaker(clock.time)
    await send_event(after, message_event("and when is he expected to meet Twitter?", thread_ts=first["ts"]))
    for _ in range(400):  # the failure is logged, and the store left alone for STORE_RETRY_AFTER from then
        if any("replies" in r.getMessage() for r in caplog.records):
            break
        await asyncio.sleep(0.05)
    clock.advance(STORE_RETRY_AFTER + 1)
    await send_event(after, message_event("and how many accounts were ordered blocked?", thread_ts=first["ts"]))
    second = (await posts_in(stub, "chat.postMessage", 2))[1]
    assert second["thread_ts"] == first["ts"] and "257" in shown_text(second)
    [failed] = [r for r in caplog.records if "replies" in r.getMessage() and r.levelno >= logging.ERROR]
    assert "connection refused" in failed.getMessage() and failed.exc_info is None


async def test_report_is_for_moderators_only(stub: StubSlack, history_app: AsyncApp) -> None:
    asked = slash_payload(stub, "/ask", "What is the capital of France?")
    await slash(history_app, asked)
    await reply_to(stub, asked)
    elsewhere = {**slash_payload(stub, "/ask", "Who won Wimbledon in 2019?", user="UELSEWHERE"), "team_id": "T0OTHER"}
    await slash(history_app, elsewhere)  # another workspace's question is not this workspace's moderators' to read
    await reply_to(stub, elsewhere)
    refused = slash_payload(stub, "/report", user="UASKER")
    await slash(history_app, refused)
    said = (await reply_to(stub, refused))["text"]
    assert said == f"Only moderators can see the knowledge-gap report. {BECOME_LISTED}"
    report = slash_payload(stub, "/report", "7d", user="UMOD")
    await slash(history_app, report)
    shown = await reply_to(stub, report, timeout=60)
    assert shown["response_type"] == "ephemeral"
    assert "answer rate 0%" in shown_text(shown) and "capital of France" in shown_text(shown)
    assert "Questions: 1;" in shown_text(shown) and "Wimbledon" not in shown_text(shown)


async def test_report_stays_in_its_workspace_when_users_info_fails(stub: StubSlack, history_app: AsyncApp) -> None:
    """Without users:read (or when users.info is rate limited) the moderator had no workspace, and the
    report covered every workspace the bot serves."""
    asked = slash_payload(stub, "/ask", "What is the capital of France?")
    await slash(history_app, asked)
    await reply_to(stub, asked)
    elsewhere = {**slash_payload(stub, "/ask", "Who won Wimbledon in 2019?", user="UELSEWHERE"), "team_id": "T0OTHER"}
    await slash(history_app, elsewhere)
    await reply_to(stub, elsewhere)
    stub.scopes.discard("users:read")
    report = slash_payload(stub, "/report", "7d", user="UMOD")
    await slash(history_app, report)
    shown = shown_text(await reply_to(stub, report, timeout=60))
    assert "capital of France" in shown and "Wimbledon" not in shown


async def test_a_slack_connect_question_counts_for_the_workspace_it_was_asked_in(
        stub: StubSlack, history_app: AsyncApp) -> None:
    """In a channel shared with another organisation the event carries the asker's own team; the question
    belongs to the workspace the event was delivered for, whose moderators see it in /report."""
    await send_event(history_app, message_event(f"<@{BOT_USER_ID}> What is the capital of France?",
                                                kind="app_mention", user="UGUEST", team="T0EXTERNAL", ts="700.1"))
    await posts_in(stub, "chat.postMessage")
    report = slash_payload(stub, "/report", "7d", user="UMOD")
    await slash(history_app, report)
    assert "capital of France" in shown_text(await reply_to(stub, report, timeout=60))


async def test_clicks_past_the_vote_budget_are_each_acked_and_told_to_slow_down(
    stub: StubSlack, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
    make_app: Callable[[CommandCore], AsyncApp]
) -> None:
    """A user clicking 👍/👎 over and over wrote a vote per click. Past the budget a click is still acked at
    once and answered, privately, with a slow down."""
    core = make_core(seed_index_dir, NOWHERE, history=make_history(), vote_limit_per_minute=6, vote_limit_burst=2)
    app = make_app(core)
    asked = slash_payload(stub, "/ask", "What app is the government promoting as an alternative to Twitter?")
    await slash(app, asked)
    up, _ = buttons(await reply_to(stub, asked))  # both carry the answer id
    texts = []
    for n in range(5):
        started = time.monotonic()
        clicked = block_action(stub, "feedback_up" if n % 2 else "feedback_down", up["value"])
        assert (await click(app, clicked)).status == 200 and time.monotonic() - started < 3.0
        shown = await response(stub, clicked)
        assert shown["response_type"] == "ephemeral"
        texts.append(shown["text"])
    assert [t.startswith("Slow down") for t in texts] == [False, False, True, True, True]


async def test_a_vote_whose_reply_slack_refuses_is_logged(
        stub: StubSlack, history_app: AsyncApp, caplog: pytest.LogCaptureFixture) -> None:
    """``respond()`` returns Slack's refusal rather than raising it: the thanks for a click on an answer older
    than the response_url's 30 minutes (404) was lost without a line in the log, as a slash command's is not. (A
    warning now: a thanks alone is dropped, as tests/bot/slack/test_late.py checks.)"""
    asked = slash_payload(stub, "/ask", "What app is the government promoting as an alternative to Twitter?")
    await slash(history_app, asked)
    up, _ = buttons(await reply_to(stub, asked))
    late = block_action(stub, "feedback_up", up["value"])
    late_key = late["response_url"].rsplit("/", 1)[1]
    stub.expired.add(late_key)
    with caplog.at_level(logging.WARNING, logger="bot.slack"):
        assert (await click(history_app, late)).status == 200
        for _ in range(500):  # the log line follows Slack's answers (the blocks, then plain text)
            if any("Thanks" in r.getMessage() for r in caplog.records):
                break
            await asyncio.sleep(0.02)
    # One request to the spent address: the plain-text resend is for refused blocks, not for a URL that is gone.
    assert stub.rejected == [("response_url", "expired_url", [])] and stub.responses[-1]["_key"] != late_key
    assert any("HTTP 404" in r.getMessage() and "Thanks" in r.getMessage() for r in caplog.records)
    stub.rejected.clear()  # expected here; the fixture fails a test for any other refusal
