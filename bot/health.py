"""``/healthz``, ``/readyz`` and ``/metrics`` for orchestrators and Prometheus.

In Slack HTTP mode they share Slack's port; otherwise ``METRICS_PORT`` serves them (off by default).

- ``/healthz``: 200 while the event loop answers at all (a liveness probe: restart the process if not).
- ``/readyz``: 200 once the index is loaded and the query encoder warm, 503 before that and while the bot
  is stopping (a readiness probe: send traffic or not).
- ``/metrics``: Prometheus text format; the metric names are in the README and ``bot.metrics``.
"""

from __future__ import annotations

import logging
import os

from aiohttp import web

from bot import metrics
from bot.core import CommandCore

log = logging.getLogger(__name__)


def on_slack_port(metrics_port: int | None, slack_port: int) -> bool:
    """Whether Slack's HTTP listener serves ``/metrics`` too: only when ``METRICS_PORT`` is unset or is that port
    (the image's 8080). A different ``METRICS_PORT`` was ignored, so the metrics were public on the port Slack
    and the load balancer reach; probes still find ``/healthz`` and ``/readyz`` there."""
    return metrics_port is None or metrics_port == slack_port


def add_routes(server: web.Application, core: CommandCore, metrics_too: bool = True) -> None:
    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"alive": True})

    async def readyz(request: web.Request) -> web.Response:
        ready = core.ready
        return web.json_response({"ready": ready, "index_loaded_and_encoder_warm": core.warm,
                                  "index_available": core.index_available, "stopping": core.in_flight.closing},
                                 status=200 if ready else 503)

    async def scrape(request: web.Request) -> web.Response:
        body, content_type = metrics.exposition()
        return web.Response(body=body, headers={"Content-Type": content_type})

    server.router.add_get("/healthz", healthz)
    server.router.add_get("/readyz", readyz)
    if metrics_too:
        server.router.add_get("/metrics", scrape)


async def start(server: web.Application, host: str, port: int) -> web.AppRunner:
    """Serve ``server`` on ``host:port`` (0: a free port, see ``runner.addresses``); ``cleanup()`` stops it.
    An ``OSError`` (the port taken, a privileged port, a host that is no address here) is the caller's to
    word with the setting it came from (``cannot_listen``)."""
    runner = web.AppRunner(server, access_log=None, shutdown_timeout=5.0)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError:
        await runner.cleanup()
        raise
    return runner


def cannot_listen(exc: OSError, host: str, port: int, fix: str) -> str:
    """One line for a port the bot can't listen on, ending in ``fix`` (the setting or option to change). It was
    a 20-line traceback ending in asyncio's "error while attempting to bind on address …", then two "coroutine
    … was never awaited" warnings."""
    errno = exc.errno if isinstance(exc.errno, int) and exc.errno > 0 else None
    reason = os.strerror(errno) if errno is not None else (exc.strerror or str(exc))
    return f"cannot listen on {host}:{port} ({reason}): {fix}"


async def serve_health(core: CommandCore, host: str, port: int) -> web.AppRunner:
    """The health and metrics endpoints alone, on ``METRICS_PORT``."""
    server = web.Application()
    add_routes(server, core)
    runner = await start(server, host, port)
    log.info("health and metrics on http://%s:%d (/healthz, /readyz, /metrics)", host, runner.addresses[0][1])
    return runner
