"""Slack over HTTP with ``METRICS_PORT`` set to another port: the metrics are served there, not on the port Slack
and the load balancer reach (``bot.health.on_slack_port``); the image's one port (both 8080) still serves all."""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp
import pytest

from bot import health, runner
from bot.core import CommandCore
from bot.settings import Settings
from tests.bot.slack.stub_slack import StubSlack
from tests.loopback import free_port


async def _status(http: aiohttp.ClientSession, url: str) -> int:
    for _ in range(200):
        with contextlib.suppress(aiohttp.ClientConnectionError):
            async with http.get(url) as response:
                return response.status
        await asyncio.sleep(0.05)
    raise AssertionError(f"nothing listens at {url}")


async def test_a_metrics_port_of_its_own_keeps_metrics_off_the_slack_port(
    stub: StubSlack, seed_core: CommandCore, slack_settings: Settings
) -> None:
    slack_port, metrics_port = free_port(), free_port()
    settings = slack_settings.model_copy(update={"metrics_port": metrics_port, "metrics_host": "127.0.0.1"})
    serving = asyncio.create_task(runner._serve(seed_core, settings, ["slack"], http=True, port=slack_port,
                                                host="127.0.0.1"))
    try:
        async with aiohttp.ClientSession() as http:
            assert await _status(http, f"http://127.0.0.1:{metrics_port}/metrics") == 200
            assert await _status(http, f"http://127.0.0.1:{slack_port}/metrics") == 404
            assert await _status(http, f"http://127.0.0.1:{slack_port}/healthz") == 200  # probes still find it
    finally:
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving


@pytest.mark.parametrize(("metrics_port", "slack_port", "shared"), [(None, 3000, True), (8080, 8080, True),
                                                                    (9100, 3000, False)])
def test_the_slack_port_serves_metrics_only_without_a_port_of_their_own(
        metrics_port: int | None, slack_port: int, shared: bool) -> None:
    assert health.on_slack_port(metrics_port, slack_port) is shared
