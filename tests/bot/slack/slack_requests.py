"""Slack request payloads, signed the way Slack signs them (``SignatureVerifier``), for Bolt's dispatcher."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

from bot.core import CommandCore
from tests.bot.slack.stub_slack import APP_ID, BOT_USER_ID, SUBSCRIBED, TEAM_ID, StubSlack

SIGNING_SECRET = "stub-signing-secret"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

_ids = itertools.count(1)


def signed_headers(body: str, content_type: str, secret: str = SIGNING_SECRET,
                   timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    assert signature
    return {"content-type": content_type, "x-slack-request-timestamp": ts, "x-slack-signature": signature}


def signed_bytes_headers(body: bytes, content_type: str, secret: str = SIGNING_SECRET) -> dict[str, str]:
    """Headers for a body that need not be text: Slack signs the raw bytes (``v0:timestamp:body``)."""
    ts = str(int(time.time()))
    digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"content-type": content_type, "x-slack-request-timestamp": ts, "x-slack-signature": f"v0={digest}"}


def slash_payload(stub: StubSlack, command: str, text: str = "", user: str = "UASKER",
                  channel: str = "C1") -> dict[str, str]:
    key = f"r{next(_ids)}"
    return {
        "token": "legacy", "team_id": TEAM_ID, "team_domain": "stub", "channel_id": channel, "channel_name": "general",
        "user_id": user, "user_name": user.lower(), "command": command, "text": text, "api_app_id": APP_ID,
        "is_enterprise_install": "false", "response_url": stub.response_url(key), "trigger_id": f"trig{key}",
    }


def event_payload(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "token": "legacy", "team_id": TEAM_ID, "api_app_id": APP_ID, "event": event, "type": "event_callback",
        "event_id": f"Ev{next(_ids)}", "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
    }


def message_event(text: str, *, user: str = "UASKER", channel: str = "C1", ts: str | None = None,
                  thread_ts: str | None = None, kind: str = "message", channel_type: str = "channel",
                  **extra: Any) -> dict[str, Any]:
    event: dict[str, Any] = {"type": kind, "user": user, "text": text, "channel": channel, "channel_type": channel_type,
             "ts": ts or f"1699999999.{next(_ids):06d}", "team": TEAM_ID, **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    if kind == "app_mention":
        event.pop("channel_type")
    return event


def form_body(payload: dict[str, str]) -> str:
    return urlencode(payload)


def bolt_request(body: str, headers: dict[str, str]) -> AsyncBoltRequest:
    """What Bolt's HTTP adapters build from a request."""
    converted: dict[str, str | Sequence[str]] = dict(headers)
    return AsyncBoltRequest(body=body, headers=converted)


async def dispatch(app: AsyncApp, body: str, content_type: str, extra_headers: dict[str, str] | None = None,
                   **sign: Any) -> BoltResponse:
    headers = {**signed_headers(body, content_type, **sign), **(extra_headers or {})}
    return await app.async_dispatch(bolt_request(body, headers))


async def slash(app: AsyncApp, payload: dict[str, str]) -> BoltResponse:
    return await dispatch(app, form_body(payload), FORM)


# A message event's subscription, by the kind of conversation it was posted in (its ``channel_type``).
MESSAGE_EVENTS = {"channel": "message.channels", "group": "message.groups", "im": "message.im",
                  "mpim": "message.mpim", "app_home": "message.app_home"}


def subscription(event: dict[str, Any]) -> str:
    """The bot event an app must subscribe to for Slack to send ``event``."""
    if event.get("type") == "message":
        return MESSAGE_EVENTS.get(str(event.get("channel_type")), "message.?")
    return str(event.get("type"))


async def send_event(app: AsyncApp, event: dict[str, Any]) -> BoltResponse:
    """Deliver ``event`` as Slack would, which it does only for the events the manifest subscribes to."""
    assert subscription(event) in SUBSCRIBED, f"Slack sends no {subscription(event)} to an app installed from " \
        "slack/manifest.yml: it does not subscribe to it"
    return await dispatch(app, json.dumps(event_payload(event)), JSON)


def strings(value: Any) -> list[str]:
    """Every string inside a message (text, block texts, …), for checks that must cover all of it."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "_key" for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def shown_text(message: dict[str, Any]) -> str:
    return "\n".join(strings({"text": message.get("text"), "blocks": message.get("blocks")}))


async def reply_to(stub: StubSlack, payload: dict[str, str], timeout: float = 20.0) -> dict[str, Any]:
    """The message the app posted to this slash command's response_url."""
    key = payload["response_url"].rsplit("/", 1)[1]
    await stub.wait_for(lambda: any(r["_key"] == key for r in stub.responses), timeout)
    return next(r for r in stub.responses if r["_key"] == key)


async def replied_ts(stub: StubSlack, app: AsyncApp, command: str, text: str = "", **payload: str) -> str:
    """Run ``command`` through the app; the ts of its public reply, under which a thread goes on with it."""
    sent = slash_payload(stub, command, text, **payload)
    await slash(app, sent)
    await reply_to(stub, sent)
    return str(stub.response_ts[sent["response_url"].rsplit("/", 1)[1]])


async def command_reply(stub: StubSlack, app: AsyncApp, command: str, text: str = "", **payload: str
                        ) -> dict[str, Any]:
    """Run ``command`` through the app and return what it posted to the command's response_url."""
    sent = slash_payload(stub, command, text, **payload)
    await slash(app, sent)
    return await reply_to(stub, sent)


async def settled(core: CommandCore, timeout: float = 15.0) -> None:
    """Return once the app over ``core`` has finished every event and command it acknowledged. Bolt schedules a
    listener before the acknowledgement returns, and the listeners count themselves in flight from their first
    statement (``InFlight.handling``); ``drain`` wants nothing in flight twice, a poll apart, so a listener
    scheduled a moment ago has started by then. After this, a post the app did not make is one it was never
    going to make: a fixed sleep only guessed, and under load let "answered once" pass before a second answer."""
    assert await core.in_flight.drain(timeout), f"the app was still busy after {timeout} s"


async def posts_in(stub: StubSlack, method: str, count: int = 1, timeout: float = 20.0) -> list[dict[str, Any]]:
    await stub.wait_for(lambda: len(stub.posted(method)) >= count, timeout)
    return stub.posted(method)


def block_action(stub: StubSlack, action_id: str, value: str, *, user: str = "UASKER", channel: str = "C1",
                 message: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ``block_actions`` payload for a click on a button, as Slack sends it (form field ``payload``)."""
    key = f"a{next(_ids)}"
    return {
        "type": "block_actions", "token": "legacy", "api_app_id": APP_ID, "trigger_id": f"trig{key}",
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
        "team": {"id": TEAM_ID, "domain": "stub"}, "channel": {"id": channel, "name": "general"},
        "container": {"type": "message", "message_ts": "1700000000.000001", "channel_id": channel,
                      "is_ephemeral": False},
        "message": message or {"type": "message", "ts": "1700000000.000001", "text": "answer"},
        "response_url": stub.response_url(key), "is_enterprise_install": False,
        "actions": [{"type": "button", "action_id": action_id, "block_id": f"feedback:{value}", "value": value,
                     "text": {"type": "plain_text", "text": "x"}, "action_ts": str(time.time())}],
    }


async def click(app: AsyncApp, payload: dict[str, Any], **sign: Any) -> BoltResponse:
    return await dispatch(app, form_body({"payload": json.dumps(payload)}), FORM, **sign)
