"""A direct message that can't be sent because the network fails (not a Slack refusal) is logged, not raised:
``to_dm`` is called from error handling (a channel that refused the reply), where an exception escaped the
handler's own ``except`` and left a traceback and no apology."""

from __future__ import annotations

import logging
import socket

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.late import to_dm
from bot.slack.message import SlackMessage


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.asyncio
async def test_a_dm_the_network_refuses_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    client = AsyncWebClient(token="xoxb-test", base_url=f"http://127.0.0.1:{_closed_port()}/api/", timeout=5)
    with caplog.at_level(logging.WARNING):
        await to_dm(client, "U1", SlackMessage("the reply"), "the reply to a mention", "I can't post there:")
    assert "could not send the reply to a mention to U1 by direct message" in caplog.text
