"""Building the Bolt app and serving it over Socket Mode or HTTP.

One ``AsyncApp`` serves both modes. Socket Mode (``SLACK_APP_TOKEN``) needs no public URL; HTTP mode
serves ``/slack/events`` (see ``bot.slack.http``) and verifies every request's signature with
``SLACK_SIGNING_SECRET`` (401 for a bad or stale one), next to ``/healthz``, ``/readyz`` and ``/metrics``.
``SLACK_API_URL`` is the Web API base for Enterprise Grid / GovSlack deployments and proxies, and lets
tests point the app at a stub. With ``SLACK_CLIENT_ID`` and ``SLACK_CLIENT_SECRET`` HTTP mode also serves
Slack's OAuth install flow, for many workspaces (``bot.slack.oauth``); the single-workspace bot token stays
the default.
Tokens are read from ``Settings`` only and never logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Iterator

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import async_default_handlers
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.engine import Engine

from bot import health
from bot.core import CommandCore
from bot.settings import Settings
from bot.slack.handlers import SlackHandlers
from bot.slack.http import EVENTS_PATH, web_app
from bot.slack.lifecycle import ROTATING, stop_when_uninstalled, watch_app_token
from bot.slack.pacing import Clock
from bot.slack.proxy_env import no_proxy_ignored
from bot.slack.rate_limits import posting_retry

log = logging.getLogger(__name__)

__all__ = ["EVENTS_PATH", "build_app", "build_oauth_app", "serve_slack", "setup_problem", "start_http"]


class SlackSetupError(SystemExit):
    """Missing or unusable settings: exits with the message, not a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(f"dispute-bot: {message} (see docs/slack.md)")


def http_by_itself(settings: Settings) -> bool:
    """Whether the settings can serve Slack over HTTP only: no SLACK_APP_TOKEN for Socket Mode, and the signing
    secret HTTP mode verifies requests with. ``dispute-bot run`` (``make run``) then serves HTTP mode without
    ``--http``: a multi-workspace install (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, which only HTTP mode serves)
    exited 2 unless run with a flag the README never named."""
    return settings.slack_app_token is None and settings.slack_signing_secret is not None


def setup_problem(settings: Settings, http: bool) -> str | None:
    """Why the settings can't serve Slack in the chosen mode, or None when they can."""
    if settings.slack_oauth and http:
        if settings.slack_signing_secret is None:
            return "--http needs SLACK_SIGNING_SECRET to verify that requests come from Slack"
        return None
    if settings.slack_bot_token is None:
        if settings.slack_oauth and settings.slack_signing_secret is None:
            return ("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (installs in many workspaces) need HTTP mode, which needs "
                    "SLACK_SIGNING_SECRET to verify that requests come from Slack")
        if settings.slack_oauth:  # and SLACK_APP_TOKEN, else HTTP mode would have been chosen (``http_by_itself``)
            return ("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (installs in many workspaces) need HTTP mode: "
                    "run with --http, or set SLACK_BOT_TOKEN for one workspace")
        return "Slack needs SLACK_BOT_TOKEN (the xoxb- bot token)"
    if settings.slack_bot_token.get_secret_value().startswith("xoxe."):  # it would stop answering in 12 hours
        return ROTATING
    if settings.slack_bot_token.get_secret_value().startswith("xoxp-"):  # it would act as, and post as, a person
        return ("SLACK_BOT_TOKEN is a user token (xoxp-…), which acts as the person who installed the app: the bot "
                "needs the app's bot token (xoxb-…, from OAuth & Permissions → Bot User OAuth Token)")
    if http and settings.slack_signing_secret is None:
        return "--http needs SLACK_SIGNING_SECRET to verify that requests come from Slack"
    if not http and settings.slack_app_token is None:
        return ("Slack needs SLACK_APP_TOKEN (an xapp- token with connections:write) for Socket Mode, or "
                "SLACK_SIGNING_SECRET for HTTP mode")
    if not http and settings.slack_app_token is not None \
            and not settings.slack_app_token.get_secret_value().startswith("xapp-"):
        # The commonest slip (the bot token pasted twice) made Socket Mode retry forever, a traceback each time.
        return ("SLACK_APP_TOKEN must be the app-level token (xapp-…, from Basic Information → App-Level "
                "Tokens, with connections:write), not the xoxb- bot token")
    return None


