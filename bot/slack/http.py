"""Slack's HTTP endpoint: requests are checked before Bolt sees them, so none can produce a 5xx.

Bolt parses a request's body before it verifies the signature, and fails with a 500 (and a traceback in
the log) on a body that is not UTF-8, not JSON or not a Slack payload, or on a timestamp that is not a
number. Here each of those gets a 400 or 401 and one WARNING line: the timestamp is checked, the body
decoded and the signature verified (``SignatureVerifier``, as Bolt does) before Bolt parses anything.
Bolt then verifies again and dispatches. A bad or stale signature keeps Bolt's answer, 401 and an INFO
line, since anyone on the internet can send those.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _refuse(status: int, reason: str, request: web.Request, level: int = logging.WARNING) -> web.Response:
    log.log(level, "refused a Slack request from %s with %d: %s", request.remote, status, reason)
    return web.Response(status=status, text=reason)


def is_ssl_check(request: web.Request, body: str) -> bool:
    """Slack checks a slash command's Request URL with an unsigned form post, ``ssl_check=1&token=…`` (no
    signature or timestamp headers), and the URL fails its check unless it gets a 200. Bolt answers it
    before its signature check; here the signature checks come first, so it is answered here. It carries no
    command, and nothing is run."""
    if request.content_type != "application/x-www-form-urlencoded":
        return False
    form = parse_qs(body)
    return form.get("ssl_check") == ["1"] and not form.keys() - {"ssl_check", "token"}


def events_handler(app: AsyncApp, signing_secret: str) -> Handler:
    """The aiohttp handler for ``EVENTS_PATH``."""
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    async def handle(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _refuse(400, "the body is not UTF-8 text", request)
        if is_ssl_check(request, body):
            return web.Response(status=200, text="")
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        if verifier is not None and not timestamp.strip().isdecimal():
            return _refuse(401, "X-Slack-Request-Timestamp is not a number", request)
        if verifier is not None and not verifier.is_valid(body, timestamp, request.headers.get("X-Slack-Signature")):
            return _refuse(401, "bad or stale signature", request, logging.INFO)
        try:
            bolt_request = AsyncBoltRequest(body=body, query=request.query_string,
                                            headers=dict(request.headers))
            if not isinstance(bolt_request.body, dict):
                raise ValueError("not a JSON object")
        except Exception as exc:
            return _refuse(400, f"the body is not a Slack payload ({type(exc).__name__})", request)
        response = await app.async_dispatch(bolt_request)
        if response.status >= 500:  # Bolt has logged why; Slack would only retry what cannot succeed
            return _refuse(400, "the request could not be handled", request)
        return await to_aiohttp_response(response)

    return handle


def oauth_handler(app: AsyncApp) -> Handler:
    """The install page and the OAuth redirect, when the app has Bolt's OAuth flow (``bot.slack.oauth``).
    Bolt checks the state (one-time, from the store, and the browser's cookie) and answers refusals itself."""
    flow = app.oauth_flow
    assert flow is not None

    async def handle(request: web.Request) -> web.StreamResponse:
        bolt_request = await to_bolt_request(request)
        if request.path == flow.install_path:
            response = await flow.handle_installation(bolt_request)
        else:
            response = await flow.handle_callback(bolt_request)
        return await to_aiohttp_response(response)

    return handle


def web_app(app: AsyncApp, signing_secret: str) -> web.Application:
    server = web.Application()
    server.router.add_post(EVENTS_PATH, events_handler(app, signing_secret))
    if app.oauth_flow is not None:
        server.router.add_get(app.oauth_flow.install_path, oauth_handler(app))
        server.router.add_get(app.oauth_flow.redirect_uri_path, oauth_handler(app))
    return server
