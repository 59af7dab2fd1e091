"""Signature checks, real HTTP on loopback through Bolt's aiohttp adapter, and Socket Mode over a websocket."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import time

import aiohttp
import pytest
from pydantic import SecretStr
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from bot.settings import Settings
from bot.slack.app import EVENTS_PATH, SlackSetupError, build_app, serve_slack, start_http
from tests.bot.slack.slack_requests import (
    FORM,
    JSON,
    SIGNING_SECRET,
    bolt_request,
    dispatch,
    event_payload,
    form_body,
    message_event,
    posts_in,
    reply_to,
    send_event,
    settled,
    shown_text,
    signed_headers,
    slash_payload,
)
from tests.bot.slack.stub_slack import APP_TOKEN, BOT_TOKEN, BOT_USER_ID, StubSlack
from tests.loopback import free_port

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTION = "how many accounts were ordered blocked?"


async def test_bad_or_stale_signatures_get_401(stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp) -> None:
    body = form_body(slash_payload(stub, "/ask", QUESTION))
    assert (await dispatch(seed_app, body, FORM, secret="not-the-secret")).status == 401
    assert (await dispatch(seed_app, body, FORM, timestamp=int(time.time()) - 600)).status == 401
    tampered = await seed_app.async_dispatch(bolt_request(body.replace("how", "who"), signed_headers(body, FORM)))
    assert tampered.status == 401
    await settled(seed_core)  # a listener started by any of them would have called Slack by now
    assert not stub.calls and not stub.responses  # rejected before auth.test or any listener ran


async def test_slacks_ssl_check_is_answered_200_and_nothing_else_unsigned(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp, caplog: pytest.LogCaptureFixture
) -> None:
    """Slack checks a slash command's Request URL with an unsigned form post, 'ssl_check=1&token=…', with no
    signature headers (slackapi/bolt-js#1397). The signature check here came before Bolt's ssl_check step:
    401 and a WARNING, and Slack's check of the URL failed."""
    runner = await start_http(seed_app, SIGNING_SECRET, host="127.0.0.1", port=0)
    url = f"http://127.0.0.1:{runner.addresses[0][1]}{EVENTS_PATH}"
    headers = {"content-type": FORM, "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)"}
    try:
        async with aiohttp.ClientSession() as http:
            async with http.post(url, data="ssl_check=1&token=legacy", headers=headers) as response:
                assert response.status == 200
            for forged in ("ssl_check=0&command=/ask&text=hi", "ssl_check=1&command=/ask&text=hi"):
                async with http.post(url, data=forged, headers=headers) as response:
                    assert response.status == 401, forged
    finally:
        await runner.cleanup()
    await settled(seed_core)  # all three answered: a listener started by a forged one would have called Slack
    assert not stub.calls and not stub.responses
    assert "ssl_check=1&token" not in caplog.text and caplog.text.count("refused a Slack request") == 2


async def test_http_mode_over_loopback(stub: StubSlack, seed_app: AsyncApp) -> None:
    runner = await start_http(seed_app, SIGNING_SECRET, host="127.0.0.1", port=0)
    url = f"http://127.0.0.1:{runner.addresses[0][1]}{EVENTS_PATH}"
    try:
        async with aiohttp.ClientSession() as http:
            payload = slash_payload(stub, "/ask", QUESTION)
            body = form_body(payload)
            async with http.post(url, data=body, headers=signed_headers(body, FORM)) as response:
                assert response.status == 200
            assert "257" in (await reply_to(stub, payload))["text"]
            async with http.post(url, data=body, headers=signed_headers(body, FORM, secret="wrong")) as response:
                assert response.status == 401
            challenge = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "legacy"})
            async with http.post(url, data=challenge, headers=signed_headers(challenge, JSON)) as response:
                assert response.status == 200 and (await response.json())["challenge"] == "c-123"
    finally:
        await runner.cleanup()