def retry_handlers(clock: Clock | None = None) -> list[AsyncRetryHandler]:
    """slack_sdk retries only broken connections by default; a burst of answers in one channel (about one
    message a second is allowed) was refused with 429 and the answers lost. The rate-limit retry carries the
    channel pacer the posting path takes turns with (``bot.slack.rate_limits``); Bolt copies these handlers to
    the client it makes for each request. ``clock``: tests' time."""
    return [*async_default_handlers(), posting_retry(clock)]


def build_client(settings: Settings, clock: Clock | None = None) -> AsyncWebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return AsyncWebClient(token=token, base_url=settings.slack_api_url, retry_handlers=retry_handlers(clock))


# Variables Bolt reads by itself to set up (or fill in) its OAuth flow, and the bot token it reads beside the
# client the settings build: the settings pass every value instead. With SLACK_BOT_TOKEN in the environment
# (Docker, systemd's EnvironmentFile), every start logged Bolt's "As you gave `client` as well, `token` will be
# unused", which read as if the bot token were ignored.
BOLT_OAUTH_ENV = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_SCOPES", "SLACK_USER_SCOPES", "SLACK_REDIRECT_URI",
                  "SLACK_INSTALL_PATH", "SLACK_REDIRECT_URI_PATH", "SLACK_BOT_TOKEN")


@contextlib.contextmanager
def _without_oauth_env() -> Iterator[None]:
    """Bolt turns on its OAuth installation flow by itself when SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are
    in the environment (common on a Slack developer's machine), and then ignores the bot token. This app is
    a single-workspace install with a bot token, so Bolt must not see them while it is built."""
    hidden = {k: os.environ.pop(k) for k in BOLT_OAUTH_ENV if k in os.environ}
    try:
        yield
    finally:
        os.environ.update(hidden)


def build_app(core: CommandCore, settings: Settings, client: AsyncWebClient | None = None,
              gone: asyncio.Future[str] | None = None) -> AsyncApp:
    """The Bolt app with every listener registered; ``client`` defaults to one built from the settings;
    ``gone`` resolves when Slack says the app was uninstalled (``bot.slack.lifecycle``)."""
    client = client or build_client(settings)
    if not client.token:
        raise SlackSetupError("Slack needs SLACK_BOT_TOKEN (the xoxb- bot token)")
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    # An explicit secret ("" in Socket Mode, where Bolt skips signature checks) keeps Bolt from reading the
    # environment behind the settings' back.
    with _without_oauth_env():
        app = AsyncApp(name="dispute-bot", client=client, signing_secret=secret)
    # With replicas, the event claims and the threads answered in are shared through the store.
    SlackHandlers(core, client, seen=core.shared.deduper(), threads=core.shared.answered_threads()).register(app)
    stop_when_uninstalled(app, gone)
    return app


def build_oauth_app(core: CommandCore, settings: Settings, engine: Engine) -> AsyncApp:
    """The same listeners for many workspaces: no bot token of its own; each request is authorized with the
    token its workspace installed (Bolt's installation-store authorize), and uninstalls delete it."""
    from bot.slack.oauth import oauth_settings

    # oauth.v2.access goes to SLACK_API_URL too
    client = AsyncWebClient(base_url=settings.slack_api_url, retry_handlers=retry_handlers())
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    with _without_oauth_env():
        app = AsyncApp(name="dispute-bot", client=client, signing_secret=secret,
                       oauth_settings=oauth_settings(settings, engine))
    app.enable_token_revocation_listeners()
    # Replicas behind one URL: a retried event or a follow-up reaches any of them, as in token mode.
    SlackHandlers(core, client, seen=core.shared.deduper(), threads=core.shared.answered_threads()).register(app)
    return app


