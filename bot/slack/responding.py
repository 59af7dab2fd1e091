"""Replies through a ``response_url``, retried once after a short rate-limit wait.

Bolt's ``respond()`` builds its webhook client with slack_sdk's default retry handlers, which retry broken
connections only: a response_url Slack answered with 429 (about one message a second in a channel) was
treated like refused blocks, resent as plain text into the same limit, and the answer was lost. Here the
same webhook client carries the bot's rate-limit retry (``bot.slack.rate_limits.brief_retry``), allowed one
retry and only when Slack asks for a wait of a few seconds: the listener has acknowledged the command already
(the wait is an ``asyncio.sleep``, never on the ack path), and a longer wait would hold the reply past its
usefulness.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.http_retry.builtin_async_handlers import async_default_handlers
from slack_sdk.webhook.async_client import AsyncWebhookClient, WebhookResponse

from bot.slack.rate_limits import brief_retry


async def send_response(respond: AsyncRespond, **message: Any) -> WebhookResponse:
    """Post ``message`` (``text``, ``blocks``, ``response_type`` …) to ``respond``'s response_url, as
    ``respond()`` would, retrying once after a 429 that asks for a short wait. Returns Slack's answer."""
    if respond.response_url is None:
        raise ValueError("no response_url to answer through")
    client = AsyncWebhookClient(url=respond.response_url, proxy=respond.proxy, ssl=respond.ssl,
                                retry_handlers=[*async_default_handlers(), brief_retry()])
    return await client.send(**message)
