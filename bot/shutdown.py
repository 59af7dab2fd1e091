"""Serving until SIGTERM or SIGINT, then stopping without dropping what was started.

On the first signal the bot stops taking questions (new ones are told it is restarting, and ``/readyz``
turns 503 so a load balancer moves traffic away), waits up to ``grace`` seconds for the answers in flight
to be delivered, and only then cancels the platform tasks, whose ``finally`` blocks close the Discord
gateway, the Slack socket or the HTTP server cleanly. A second signal skips the rest of the wait.

An index build still running is not waited for: builds publish by an atomic symlink swap, so an unfinished
one is never served, and the next build clears its folder (``runner.run`` exits without joining it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Iterable
from typing import Any

from bot import metrics
from bot.inflight import InFlight

log = logging.getLogger(__name__)

GRACE_SECONDS = 10.0
SIGNALS = (signal.SIGTERM, signal.SIGINT)


async def serve_until_stopped(jobs: Iterable[Awaitable[Any]], in_flight: InFlight,
                              grace: float = GRACE_SECONDS) -> bool:
    """Run ``jobs`` together until they end or a signal arrives. True when stopped by a signal."""
    loop = asyncio.get_running_loop()
    stop, hurry = asyncio.Event(), asyncio.Event()

    def on_signal(number: int) -> None:
        if stop.is_set():
            log.warning("second %s: not waiting any longer", signal.Signals(number).name)
            hurry.set()
        else:
            log.info("%s: stopping", signal.Signals(number).name)
            stop.set()

    for number in SIGNALS:
        loop.add_signal_handler(number, on_signal, number)
    serving = asyncio.ensure_future(asyncio.gather(*jobs))
    stopping = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if serving.done():
            serving.result()  # a platform that failed raises here; a terminal chat that ended returns
            return False
        await _finish(in_flight, grace, hurry)
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving
        log.info("stopped cleanly")
        return True
    finally:
        stopping.cancel()
        if not serving.done():  # cancelled from outside: a Ctrl-C before these handlers, which asyncio.run turns
            serving.cancel()  # into cancelling this task; the jobs' gather, never awaited, was logged at exit
        serving.add_done_callback(_retrieved)  # as a 40-line "exception was never retrieved" traceback
        for number in SIGNALS:
            loop.remove_signal_handler(number)


def _retrieved(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()


async def _finish(in_flight: InFlight, grace: float, hurry: asyncio.Event) -> None:
    in_flight.close()
    metrics.READY.set(0)
    log.info("no new questions; finishing %d in flight (up to %.0f s)", in_flight.handlers, grace)
    drained = asyncio.ensure_future(in_flight.drain(grace))
    hurried = asyncio.ensure_future(hurry.wait())
    await asyncio.wait({drained, hurried}, return_when=asyncio.FIRST_COMPLETED)
    hurried.cancel()
    if not (drained.done() and drained.result()):
        drained.cancel()
        log.warning("stopping with %d questions still in flight", in_flight.handlers)
