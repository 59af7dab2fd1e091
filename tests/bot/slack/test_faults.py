"""Bad requests, retries and floods over Slack: never a 5xx, each event answered once, a flood costs little."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio
from prometheus_client import REGISTRY
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from bot.slack.app import EVENTS_PATH, start_http
from tests.bot.conftest import CoreFactory
from tests.bot.slack.slack_requests import (
    FORM,
    JSON,
    SIGNING_SECRET,
    dispatch,
    event_payload,
    form_body,
    message_event,
    posts_in,
    reply_to,
    send_event,
    settled,
    shown_text,
    signed_bytes_headers,
    signed_headers,
    slash_payload,
)
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTION = "how many accounts were ordered blocked?"


@pytest_asyncio.fixture(loop_scope="function")
async def events_url(seed_app: AsyncApp, seed_core: CommandCore) -> AsyncIterator[str]:
    runner = await start_http(seed_app, SIGNING_SECRET, host="127.0.0.1", port=0, core=seed_core)
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


def _timestamp_headers(body: str) -> dict[str, str]:
    headers = signed_headers(body, FORM)
    headers["x-slack-request-timestamp"] = "yesterday"
    return headers


BAD_REQUESTS = {
    "non-numeric timestamp": lambda body: (body.encode(), _timestamp_headers(body)),
    "signed non-JSON body": lambda body: (b"{not json", signed_bytes_headers(b"{not json", JSON)),
    "signed non-UTF-8 body": lambda body: (b"\xff\xfe{}", signed_bytes_headers(b"\xff\xfe{}", JSON)),
    "signed JSON that is not an object": lambda body: (b"[1, 2]", signed_bytes_headers(b"[1, 2]", JSON)),
    "signed form payload that is not JSON": lambda body: (b"payload=%7Bx", signed_bytes_headers(b"payload=%7Bx", FORM)),
}


@pytest.mark.parametrize("build", BAD_REQUESTS.values(), ids=BAD_REQUESTS.keys())
async def test_bad_requests_get_4xx_and_one_warning(
    stub: StubSlack, events_url: str, caplog: pytest.LogCaptureFixture, build: Callable[[str], tuple]
) -> None:
    body, headers = build(form_body(slash_payload(stub, "/ask", QUESTION)))
    with caplog.at_level(logging.DEBUG):
        async with aiohttp.ClientSession() as http, http.post(events_url + EVENTS_PATH, data=body,
                                                              headers=headers) as response:
            status = response.status
    assert status in (400, 401)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING, [r.getMessage() for r in warnings]
    assert not stub.responses and not stub.posted("chat.postMessage")


async def test_the_same_port_serves_health_and_metrics(stub: StubSlack, events_url: str,
                                                       seed_core: CommandCore) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(events_url + "/healthz") as response:
            assert response.status == 200 and (await response.json())["alive"] is True
        async with http.get(events_url + "/readyz") as response:
            assert response.status == 503 and (await response.json())["ready"] is False  # not warm yet
        await seed_core.warm_up()
        async with http.get(events_url + "/readyz") as response:
            assert response.status == 200 and (await response.json())["ready"] is True
        payload = slash_payload(stub, "/ask", QUESTION)
        body = form_body(payload)
        async with http.post(events_url + EVENTS_PATH, data=body, headers=signed_headers(body, FORM)) as response:
            assert response.status == 200
        await reply_to(stub, payload)
        async with http.get(events_url + "/metrics") as response:
            assert response.status == 200 and response.content_type == "text/plain"
            text = await response.text()
    names = ("questions_total", "question_seconds_bucket", "questions_in_flight", "rate_limited_total",
             "builds_total", "build_seconds", "index_articles", "index_chunks", "errors_total", "ready",
             "duplicate_events_total")
    for name in (f"dispute_bot_{n}" for n in names):
        assert name in text, name
    assert 'dispute_bot_questions_total{command="ask",outcome="answered",platform="slack"}' in text
    assert "dispute_bot_index_articles 4.0" in text


def duplicates() -> float:
    return REGISTRY.get_sample_value("dispute_bot_duplicate_events_total", {"platform": "slack"}) or 0.0


async def test_a_retried_event_is_answered_once(stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp) -> None:
    before = duplicates()
    mention = message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="700.1")
    payload = json.dumps(event_payload(mention))
    assert (await dispatch(seed_app, payload, JSON)).status == 200
    await posts_in(stub, "chat.postMessage")
    retry = {"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}
    assert (await dispatch(seed_app, payload, JSON, extra_headers=retry)).status == 200
    # The same post delivered again under another event id (as message.channels) is a duplicate too.
    again = dict(json.loads(payload), event_id="EvOther")
    assert (await dispatch(seed_app, json.dumps(again), JSON, extra_headers=retry)).status == 200
    # A retry whose first delivery never arrived is the first this bot sees of it: it is answered.
    lost = message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="700.2")
    assert (await dispatch(seed_app, json.dumps(event_payload(lost)), JSON, extra_headers=retry)).status == 200
    await posts_in(stub, "chat.postMessage", 2)
    await settled(seed_core)  # all four handled: a second answer to 700.1 would be out by now
    assert [p["thread_ts"] for p in stub.posted("chat.postMessage")] == ["700.1", "700.2"]
    assert duplicates() - before == 1, "the retry was recognised by its event id, before any listener ran"


async def test_a_flood_of_mentions_gets_three_answers_and_one_slow_down(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp], seed_index_dir: Path
) -> None:
    core = make_core(seed_index_dir, Path("/nonexistent-corpus"), rate_limit_per_minute=5, rate_limit_burst=3)
    app = make_app(core)
    started = time.monotonic()
    for n in range(30):
        event = message_event(f"<@{BOT_USER_ID}> <!channel> {QUESTION}", kind="app_mention", ts=f"800.{n:03d}")
        assert (await send_event(app, event)).status == 200
    assert time.monotonic() - started < 2.0
    await posts_in(stub, "chat.postMessage", 3)
    await posts_in(stub, "chat.postEphemeral", 1)
    await settled(core)  # all 30 handled: anything more would be out by now
    answers, notices = stub.posted("chat.postMessage"), stub.posted("chat.postEphemeral")
    assert len(answers) + len(notices) <= 12
    assert len(answers) == 3 and len(notices) == 1
    assert all("257" in shown_text(a) and "1,178" in shown_text(a) for a in answers)
    assert notices[0]["text"].startswith("Slow down") and notices[0]["user"] == "UASKER"


async def test_an_answer_slack_rate_limits_is_sent_after_retry_after(stub: StubSlack, seed_app: AsyncApp) -> None:
    """Past about one message a second in a channel Slack answers 429 with Retry-After; the answer was lost
    and the asker told something went wrong."""
    stub.rate_limited["chat.postMessage"] = 1
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> how many accounts were ordered blocked?",
                                             kind="app_mention", ts="900.1"))
    answers = await posts_in(stub, "chat.postMessage", count=2)
    assert ("chat.postMessage", "ratelimited", []) in stub.rejected
    assert "257" in shown_text(answers[-1]) and stub.posted("chat.postEphemeral") == []
    stub.rejected.clear()  # seen: the refusal this test is about


async def test_a_timeline_too_long_for_one_posted_message_arrives_as_text(stub: StubSlack, seed_app: AsyncApp) -> None:
    """Slack refuses a posted message whose blocks hold over about 12,000 characters of text in all, though
    each block is within its own limit (msg_blocks_too_long): "what happened?" got only an apology once the
    articles gave a long timeline. The seed timeline is shorter, so the fake's limit is lowered here."""
    stub.block_text_limit = 1_000
    await send_event(seed_app, message_event("what happened?", channel="D1", channel_type="im", ts="300.1"))
    posts = await posts_in(stub, "chat.postMessage", count=2)
    assert stub.rejected and stub.rejected[0][:2] == ("chat.postMessage", "msg_blocks_too_long")
    assert "blocks" not in posts[-1] and "2021" in posts[-1]["text"] and stub.posted("chat.postEphemeral") == []
    stub.rejected.clear()
