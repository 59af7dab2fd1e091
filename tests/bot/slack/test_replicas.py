"""Two real ``dispute-bot run --platform slack --http`` replicas on one PostgreSQL database (``make
test-postgres``): a retried event is answered once whichever replica it reaches, a follow-up in the bot's
thread is understood by the other replica, and a user's rate limit holds across both."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.bot.shared_db import drop_tables, needs_postgres
from tests.bot.slack.slack_requests import (
    JSON,
    SIGNING_SECRET,
    event_payload,
    message_event,
    shown_text,
    signed_headers,
)
from tests.bot.slack.stub_slack import BOT_TOKEN, BOT_USER_ID, StubSlack
from tests.bot.slack.test_shutdown import _wait_ready
from tests.loopback import free_port

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTION = "how many accounts were ordered blocked?"
Replica = tuple[subprocess.Popen[bytes], str, Path]


@contextlib.contextmanager
def replicas(n: int, env: dict[str, str], tmp_path: Path) -> Iterator[list[Replica]]:
    """``n`` bot processes with ``env``; yields ``(process, base URL, log file)`` each; stops them all after."""
    started: list[Replica] = []
    try:
        for i in range(n):
            port = free_port()
            log = tmp_path / f"replica{i}.log"
            with log.open("wb") as out:
                child = subprocess.Popen(
                    [sys.executable, "-m", "bot", "run", "--platform", "slack", "--http", "--host", "127.0.0.1",
                     "--port", str(port)], cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
            started.append((child, f"http://127.0.0.1:{port}", log))
        yield started
    finally:
        for child, _, _ in started:
            child.terminate()
        for child, _, _ in started:
            try:
                child.wait(20)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


async def deliver(http: aiohttp.ClientSession, base: str, payload: dict[str, Any], retry: int = 0) -> int:
    body = json.dumps(payload)
    headers = signed_headers(body, JSON)
    if retry:
        headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
    async with http.post(base + "/slack/events", data=body, headers=headers) as response:
        return response.status


def replies(stub: StubSlack, method: str, channel: str) -> list[dict[str, Any]]:
    return [p for p in stub.posted(method) if p.get("channel") == channel]


async def test_a_retry_to_the_other_replica_is_answered_once_and_the_rate_limit_is_shared(
    stub: StubSlack, built_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    url = needs_postgres()
    drop_tables(url)
    corpus, index_dir = built_copy
    stub.users["UFLOOD"] = {"id": "UFLOOD", "name": "flooder"}
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": stub.api_url, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index_dir),
           "DATABASE_URL": url, "FEEDBACK_HMAC_KEY": "replica-test-key", "SHARED_STATE": "auto",
           "RATE_LIMIT_PER_MINUTE": "1", "RATE_LIMIT_BURST": "2", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    try:
        with replicas(2, env, tmp_path) as started:
            (_, a, log_a), (_, b, log_b) = started
            async with aiohttp.ClientSession() as http:
                await asyncio.gather(*(_wait_ready(http, base, child, log) for child, base, log in started))

                # One mention, delivered to replica A and at the same moment retried to replica B.
                mention = event_payload(message_event(f"<@{BOT_USER_ID}> Who is Ajay Prakash Sawhney?",
                                                      kind="app_mention", channel="C1", ts="300.1"))
                assert await asyncio.gather(deliver(http, a, mention), deliver(http, b, mention, retry=1)) == [200, 200]
                await stub.wait_for(lambda: len(replies(stub, "chat.postMessage", "C1")) >= 1)
                answer = replies(stub, "chat.postMessage", "C1")[0]  # the only one: checked once both stopped
                assert answer["thread_ts"] == "300.1" and "Sawhney" in shown_text(answer)
                dropped = [log.read_text().count(f"event {mention['event_id']} was already handled")
                           for log in (log_a, log_b)]
                assert sorted(dropped) == [0, 1], "the delivery that lost the claim was acknowledged, not answered"

                # A follow-up in that thread, without a mention, reaches the replica that did not answer:
                # it knows the bot's thread and the earlier turn from the store.
                other = (a, b)[dropped.index(1)]
                follow = event_payload(message_event("and when is he expected to meet Twitter?", channel="C1",
                                                     thread_ts="300.1", ts="300.2"))
                assert await deliver(http, other, follow) == 200
                await stub.wait_for(lambda: len(replies(stub, "chat.postMessage", "C1")) >= 2)
                second = replies(stub, "chat.postMessage", "C1")[1]
                assert second["thread_ts"] == "300.1"
                assert "Searched for:" in shown_text(second) and "Sawhney" in shown_text(second)

                # One user floods both replicas in turn: burst 2, one notice, the rest dropped silently.
                for n in range(8):
                    flood = event_payload(message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention",
                                                        user="UFLOOD", channel="C2", ts=f"400.{n}"))
                    assert await deliver(http, (a, b)[n % 2], flood) == 200
                await stub.wait_for(lambda: len(replies(stub, "chat.postMessage", "C2"))
                                    + len(replies(stub, "chat.postEphemeral", "C2")) >= 3)
        # Both replicas stopped: a stopping bot finishes what it acknowledged (``serve_until_stopped``), so an
        # answer that must not come would be here now. A fixed wait while they ran only guessed.
        assert len(replies(stub, "chat.postMessage", "C1")) == 2, "the retried mention once, then the follow-up"
        answered = replies(stub, "chat.postMessage", "C2")
        told = replies(stub, "chat.postEphemeral", "C2")
        assert len(answered) == 2, [p.get("text") for p in answered]
        assert len(told) == 1 and "Slow down" in told[0]["text"] and told[0]["user"] == "UFLOOD"
        for log in (log_a, log_b):
            text = log.read_text()
            assert "Traceback" not in text and " ERROR " not in text, text
            assert "shared state (rate limits, event claims, follow-up turns, build lock) in the store on postgresql" \
                in text, text
    finally:
        drop_tables(url)

