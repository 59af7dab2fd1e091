"""A slash command's reply after its response_url expired: posted by the bot itself, in the channel or by DM.

Slack takes replies through a command's response_url for 30 minutes; after that it answers 404 (expired_url), and
an answer whose work took longer (a long queue, a rebuild holding the index) was only logged as lost. The bot's
own token still posts: a public reply goes to the channel, opening with a mention of the asker (the only one it
notifies), and keeps its mark so a reply in its thread goes on with the question (``bot.slack.ask_threads``);
where the bot can't post there (a channel it is not in, a DM between other people, an archived or read-only
channel) and for a private reply, it goes to the asker by direct message (a post to their user id).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.history_results import Feedback
from bot.slack.ask_threads import marked
from bot.slack.message import SlackMessage
from bot.slack.pacing import ChannelBusy
from bot.slack.rate_limits import paced

log = logging.getLogger(__name__)
EXPIRED = 404  # what a response_url past its 30 minutes answers (expired_url)
BLOCKS_LIMIT = 50  # blocks in one message


def with_lead(message: SlackMessage, lead: str) -> SlackMessage:
    """``message`` opening with ``lead``: a block of its own before the others, and in the notification's text."""
    text = f"{lead}\n{message.text}"
    if not message.blocks or len(message.blocks) >= BLOCKS_LIMIT:
        return replace(message, text=text)
    return replace(message, text=text, blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": lead}},
                                               *message.blocks])


async def post_late(client: AsyncWebClient, command: dict[str, Any], message: SlackMessage, name: str,
                    conversation: str | None = None) -> None:
    """``message``, the reply to the slash command ``name`` whose response_url expired, posted by the bot:
    ``conversation``, the one a public reply names (``marked``)."""
    user, channel = str(command.get("user_id") or ""), str(command.get("channel_id") or "")
    lead = f"<@{user}> your /{name} finished after the 30 minutes Slack gives a command to answer:"
    log.warning("/%s from %s outlasted its response_url; the bot posts the reply itself", name, user)
    if not message.ephemeral and channel:
        public = with_lead(message, lead)
        try:
            await _post(client, channel, marked(public, conversation) if conversation else public)
            return
        except (SlackApiError, ChannelBusy) as exc:  # ChannelBusy: Slack holding the channel (bot.slack.pacing)
            error = exc.response.get("error") if isinstance(exc, SlackApiError) else "busy"
            log.warning("could not post /%s's late reply in %s (%s); sending it by direct message", name, channel,
                        error)
    await to_dm(client, user, message, f"/{name}'s late reply",
                f"Your /{name} finished after the 30 minutes Slack gives a command to answer:")


async def to_dm(client: AsyncWebClient, user: str, message: SlackMessage, what: str, lead: str | None = None) -> None:
    """``message`` to ``user`` by direct message (a post to their user id), opening with ``lead``; a refusal (the
    user deactivated, the app's DMs turned off) is logged as a warning, since nothing else reaches them."""
    try:
        await _post(client, user, with_lead(message, lead) if lead else message)
    except SlackApiError as exc:
        log.warning("could not send %s to %s by direct message either (%s)", what, user, exc.response.get("error"))
    except Exception:  # a network failure: callers send it from their own error handling, where it would escape
        log.exception("could not send %s to %s by direct message either", what, user)


async def vote_late(client: AsyncWebClient, user: str, result: object, message: SlackMessage) -> None:
    """The reply to a 👍/👎 click whose response_url expired (Slack takes a click's replies for 30 minutes; a long
    queue or a rebuild holding the index can outlast them), which was only logged as an error: the next-best
    passages after a 👎, which the clicker asked to see, go by direct message; a thanks alone (or a refusal of the
    click) is dropped with a warning, as the clicker would expect: the vote is stored either way (the refusal's
    line says otherwise), and a thanks half an hour late, alone in a DM, is noise."""
    if isinstance(result, Feedback) and result.alternatives:
        await to_dm(client, user, replace(message, ephemeral=False), "a vote's next-best passages",
                    "Your 👎 was recorded after the 30 minutes Slack gives a button to answer. The next-best passages:")
        return
    log.warning("the reply to a vote by %s came after its response_url expired (Slack's 30 minutes); not sent: "
                "%.100s", user, message.text)


async def _post(client: AsyncWebClient, channel: str, message: SlackMessage) -> None:
    """Without link previews, as every reply: the articles' addresses would fill the channel with them; in its
    turn among the channel's posts (``bot.slack.pacing``)."""
    async with paced(client, channel):
        await client.chat_postMessage(channel=channel, **message.payload(), unfurl_links=False, unfurl_media=False)
