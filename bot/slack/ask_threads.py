"""A reply in the thread of an ``/ask`` answer goes on with the question it answered, as under a mention's.

Slack never tells the app the ``ts`` of a message it posts through a ``response_url``, so the thread under an
``/ask`` answer could not be known in advance: a reply there was ignored, and a reply mentioning the bot was
answered as if asked alone. The answer now names its conversation in its first block's ``block_id``; a reply
in an unknown thread whose first message is the bot's reads that message once (``conversations.replies``),
and the thread goes on with that conversation from then on.

A mention in the thread of someone else's message ("@bot is this true?" under a claim) reads that message the
same way (``thread_root``), once, for the core to read the question against it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import async_default_handlers
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.events import shown, someones_post
from bot.slack.mrkdwn import plain_from_slack
from bot.slack.rate_limits import brief_retry
from bot.slack.render import SlackMessage
from bot.slack.token_watch import watches

log = logging.getLogger(__name__)

MARK = "asked:"  # block_id prefix: "asked:<conversation>"
BLOCK_ID_LIMIT = 255


def ask_conversation(channel: str, trigger_id: str) -> str:
    """One conversation per ``/ask`` in a channel (the trigger id is unique to the command's use)."""
    return f"slack:ask:{channel}:{trigger_id}"


def marked(message: SlackMessage, conversation: str) -> SlackMessage:
    """``message`` naming ``conversation`` in its first block; a private reply has no thread to go on in."""
    block_id = MARK + conversation
    if message.ephemeral or not message.blocks or len(block_id) > BLOCK_ID_LIMIT:
        return message
    return replace(message, blocks=[{**message.blocks[0], "block_id": block_id}, *message.blocks[1:]])


async def thread_root(client: AsyncWebClient, channel: str, thread_ts: str, brief: bool = False) -> dict[str, Any]:
    """The first message of the thread at ``thread_ts`` (one ``conversations.replies`` call), or {} when it
    can't be read (deleted, or a channel whose history the app may not read). A first message deleted after
    people replied to it leaves a tombstone in its place (Slackbot's "This message was deleted.", subtype
    ``tombstone``): no message either, not a post to read. ``brief``: the message only adds context to an
    answer, which must not wait a minute for it (``_reading``)."""
    try:
        reader = _reading(client) if brief else client
        response = await reader.conversations_replies(channel=channel, ts=thread_ts, limit=1, inclusive=True)
    except SlackApiError as exc:
        log.warning("could not read the first message of thread %s in %s (%s)", thread_ts, channel,
                    exc.response.get("error"))
        return {}
    messages = response.get("messages") or []
    root = messages[0] if messages else {}
    if not isinstance(root, dict) or root.get("ts") != thread_ts or root.get("subtype") == "tombstone":
        return {}
    return root


async def root_text(event: dict[str, Any], client: AsyncWebClient, bot_user: str) -> str | None:
    """The text of the first message of the thread ``event`` is in, unless it is the bot's own: what a mention
    there points at (``bot.slack.handlers``)."""
    root = await thread_root(client, str(event.get("channel") or ""), str(event.get("thread_ts") or ""), brief=True)
    if root.get("user") == bot_user or not someones_post(root):
        return None
    return plain_from_slack(shown(root)) or None


def _reading(client: AsyncWebClient) -> AsyncWebClient:
    """``client`` (its token and endpoint) waiting out a rate limit on a read only when Slack asks for a short
    wait (``bot.slack.rate_limits.brief_retry``), once. Slack limits conversations.replies to one call a
    minute for apps distributed outside its Marketplace (since 2025): the shared client's retries slept the
    Retry-After twice, and a mention waited two minutes for a message it only reads for context. A longer wait
    now fails the read (``{}``). A reply under an ``/ask`` answer still waits (``asked_in``): without the read
    it would get no answer at all. The watch on the bot token (``bot.slack.token_watch``) comes along."""
    return AsyncWebClient(token=client.token, base_url=client.base_url, timeout=client.timeout, ssl=client.ssl,
                          proxy=client.proxy, session=client.session, headers=client.headers,
                          retry_handlers=[*watches(client), *async_default_handlers(),
                                          brief_retry()])


async def asked_in(client: AsyncWebClient, channel: str, thread_ts: str, bot_user: str) -> str | None:
    """The conversation the bot's ``/ask`` answer at ``thread_ts`` began, or None when the thread's first
    message is no such answer or can't be read (then the reply is treated as before: not followed)."""
    root = await thread_root(client, channel, thread_ts)
    if not root or root.get("user") not in (bot_user, None) or not root.get("bot_id"):
        return None
    for block in root.get("blocks") or []:
        block_id = str(block.get("block_id") or "")
        if block_id.startswith(MARK):
            return block_id.removeprefix(MARK)
    return None
