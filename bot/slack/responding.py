"""Replies through a ``response_url``, retried once after a short rate-limit wait.

Bolt's ``respond()`` builds its webhook client with slack_sdk's default retry handlers, which retry broken
connections only: a response_url Slack answered with 429 (about one message a second in a channel) was
treated like refused blocks, resent as plain text into the same limit, and the answer was lost. Here the
same webhook client carries slack_sdk's own ``AsyncRateLimitErrorRetryHandler``, allowed one retry and only
when Slack asks for a wait of a few seconds: the listener has acknowledged the command already (the wait is
an ``asyncio.sleep``, never on the ack path), and a longer wait would hold the reply past its usefulness.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler, async_default_handlers
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.webhook.async_client import AsyncWebhookClient, WebhookResponse

MAX_RETRY_AFTER = 5  # seconds a rate-limited reply may wait before its one retry


def retry_after(response: HttpResponse) -> int | None:
    """The whole seconds of ``Retry-After`` (aiohttp gives the value as a string, slack_sdk a list)."""
    for name, value in response.headers.items():
        if name.lower() == "retry-after":
            first = str(value[0] if isinstance(value, list) and value else value).strip()
            return int(first) if first.isdigit() else None
    return None


class BriefRateLimitRetry(AsyncRateLimitErrorRetryHandler):
    """slack_sdk's 429 handler (it sleeps Retry-After, then retries), for waits of at most
    ``MAX_RETRY_AFTER`` seconds: its own sleep reads only the header's first digit, so a longer one would also
    be cut short."""

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        if not await super()._can_retry_async(state=state, request=request, response=response, error=error):
            return False
        wait = retry_after(response) if response is not None else None
        return wait is not None and wait <= MAX_RETRY_AFTER


async def send_response(respond: AsyncRespond, **message: Any) -> WebhookResponse:
    """Post ``message`` (``text``, ``blocks``, ``response_type`` …) to ``respond``'s response_url, as
    ``respond()`` would, retrying once after a 429 that asks for a short wait. Returns Slack's answer."""
    if respond.response_url is None:
        raise ValueError("no response_url to answer through")
    client = AsyncWebhookClient(url=respond.response_url, proxy=respond.proxy, ssl=respond.ssl,
                                retry_handlers=[*async_default_handlers(), BriefRateLimitRetry(max_retry_count=1)])
    return await client.send(**message)
