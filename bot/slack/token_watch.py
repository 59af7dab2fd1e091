"""Noticing, from any Web API call, that Slack no longer takes the single bot token while the bot runs.

A token of an app with token rotation on (``xoxe.xoxb-…``) expires 12 hours after it is issued, and a revoked
one, or one of a workspace that removed the app, is refused from then on. Each refusal was only logged, reply by
reply: mentions went unanswered while ``/readyz`` said ready. slack_sdk shows every response to each of a
client's retry handlers, and Bolt copies the app client's handlers to the client it makes for each request, so
a handler that never retries sees the refusal wherever it comes (a reply, files.info, users.info, views.publish).
Only calls made with the bot token count: Socket Mode's ``apps.connections.open`` goes through the same client
with the app-level token, whose refusals ``bot.slack.lifecycle.watch_app_token`` handles.
"""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

# Slack's errors, on any Web API method, for a token it will not take again: retrying can't help.
TOKEN_GONE = frozenset({"token_expired", "token_revoked", "account_inactive", "invalid_auth"})


class TokenWatch(AsyncRetryHandler):
    """Calls ``refused`` with Slack's error the first time a call made with ``token`` is refused for good."""

    def __init__(self, token: str, refused: Callable[[str], None]) -> None:
        super().__init__(max_retry_count=0)
        self._authorization = f"Bearer {token}"
        self._refused = refused
        self.error: str | None = None

    async def can_retry_async(self, *, state: RetryState, request: HttpRequest,
                              response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        body = response.body if response is not None else None
        sent = request.headers.get("Authorization")
        sent_with = sent if isinstance(sent, list) else [sent]  # a list: slack_sdk keeps each header's values
        if self.error is None and isinstance(body, dict) and body.get("ok") is False \
                and body.get("error") in TOKEN_GONE and self._authorization in sent_with:
            self.error = str(body["error"])
            self._refused(self.error)
        return False


def watch_bot_token(client: AsyncWebClient, refused: Callable[[str], None]) -> None:
    """Watch every call ``client`` (and each client Bolt copies from it) makes with its own token."""
    if client.token:
        client.retry_handlers = [TokenWatch(client.token, refused), *(client.retry_handlers or [])]


def watches(client: AsyncWebClient) -> list[AsyncRetryHandler]:
    """The watch on ``client``, for a client made from it with retry handlers of its own."""
    return [handler for handler in client.retry_handlers or [] if isinstance(handler, TokenWatch)]
