"""Retrying what Slack refuses with HTTP 429, after the wait its ``Retry-After`` asks for.

One handler for every client of the bot (the Web API client Bolt copies for each request, the response_url
webhooks, the reads that would rather not wait): slack_sdk's ``AsyncRateLimitErrorRetryHandler`` with the wait
read whole from the header, a cap on each wait and on all of them together, and each wait reported to the
channel pacer (``bot.slack.pacing``) so the posts queued behind a refused one wait with it instead of being
refused in turn. The Web API client carries the pacer on its handler: Bolt copies the handlers, not the client,
to the client each listener gets, so ``pacer_of`` finds the app's one pacer from any of them.
"""

from __future__ import annotations

import contextlib
import random
from contextlib import AbstractAsyncContextManager

from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.pacing import ChannelPacer, Clock, slack_asked_wait

# The Web API client: a burst in one channel can be refused more than once before its turn, but an answer held
# longer than two minutes is told to its asker privately instead (``bot.slack.posting``).
POSTING_RETRIES = 6
POSTING_WAIT = 60.0  # seconds Slack may ask for before one retry
POSTING_BUDGET = 120.0  # seconds of such waits for one call in all
SPENT = "rate_limit_waited"  # RetryState.custom_values key: seconds waited so far for this call


def retry_after(response: HttpResponse) -> float | None:
    """The seconds of ``Retry-After`` (slack_sdk keeps each header as a list of values)."""
    for name, value in response.headers.items():
        if name.lower() == "retry-after":
            first = str(value[0] if isinstance(value, list) and value else value).strip()
            try:
                seconds = float(first)
            except ValueError:
                return None
            return seconds if seconds >= 0 else None
    return None


def _wait(response: HttpResponse) -> float:
    """What Slack asked for; a second when it said nothing (as slack_sdk assumes)."""
    wait = retry_after(response)
    return 1.0 if wait is None else wait


class RateLimitRetry(AsyncRateLimitErrorRetryHandler):
    """After a 429, waits the whole Retry-After (and up to a second more, so replicas don't retry in step), then
    retries: at most ``max_retry_count`` times, each wait at most ``max_wait`` seconds and all of them at most
    ``budget``. A longer wait is not taken: the call fails with Slack's ``ratelimited``."""

    def __init__(self, max_retry_count: int, max_wait: float, budget: float | None = None,
                 pacer: ChannelPacer | None = None, clock: Clock | None = None) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait, self.budget = max_wait, budget if budget is not None else max_wait * max_retry_count
        self.pacer = pacer
        self.clock = clock or (pacer.clock if pacer is not None else Clock())

    async def can_retry_async(self, *, state: RetryState, request: HttpRequest,
                              response: HttpResponse | None = None, error: Exception | None = None) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = _wait(response)
        slack_asked_wait(wait)  # the channel waits whether or not this call does (its last retry, a long wait)
        spent = float((state.custom_values or {}).get(SPENT, 0.0))
        return state.current_attempt < self.max_retry_count and wait <= self.max_wait and spent + wait <= self.budget

    async def prepare_for_next_attempt_async(self, *, state: RetryState, request: HttpRequest,
                                             response: HttpResponse | None = None,
                                             error: Exception | None = None) -> None:
        wait = _wait(response) if response is not None else 1.0
        state.custom_values = {**(state.custom_values or {}), SPENT: float(
            (state.custom_values or {}).get(SPENT, 0.0)) + wait}
        state.next_attempt_requested = True
        await self.clock.sleep(wait + random.random())
        state.increment_current_attempt()


def brief_retry() -> RateLimitRetry:
    """For a reply through a response_url or a read only worth a short wait: once, after at most 5 seconds."""
    return RateLimitRetry(max_retry_count=1, max_wait=5.0)


def posting_retry(clock: Clock | None = None) -> RateLimitRetry:
    """For the Web API client, with the app's channel pacer."""
    return RateLimitRetry(POSTING_RETRIES, POSTING_WAIT, POSTING_BUDGET, pacer=ChannelPacer(clock=clock))


def pacer_of(client: AsyncWebClient) -> ChannelPacer | None:
    for handler in client.retry_handlers or []:
        if isinstance(handler, RateLimitRetry) and handler.pacer is not None:
            return handler.pacer
    return None


def paced(client: AsyncWebClient, channel: str) -> AbstractAsyncContextManager[None]:
    """The turn of a post to ``channel`` through ``client`` (none for a client without a pacer)."""
    pacer = pacer_of(client)
    return pacer.turn(channel) if pacer is not None else contextlib.nullcontext()