async def start_http(app: AsyncApp, signing_secret: str, host: str = "0.0.0.0", port: int = 3000,
                     core: CommandCore | None = None, metrics_too: bool = True) -> web.AppRunner:
    """Serve ``app`` at ``EVENTS_PATH`` on ``host:port`` (0 picks a free port), with the health endpoints of
    ``core`` when given, and its metrics unless ``METRICS_PORT`` serves them (``health.on_slack_port``);
    ``cleanup()`` stops it."""
    server = web_app(app, signing_secret)
    if core is not None:
        health.add_routes(server, core, metrics_too)
    return await health.start(server, host, port)


def socket_mode_handler(app: AsyncApp, settings: Settings) -> AsyncSocketModeHandler:
    """The Socket Mode connection for ``app``; ``apps.connections.open`` goes through the app's client,
    so ``SLACK_API_URL`` applies to it too."""
    if settings.slack_app_token is None:
        raise SlackSetupError("Socket Mode needs SLACK_APP_TOKEN")
    return AsyncSocketModeHandler(app, app_token=settings.slack_app_token.get_secret_value(), web_client=app.client)


async def check_bot_token(client: AsyncWebClient) -> None:
    """Fail at start-up, with a clear message, when Slack rejects the bot token; a network problem only
    warns, since Slack may simply be unreachable for a moment."""
    try:
        identity = await client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error in ("invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"):
            raise SlackSetupError(f"Slack rejected SLACK_BOT_TOKEN ({error})") from None
        log.warning("auth.test failed (%s); starting anyway", error)
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.warning("could not reach the Slack Web API at %s (%s); starting anyway", client.base_url,
                    type(exc).__name__)
    else:
        log.info("Slack: signed in as %s in %s", identity.get("user"), identity.get("team"))


async def serve_slack(
    core: CommandCore, settings: Settings, *, http: bool = False, port: int = 3000, host: str = "0.0.0.0"
) -> None:
    """Serve Slack until cancelled: Socket Mode when SLACK_APP_TOKEN is set (and not ``http``), else HTTP
    on ``host:port`` (all interfaces by default: Slack must reach it, usually through a TLS proxy)."""
    if proxy_warning := no_proxy_ignored(settings.slack_api_url):
        log.warning("%s", proxy_warning)
    problem = setup_problem(settings, http)
    if problem:
        raise SlackSetupError(problem)
    engine: Engine | None = None
    gone: asyncio.Future[str] = asyncio.get_running_loop().create_future()  # token mode: uninstalled
    if http and settings.slack_oauth:
        from bot.slack.oauth import open_oauth_engine

        engine = await asyncio.to_thread(open_oauth_engine, settings)
        app = build_oauth_app(core, settings, engine)
        log.info("Slack: multi-workspace OAuth; installs start at %s", settings.slack_install_path)
    else:
        client = build_client(settings)
        await check_bot_token(client)  # before the watch: a token refused at start-up is a setting, said once
        app = build_app(core, settings, client=client, gone=gone)
    if http:
        secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
        try:
            metrics_too = health.on_slack_port(settings.metrics_port, port)
            runner = await start_http(app, secret, host=host, port=port, core=core, metrics_too=metrics_too)
        except OSError as exc:
            fix = "give run a free --port (Slack's Request URL must reach it), or --host an address of this machine"
            raise SlackSetupError(health.cannot_listen(exc, host, port, fix)) from None
        log.info("Slack: HTTP mode, listening on %s:%d at %s (and /healthz, /readyz%s)", host, port,
                 EVENTS_PATH, ", /metrics" if metrics_too else "")
        try:
            raise SlackSetupError(await gone)  # with OAuth, never: each workspace's uninstall is its own
        finally:
            await runner.cleanup()
            if engine is not None:
                engine.dispose()
    else:
        handler = socket_mode_handler(app, settings)
        refused = watch_app_token(handler)
        try:
            await handler.connect_async()
            if not refused.done():
                log.info("Slack: connected in Socket Mode")
            await asyncio.wait({refused, gone}, return_when=asyncio.FIRST_COMPLETED)
            if gone.done():  # an uninstall takes the app-level token's connections with it: the cause first
                raise SlackSetupError(gone.result())
            raise SlackSetupError(f"Slack rejected SLACK_APP_TOKEN ({refused.result()}); Socket Mode stopped. "
                                  "Generate a new app-level token (Basic Information → App-Level Tokens, "
                                  "connections:write).")
        finally:
            await handler.close_async()
