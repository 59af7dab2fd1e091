"""A moderator's ``add`` in a DM while it runs: one message in the add's thread, posted as the add is let in and
updated (``chat.update``) with the build's stages, at most every ``bot.build_updates.EVERY_S`` seconds.

The DM got no reply at all until the add ended, 10-17 minutes for a 1 MB article on shared cores. The result
itself still comes as a new message, which notifies the moderator (an edit does not); this one then says the
add is over.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.build_updates import BuildUpdate, elapsed
from bot.results import IndexChange, Result
from bot.slack.events import thread_of
from bot.slack.mrkdwn import literal
from bot.slack.rate_limits import paced

log = logging.getLogger(__name__)


class ProgressPost:
    """The progress message of one add, replying to ``event`` (the moderator's "add")."""

    def __init__(self, client: AsyncWebClient, event: dict[str, Any]) -> None:
        self._client = client
        self._channel = str(event["channel"])
        self._thread = thread_of(event)
        self._ts: str | None = None
        self._latest: BuildUpdate | None = None
        self._started = time.monotonic()

    async def show(self, update: BuildUpdate) -> None:
        """The build's latest stage (the core's ``ProgressSink``): the first posts the message, the rest edit it.
        Slack's errors reach the relay, which logs one warning and shows no more."""
        self._latest = update
        text = literal(update.text())
        if self._ts is None:
            async with paced(self._client, self._channel):  # a post takes its turn in the conversation
                posted = await self._client.chat_postMessage(channel=self._channel, thread_ts=self._thread, text=text,
                                                             unfurl_links=False, unfurl_media=False)
            self._ts = str(posted["ts"])
        else:
            await self._client.chat_update(channel=self._channel, ts=self._ts, text=text)

    async def finish(self, result: Result) -> None:
        """Once the result is known, before it is posted: the progress message says the add is over."""
        if self._ts is None or self._latest is None:
            return
        how = "done" if isinstance(result, IndexChange) else "ended"
        text = f"{self._latest.doing}: {how} after {elapsed(time.monotonic() - self._started)}; the result follows."
        try:
            await self._client.chat_update(channel=self._channel, ts=self._ts, text=literal(text))
        except Exception as exc:  # the result is posted anyway
            error = exc.response.get("error") if isinstance(exc, SlackApiError) else type(exc).__name__
            log.warning("could not close the progress message of an add (%s)", error)
