"""Whether the core takes a question now: the per-user rate limit, the in-flight cap and shutdown.

Every read command (ask, timeline, sources) goes through ``Admission.run`` whatever the platform, so the
limits hold the same on Discord, Slack and the terminal, and each outcome and its latency are counted in
one place. The rate limit comes first: a flood is turned away before it costs validation or a worker.

Calls without an actor are the operator's own (``dispute-bot ask`` and the like) and the local terminal
user is the operator too: neither is rate-limited, but both count against the in-flight cap.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot import metrics
from bot.actors import Actor
from bot.inflight import InFlight
from bot.ratelimit import Limiter
from bot.results import Notice, NoticeKind
from bot.shared_state import call
from bot.store.outage import log_store_failure

log = logging.getLogger(__name__)

T = TypeVar("T")

SLOW_DOWN = "Slow down, please: try again in {seconds} s."
OVERLOADED = "I'm busy with a lot of questions right now; try again in a moment."
STOPPING = "I'm restarting; ask again in a moment."


class Admission:
    def __init__(self, limiter: Limiter, in_flight: InFlight) -> None:
        self.limiter = limiter
        self.in_flight = in_flight

    async def _rate_limited(self, actor: Actor | None) -> Notice | None:
        if actor is None or actor.platform == "terminal":
            return None
        try:  # a shared limiter asks the store, on a worker thread
            decision = await call(self.limiter, self.limiter.check, f"{actor.platform}:{actor.user_id}")
        except Exception:  # the store is down: answering beats refusing everyone
            log_store_failure(log, "the rate limit could not be checked; the question is let through")
            return None
        if decision.allowed:
            return None
        metrics.RATE_LIMITED.labels(actor.platform, str(decision.notify).lower()).inc()
        if not decision.notify:
            log.info("dropped a question from %s: rate limited, already told", actor.describe())
            return Notice(NoticeKind.LIMITED, "", silent=True)
        log.info("rate limited %s for %.0f s", actor.describe(), decision.retry_after)
        return Notice(NoticeKind.LIMITED, SLOW_DOWN.format(seconds=decision.retry_seconds))

    async def run(self, command: str, actor: Actor | None, work: Callable[[], Awaitable[T]]) -> T | Notice:
        """``work()`` if the question is admitted, else the notice that says why not."""
        # Load and shutdown first: a question turned away for them must not cost the asker a rate-limit token
        # (after three "busy" replies, the fourth try was "slow down", and the fifth dropped unanswered).
        refusal: Notice | None = None
        if self.in_flight.closing:
            refusal = Notice(NoticeKind.OVERLOADED, STOPPING)
        elif not self.in_flight.try_enter():
            log.warning("%d questions in flight: turned one away", self.in_flight.limit)
            refusal = Notice(NoticeKind.OVERLOADED, OVERLOADED)
        elif (refusal := await self._rate_limited(actor)) is not None:
            self.in_flight.leave()
        if refusal is not None:
            metrics.QUESTIONS.labels(command, metrics.platform_of(actor), metrics.outcome(refusal)).inc()
            return refusal
        metrics.IN_FLIGHT.inc()
        started = time.perf_counter()
        try:
            result = await work()
        finally:
            self.in_flight.leave()
            metrics.IN_FLIGHT.dec()
            metrics.LATENCY.labels(command).observe(time.perf_counter() - started)
        metrics.QUESTIONS.labels(command, metrics.platform_of(actor), metrics.outcome(result)).inc()
        return result


class VoteAdmission:
    """Whether a 👍/👎 click is recorded now: each is a write to the store, and a user clicking as fast as the
    platform lets them wrote once per click, with no limit. Votes have a budget of their own (a burst of clicks
    must not cost the clicker a question, nor questions their votes), kept in this process: a shared bucket
    would itself be a database write per click, the very thing bounded here. With replicas each keeps its
    own, so one user's clicks write at most one budget per replica. The operator and the terminal user are
    never limited, as for questions. A refused click is always told to slow down, privately: Discord and Slack
    show every click an answer (the adapter has acknowledged it already), and only the clicker sees it."""

    def __init__(self, limiter: Limiter) -> None:
        self.limiter = limiter

    async def refusal(self, actor: Actor | None) -> Notice | None:
        """None when the click may be recorded; else the "slow down" to show the clicker."""
        if actor is None or actor.platform == "terminal":
            return None
        try:
            decision = await call(self.limiter, self.limiter.check, f"vote:{actor.platform}:{actor.user_id}")
        except Exception:  # a vote is worth recording whatever went wrong with its budget
            log_store_failure(log, "the vote limit could not be checked; the vote is let through")
            return None
        if decision.allowed:
            return None
        metrics.VOTES_LIMITED.labels(actor.platform).inc()
        log.info("vote limited %s for %.0f s", actor.describe(), decision.retry_after)
        return Notice(NoticeKind.LIMITED, SLOW_DOWN.format(seconds=decision.retry_seconds))
