"""The threads the bot follows (``bot.slack.followed``), through Bolt's real dispatcher against the stub Slack:
a reply is recorded after it is sent, once, in the one durable set there is."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from bot.shared_state import SharedState
from bot.store.shared import SharedStore
from tests.bot.conftest import CoreFactory, HistoryFactory
from tests.bot.slack.slack_requests import message_event, posts_in, send_event, shown_text
from tests.bot.slack.stub_slack import StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")
NOWHERE = Path("/nonexistent-corpus")
FIRST, FOLLOW_UP = "<@UBOT> what happened on feb 10", "how many accounts were ordered blocked?"


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for what happens after the stub's last request (the stub's own wait wakes on requests only)."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


async def test_the_reply_does_not_wait_for_the_record_that_it_was_sent(
        stub: StubSlack, history_core: CommandCore,
        make_app: Callable[[CommandCore], AsyncApp], monkeypatch: pytest.MonkeyPatch) -> None:
    """The store write that keeps a thread followed after a restart was awaited before the reply was posted: a
    slow database delayed every answer in a channel. It now comes after, and is still made."""
    gate, done = asyncio.Event(), asyncio.Event()
    recorded: list[str] = []

    async def slow(conversation: str) -> None:
        await gate.wait()
        recorded.append(conversation)
        done.set()

    monkeypatch.setattr(history_core, "replied_in", slow)
    first = message_event(FIRST, kind="app_mention")
    await send_event(make_app(history_core), first)
    [timeline] = await posts_in(stub, "chat.postMessage", 1)  # posted while the write still waits
    assert "2021-02-10" in shown_text(timeline) and recorded == []
    gate.set()
    await asyncio.wait_for(done.wait(), 10)
    assert recorded == [f"slack:thread:{first['channel']}:{first['ts']}"]


async def test_a_failed_record_is_logged_and_the_reply_stands(
        stub: StubSlack, history_core: CommandCore,
        make_app: Callable[[CommandCore], AsyncApp], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    async def failing(conversation: str) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(history_core, "replied_in", failing)
    app = make_app(history_core)
    first = message_event(FIRST, kind="app_mention")
    with caplog.at_level(logging.ERROR, logger="bot.slack"):
        await send_event(app, first)
        await posts_in(stub, "chat.postMessage", 1)
        await until(lambda: "could not record the reply" in caplog.text)
    await send_event(app, message_event(FOLLOW_UP, thread_ts=first["ts"]))  # followed in this process all the same
    second = (await posts_in(stub, "chat.postMessage", 2))[1]
    assert second["thread_ts"] == first["ts"] and "257" in shown_text(second)
    assert not stub.posted("chat.postEphemeral"), "no apology under a reply that was sent"


async def test_with_shared_state_a_reply_is_recorded_once_and_followed_after_a_restart(
        stub: StubSlack, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
        make_app: Callable[[CommandCore], AsyncApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Shared state keeps the threads the bot answered in (``answered_threads``), for every replica and after a
    restart; the store's ``replied_conversations`` was written for each reply as well."""
    url = f"sqlite:///{tmp_path / 'bot.db'}"

    def started() -> tuple[CommandCore, list[str]]:
        history, written = make_history(), []
        assert history.store is not None
        monkeypatch.setattr(history.store, "mark_replied", written.append)
        shared = SharedState(SharedStore(url))
        return make_core(seed_index_dir, NOWHERE, history=history, shared=shared), written

    running, written = started()
    first = message_event(FIRST, kind="app_mention")
    await send_event(make_app(running), first)
    await posts_in(stub, "chat.postMessage", 1)
    assert await running.in_flight.drain(5)  # as a restart does: what was being sent finishes
    after, _ = started()  # the same store, restarted
    await send_event(make_app(after), message_event(FOLLOW_UP, thread_ts=first["ts"]))
    second = (await posts_in(stub, "chat.postMessage", 2))[1]
    assert second["thread_ts"] == first["ts"] and "257" in shown_text(second)
    assert written == [], "one record of the reply, in the shared set"


@pytest.mark.parametrize("refusal", ["read_only", "deleted"])
async def test_a_reply_slack_refused_leaves_its_thread_unfollowed(
        stub: StubSlack, history_core: CommandCore, history_app: AsyncApp, refusal: str) -> None:
    """The thread was followed as the reply was sent, whatever became of the post: in an announcement-only
    channel (``restricted_action``), or under a question deleted meanwhile, nobody saw a reply, yet the next
    message in that thread was read as a question without a mention, here and (in the store) after a restart."""
    first = message_event(FIRST, kind="app_mention", channel="C7")
    if refusal == "read_only":
        stub.read_only.add("C7")
    else:
        stub.deleted.add(first["ts"])
    await send_event(history_app, first)
    await posts_in(stub, "chat.postMessage", 1)
    assert await history_core.in_flight.drain(5)
    stub.read_only.clear()
    stub.deleted.clear()
    await send_event(history_app, message_event("what did they say about it", channel="C7", thread_ts=first["ts"]))
    assert await history_core.in_flight.drain(5)
    in_channel = [m for m in stub.posted("chat.postMessage") if m["channel"] == "C7"]  # not the asker's DM
    assert len(in_channel) == 1, "a message nobody addressed to the bot was answered"
    assert await history_core.answered_in(f"slack:thread:C7:{first['ts']}") is False


@pytest.mark.parametrize("before, after", [("store", "memory"), ("memory", "store")])
async def test_switching_shared_state_loses_no_followed_thread(
        stub: StubSlack, make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory,
        make_app: Callable[[CommandCore], AsyncApp], tmp_path: Path, before: str, after: str) -> None:
    """A thread whose only reply was a timeline (stored as no answer) was followed after a restart only by the
    record of the SHARED_STATE it was answered under: turned from on to off, the follow-up there went
    unanswered without a word (``answered_threads`` was never read again)."""
    url = f"sqlite:///{tmp_path / 'bot.db'}"

    def started(mode: str) -> CommandCore:
        shared = SharedState(SharedStore(url)) if mode == "store" else SharedState()
        return make_core(seed_index_dir, NOWHERE, history=make_history(), shared=shared)

    running = started(before)
    first = message_event(FIRST, kind="app_mention")
    await send_event(make_app(running), first)
    await posts_in(stub, "chat.postMessage", 1)
    assert await running.in_flight.drain(5)
    restarted = started(after)
    await send_event(make_app(restarted), message_event(FOLLOW_UP, thread_ts=first["ts"]))
    second = (await posts_in(stub, "chat.postMessage", 2))[1]
    assert second["thread_ts"] == first["ts"] and "257" in shown_text(second)
