"""Over HTTP the signature is checked before the body is parsed: an unsigned request learns nothing about
what the bot makes of a body (a 401, never a 400 that says the signature was not even looked at)."""

from __future__ import annotations

import time

import aiohttp
import pytest
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.app import EVENTS_PATH, start_http
from tests.bot.slack.slack_requests import JSON, SIGNING_SECRET, signed_headers
from tests.bot.slack.stub_slack import BOT_TOKEN, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

NOT_PAYLOADS = ("this is not JSON {", "[1, 2, 3]", "\"a string\"")


async def test_a_bad_signature_on_a_body_that_is_no_payload_gets_401(stub: StubSlack) -> None:
    app = AsyncApp(client=AsyncWebClient(token=BOT_TOKEN, base_url=stub.api_url), signing_secret=SIGNING_SECRET)
    runner = await start_http(app, SIGNING_SECRET, host="127.0.0.1", port=0)
    url = f"http://127.0.0.1:{runner.addresses[0][1]}{EVENTS_PATH}"
    try:
        async with aiohttp.ClientSession() as http:
            for body in NOT_PAYLOADS:
                for forged in (signed_headers(body, JSON, secret="not-the-secret"),
                               signed_headers(body, JSON, timestamp=int(time.time()) - 600)):
                    async with http.post(url, data=body, headers=forged) as response:
                        assert response.status == 401, (body, await response.text())
                # Signed by Slack's secret, the same body is refused as what it is.
                async with http.post(url, data=body, headers=signed_headers(body, JSON)) as response:
                    assert response.status == 400, body
    finally:
        await runner.cleanup()
    assert not stub.calls
