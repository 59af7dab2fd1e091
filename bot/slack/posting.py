"""Posting a reply in the thread of the event it answers, and the errors that mean a channel takes none: a
listener's work runs through ``post_guarded``, which turns every failure into a log line and, where the channel
still takes one, a short ephemeral apology, never a traceback."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import APOLOGY
from bot.inflight import InFlight
from bot.slack.busy import RATE_LIMITED, held_back_note
from bot.slack.events import thread_of
from bot.slack.late import to_dm
from bot.slack.pacing import ChannelBusy
from bot.slack.rate_limits import paced
from bot.slack.render import SlackMessage

log = logging.getLogger(__name__)

# chat.postMessage / postEphemeral errors that mean the channel takes no reply from the bot at all.
CHANNEL_REFUSED = frozenset({
    "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
    "restricted_action_non_threadable_channel", "not_in_channel", "channel_not_found", "is_archived",
    "cannot_reply_to_message", "user_not_in_channel",
})
# The workspace takes no call with the bot's token any more: the app was uninstalled, or its token revoked, while
# a question was answered ("account_inactive": a bot token of a deleted workspace or one the app was removed
# from; Slack's documented errors for every Web API method). An apology would be refused the same way.
TOKEN_REFUSED = frozenset({"account_inactive", "token_revoked", "invalid_auth", "not_authed", "token_expired"})
REFUSED = CHANNEL_REFUSED | TOKEN_REFUSED
# Said first in a DM carrying a reply the channel refused (an announcement-only channel, one archived meanwhile).
NOT_POSTED = "I can't post in <#{channel}>, where you asked me, so here is my reply:"
# The message the reply would go under was deleted (a question deleted while the bot answered it): nobody is
# left to tell, and an apology would go to the same thread.
QUESTION_GONE = "thread_not_found"


async def post_reply(client: AsyncWebClient, event: dict[str, Any], message: SlackMessage) -> None:
    """In the thread of ``event``; ephemeral messages only to its author. Refused blocks → plain text."""
    kwargs: dict[str, Any] = {"channel": event["channel"], "thread_ts": thread_of(event)}
    if message.ephemeral:
        send = client.chat_postEphemeral
        kwargs["user"] = event["user"]
    else:
        send = client.chat_postMessage
        kwargs.update(unfurl_links=False, unfurl_media=False)
    # Public posts take their turn in the channel (``bot.slack.pacing``); Slack limits ephemeral ones apart.
    async with contextlib.nullcontext() if message.ephemeral else paced(client, str(event["channel"])):
        try:
            await send(**kwargs, **message.payload())
        except SlackApiError as exc:
            # msg_blocks_too_long: all the blocks' text together is over about 12,000 characters (undocumented;
            # each block is within its own limit): a timeline of many articles.
            if exc.response.get("error") not in ("invalid_blocks", "msg_blocks_too_long") or not message.blocks:
                raise
            log.error("Slack refused the blocks of a reply (%s %s); sending plain text", exc.response.get("error"),
                      exc.response.get("errors") or "")
            await send(**kwargs, text=message.text)


def private(text: str) -> Callable[[], Awaitable[tuple[SlackMessage, bool]]]:
    """A reply of ``text`` shown only to the sender (the work ``post_guarded`` posts the result of)."""
    async def reply() -> tuple[SlackMessage, bool]:
        return SlackMessage(text, ephemeral=True), True
    return reply


async def post_guarded(
    in_flight: InFlight, event: dict[str, Any], client: AsyncWebClient, what: str,
    work: Callable[[], Awaitable[tuple[SlackMessage, bool] | None]],
    public: Callable[[], AbstractAsyncContextManager[None]] | None = None,
) -> None:
    """Run ``work`` and post what it returns (``None``: nothing to post; the flag: shown only to the sender),
    counted in ``in_flight`` so a shutdown waits for it. ``public``: entered around a public post, what follows
    from a reply people can see, and only from one (it raises nothing of its own)."""
    async with in_flight.handling():
        reply: tuple[SlackMessage, bool] | None = None
        try:
            reply = await work()
            if reply is not None:
                async with public() if public is not None and not reply[1] else contextlib.nullcontext():
                    await post_reply(client, event, replace(reply[0], ephemeral=reply[1]))
        except ChannelBusy:
            await _held_back(client, event, what, reply)
        except SlackApiError as exc:
            if exc.response.get("error") == RATE_LIMITED:
                await _held_back(client, event, what, reply)
                return
            if exc.response.get("error") == QUESTION_GONE:
                log.warning("%s from %s in %s was deleted before its answer; not answered", what,
                            event.get("user"), event.get("channel"))
                return
            if exc.response.get("error") not in REFUSED:
                await _failed(event, client, what)
                return
            # An announcement-only or archived channel, one the bot has left, or a workspace that removed the
            # app meanwhile (``TOKEN_REFUSED``): an apology would be refused the same way.
            log.warning("Slack refuses the bot's replies in %s (%s); %s from %s not answered there",
                        event.get("channel"), exc.response.get("error"), what, event.get("user"))
            if reply is not None and exc.response.get("error") in CHANNEL_REFUSED and event.get("user"):
                # They asked and heard nothing, as if the bot were down; the DM is theirs (as on Discord).
                await to_dm(client, str(event["user"]), replace(reply[0], ephemeral=False), f"the reply to {what}",
                            NOT_POSTED.format(channel=event.get("channel")))
        except Exception:
            await _failed(event, client, what)


async def _held_back(client: AsyncWebClient, event: dict[str, Any], what: str,
                     reply: tuple[SlackMessage, bool] | None) -> None:
    """Slack held the channel past the retries' two minutes: not a failure of the bot's (``bot.slack.busy``)."""
    log.warning("Slack held back %s from %s in %s (its rate limit); sent to them privately", what,
                event.get("user"), event.get("channel"))
    try:
        await post_reply(client, event, held_back_note(reply[0] if reply else None))
    except Exception as exc:  # Slack refusing this too, or the network: nothing else reaches them
        log.warning("could not tell %s privately either (%s)", event.get("user"), exc)


async def _failed(event: dict[str, Any], client: AsyncWebClient, what: str) -> None:
    """The details to the log; to the sender, privately, the short apology."""
    log.exception("%s from %s in %s failed", what, event.get("user"), event.get("channel"))
    try:
        await post_reply(client, event, SlackMessage(APOLOGY, ephemeral=True))
    except Exception:
        log.exception("could not send the apology")