async def test_serve_slack_http_mode(stub: StubSlack, seed_core: CommandCore, slack_settings: Settings) -> None:
    port = free_port()
    task = asyncio.create_task(serve_slack(seed_core, slack_settings, http=True, host="127.0.0.1", port=port))
    payload = slash_payload(stub, "/sources")
    body = form_body(payload)
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(100):
                with contextlib.suppress(aiohttp.ClientConnectionError):
                    async with http.post(f"http://127.0.0.1:{port}{EVENTS_PATH}", data=body,
                                         headers=signed_headers(body, FORM)) as response:
                        assert response.status == 200
                        break
                await asyncio.sleep(0.05)
        assert "4 indexed articles" in shown_text(await reply_to(stub, payload))
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def test_socket_mode(stub: StubSlack, seed_core: CommandCore, slack_settings: Settings) -> None:
    settings = slack_settings.model_copy(update={"slack_app_token": SecretStr(APP_TOKEN),
                                                 "slack_signing_secret": None})
    task = asyncio.create_task(serve_slack(seed_core, settings))
    try:
        await stub.wait_for(lambda: stub.connected > 0)
        assert [c.token for c in stub.calls if c.method == "apps.connections.open"] == [APP_TOKEN]
        command = slash_payload(stub, "/ask", QUESTION)
        mention = message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="500.1")
        await stub.push({"envelope_id": "env-cmd", "type": "slash_commands", "accepts_response_payload": True,
                         "payload": command})
        await stub.push({"envelope_id": "env-evt", "type": "events_api", "accepts_response_payload": False,
                         "payload": event_payload(mention), "retry_attempt": 0, "retry_reason": ""})
        await stub.wait_for(lambda: {"env-cmd", "env-evt"} <= {a.get("envelope_id") for a in stub.acks})
        assert all("payload" not in a for a in stub.acks)  # plain acknowledgements; answers come separately
        assert "257" in (await reply_to(stub, command))["text"]
        [post] = await posts_in(stub, "chat.postMessage")
        assert post["thread_ts"] == "500.1" and "257" in post["text"]
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    await stub.wait_for(lambda: stub.connected == 0, timeout=5)


async def test_missing_settings_are_explained(seed_core: CommandCore, slack_settings: Settings) -> None:
    no_secret = slack_settings.model_copy(update={"slack_signing_secret": None})
    with pytest.raises(SlackSetupError, match="--http needs SLACK_SIGNING_SECRET"):
        await serve_slack(seed_core, no_secret, http=True)
    with pytest.raises(SlackSetupError, match="SLACK_APP_TOKEN"):
        await serve_slack(seed_core, slack_settings)
    bad_token = slack_settings.model_copy(update={"slack_bot_token": SecretStr("xoxb-wrong"),
                                                  "slack_app_token": SecretStr(APP_TOKEN)})
    with pytest.raises(SlackSetupError, match=r"rejected SLACK_BOT_TOKEN \(invalid_auth\)") as raised:
        await serve_slack(seed_core, bad_token)
    assert "xoxb-wrong" not in str(raised.value)
    # A wrong app-level token made Socket Mode retry forever, a traceback every few seconds.
    pasted_twice = slack_settings.model_copy(update={"slack_app_token": SecretStr(BOT_TOKEN)})
    with pytest.raises(SlackSetupError, match="must be the app-level token"):
        await serve_slack(seed_core, pasted_twice)


async def _stopped(core: CommandCore, slack_settings: Settings) -> str:
    """Serve Socket Mode with the stub's app token until Slack stops the bot; why, as the runner prints it
    (it catches the SystemExit too: raised inside a task, one would escape the event loop)."""
    settings = slack_settings.model_copy(update={"slack_app_token": SecretStr(APP_TOKEN), "slack_signing_secret": None})
    try:
        await serve_slack(core, settings)
    except SlackSetupError as exc:
        return str(exc.code)
    return ""


async def test_an_app_token_slack_refuses_stops_socket_mode_with_the_reason(
    stub: StubSlack, seed_core: CommandCore, slack_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """slack_sdk retries every connect error: a mistyped xapp- token, or one revoked while the bot ran, gave a
    traceback every ten seconds forever while the bot looked alive."""
    mistyped = slack_settings.model_copy(update={"slack_app_token": SecretStr("xapp-1-mistyped"),
                                                 "slack_signing_secret": None})
    with pytest.raises(SlackSetupError, match=r"rejected SLACK_APP_TOKEN \(invalid_auth\)") as raised:
        async with asyncio.timeout(10):
            await serve_slack(seed_core, mistyped)
    assert "xapp-1-mistyped" not in str(raised.value)
    assert [c.method for c in stub.calls].count("apps.connections.open") == 1 and stub.connected == 0
    task = asyncio.create_task(_stopped(seed_core, slack_settings))
    await stub.wait_for(lambda: stub.connected > 0)
    await stub.revoke_app_token()
    assert "rejected SLACK_APP_TOKEN (token_revoked)" in await asyncio.wait_for(task, 30)
    assert [c.method for c in stub.calls].count("apps.connections.open") == 3  # no retry after the refusal
    assert "Traceback" not in caplog.text and "Retrying" not in caplog.text


UNINSTALLED = {"type": "app_uninstalled"}
BOT_TOKEN_REVOKED = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [BOT_USER_ID]}}


