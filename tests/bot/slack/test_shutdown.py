"""A real ``dispute-bot run --platform slack --http`` process, stopped by SIGTERM while it is answering."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from bot.core import CommandCore
from tests.bot.slack.slack_requests import FORM, SIGNING_SECRET, form_body, signed_headers, slash_payload
from tests.bot.slack.stub_slack import BOT_TOKEN, StubSlack
from tests.loopback import free_port

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTIONS = ["how many accounts were ordered blocked?", "Which app is the government promoting?",
             "Under which section of the IT Act were the orders issued?", "What did Twitter say?"]


async def _wait_ready(http: aiohttp.ClientSession, base: str, child: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert child.poll() is None, log.read_text()
        with contextlib.suppress(aiohttp.ClientError):
            async with http.get(base + "/readyz") as response:
                if response.status == 200:
                    return
        await asyncio.sleep(0.2)
    raise AssertionError("the bot never became ready:\n" + log.read_text())


async def test_sigterm_finishes_answers_in_flight_then_exits_0(
    stub: StubSlack, built_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index_dir = built_copy
    port = free_port()
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": stub.api_url, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index_dir),
           "RATE_LIMIT_PER_MINUTE": "0", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    log = tmp_path / "bot.log"
    with log.open("wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--platform", "slack", "--http", "--host", "127.0.0.1",
             "--port", str(port)], cwd=tmp_path, env=env, stdout=err, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            await _wait_ready(http, base, child, log)
            payloads = [slash_payload(stub, "/ask", QUESTIONS[n % len(QUESTIONS)], user=f"U{n}") for n in range(40)]

            async def post(payload: dict[str, str]) -> int:
                body = form_body(payload)
                async with http.post(base + "/slack/events", data=body, headers=signed_headers(body, FORM)) as r:
                    return r.status

            assert await asyncio.gather(*(post(p) for p in payloads)) == [200] * 40  # all acknowledged
            child.send_signal(signal.SIGTERM)
            started = time.monotonic()
            while child.poll() is None and time.monotonic() - started < 30:
                await asyncio.sleep(0.05)  # the stub keeps receiving replies meanwhile
        assert child.returncode == 0, log.read_text()
        assert time.monotonic() - started < 15, "in-flight answers get at most 10 s"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    text = log.read_text()
    keys = {p["response_url"].rsplit("/", 1)[1] for p in payloads}
    replied = {r["_key"] for r in stub.responses}
    assert keys <= replied, f"{len(keys - replied)} acknowledged questions were never answered\n{text}"
    assert sum("257" in r["text"] or "Koo" in r["text"] or "69A" in r["text"] for r in stub.responses) >= 1
    assert "SIGTERM: stopping" in text and "stopped cleanly" in text, text
    in_flight = re.search(r"finishing (\d+) in flight", text)
    assert in_flight and int(in_flight.group(1)) > 0, "the signal came while questions were being answered"
    assert "Traceback" not in text and " ERROR " not in text, text


async def test_an_acknowledged_event_counts_as_in_flight_from_its_first_statement(seed_core: CommandCore) -> None:
    """Its handler first claims the post in the shared store (a thread hop). A shutdown that looked in that
    moment saw nothing in flight and exited: ten acknowledged mentions in ten were never answered."""
    from threading import Event

    from slack_bolt.context.async_context import AsyncBoltContext
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.slack.handlers import SlackHandlers

    release = Event()

    class SlowStoreDeduper:
        blocking = True

        def claim(self, key: str) -> bool:
            release.wait(30)
            return False  # another replica answered it: nothing to post

        def __contains__(self, key: str) -> bool:
            return False

    client = AsyncWebClient(token="xoxb-test")  # never called: nothing is posted
    handlers = SlackHandlers(seed_core, client, seen=SlowStoreDeduper())  # type: ignore[arg-type]
    context = AsyncBoltContext({"bot_user_id": "UBOT"})
    for event in ({"type": "app_mention", "user": "U1", "text": "<@UBOT> hi", "channel": "C1", "ts": "1.1"},
                  {"type": "message", "user": "U1", "text": "hi", "channel": "D1", "channel_type": "im", "ts": "1.2"}):
        handler = handlers.on_mention if event["type"] == "app_mention" else handlers.on_message
        release.clear()
        task = asyncio.create_task(handler(event, context, client))
        await asyncio.sleep(0.05)
        assert seed_core.in_flight.handlers >= 1 and not await seed_core.in_flight.drain(0.1)
        release.set()
        await task
        assert await seed_core.in_flight.drain(1)