@pytest.mark.parametrize(("event", "gone"), [(UNINSTALLED, True), (BOT_TOKEN_REVOKED, True),
                                            ({**BOT_TOKEN_REVOKED, "tokens": {"oauth": ["U1"]}}, False)],
                         ids=["uninstalled", "bot-token-revoked", "a-user-token-revoked"])
async def test_the_uninstall_events_the_manifest_subscribes_to_are_handled(
    stub: StubSlack, seed_app: AsyncApp, caplog: pytest.LogCaptureFixture, event: dict[str, object], gone: bool
) -> None:
    """Only the OAuth app listened for them: in token mode Bolt answered 404 'Unhandled request' with a
    WARNING suggesting code to write, and nothing told the operator the bot token was gone."""
    response = await send_event(seed_app, event)
    assert response.status == 200, response.body
    # The listener runs after the acknowledgement, so a fixed sleep before looking for its line could pass under
    # load before it ran. A revoked bot token sent next is the marker: Bolt starts listeners in the order their
    # events came and these run to their end without waiting on anything, so once the marker's line is logged,
    # the event's own line is there if it has one.
    marker = await send_event(seed_app, {**BOT_TOKEN_REVOKED, "event_ts": "marker"})
    assert marker.status == 200, marker.body
    async with asyncio.timeout(15):
        while caplog.text.count("SLACK_BOT_TOKEN no longer works") < 1 + gone:
            await asyncio.sleep(0.02)
    assert "Unhandled request" not in caplog.text
    assert caplog.text.count("SLACK_BOT_TOKEN no longer works") == 1 + gone


async def test_an_uninstall_in_socket_mode_is_acknowledged_and_stops_the_bot_with_the_reason(
    stub: StubSlack, seed_core: CommandCore, slack_settings: Settings
) -> None:
    """In Socket Mode the envelope was never acknowledged, and the bot went on as if ready."""
    task = asyncio.create_task(_stopped(seed_core, slack_settings))
    await stub.wait_for(lambda: stub.connected > 0)
    await stub.push({"envelope_id": "env-revoked", "type": "events_api", "accepts_response_payload": False,
                     "payload": event_payload(BOT_TOKEN_REVOKED), "retry_attempt": 0, "retry_reason": ""})
    said = await asyncio.wait_for(task, 10)
    assert "bot token of workspace" in said and "was revoked" in said
    assert "env-revoked" in {a.get("envelope_id") for a in stub.acks}


async def test_oauth_variables_in_the_environment_do_not_replace_the_bot_token(
    seed_core: CommandCore, slack_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_CLIENT_ID", "111.222")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "from-another-app")
    app = build_app(seed_core, slack_settings)
    assert app.oauth_flow is None
    assert app.client.token == slack_settings.slack_bot_token.get_secret_value()  # type: ignore[union-attr]
    assert os.environ["SLACK_CLIENT_ID"] == "111.222"  # put back for anything else in the process


async def test_the_bot_token_in_the_environment_draws_no_warning_that_it_is_unused(
    seed_core: CommandCore, slack_settings: Settings, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture
) -> None:
    """Run with SLACK_BOT_TOKEN in the environment (Docker, systemd), every start logged Bolt's WARNING "As you
    gave `client` as well, `token` will be unused": Bolt read the variable beside the client the settings built,
    and a new operator read it as their token being ignored."""
    token = slack_settings.slack_bot_token.get_secret_value()  # type: ignore[union-attr]
    monkeypatch.setenv("SLACK_BOT_TOKEN", token)
    with caplog.at_level(logging.WARNING):
        app = build_app(seed_core, slack_settings)
    assert app.client.token == token and "unused" not in caplog.text, caplog.text
    assert os.environ["SLACK_BOT_TOKEN"] == token


async def test_an_http_port_already_taken_is_one_line_naming_the_option(
    stub: StubSlack, seed_core: CommandCore, slack_settings: Settings
) -> None:
    """``run --platform slack --http`` (or ``make run`` with a signing secret) on a port another process holds
    ended in asyncio's traceback ("error while attempting to bind on address …")."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SlackSetupError) as refused:
            await serve_slack(seed_core, slack_settings, http=True, host="127.0.0.1", port=port)
    said = str(refused.value.code)
    assert said.startswith(f"dispute-bot: cannot listen on 127.0.0.1:{port} (Address already in use): ") and \
        "--port" in said and "\n" not in said, said
