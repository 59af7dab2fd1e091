"""A bot token Slack stops taking while the bot runs, and a rotating one given at start-up.

With token rotation on, Slack's bot tokens (``xoxe.xoxb-…``) expire 12 hours after they are issued, and Bolt
renews them only in its own OAuth flow: with one such token the bot stopped answering after 12 hours, each
``token_expired`` logged reply by reply, the process running and ``/readyz`` ready, so nothing restarted or
alerted. A refusal during the run now ends ``serve_slack`` as an uninstall does (the runner exits 2 with the
reason); a rotating token is refused at start-up, naming what to do; with OAuth, one workspace's refused token
stops nothing.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from pydantic import SecretStr

from bot import runner
from bot.core import CommandCore
from bot.settings import Settings
from bot.slack.app import EVENTS_PATH, SlackSetupError, serve_slack, setup_problem
from tests.bot.slack.slack_requests import (
    JSON,
    SIGNING_SECRET,
    event_payload,
    message_event,
    signed_headers,
)
from tests.bot.slack.stub_oauth import OAuthStubSlack
from tests.bot.slack.stub_slack import APP_TOKEN, BOT_TOKEN, BOT_USER_ID, StubSlack
from tests.bot.slack.test_oauth import TEAM, oauth_settings, redirect, serving, start_install
from tests.loopback import free_port, running

QUESTION = "how many accounts were ordered blocked?"
ROTATING = "xoxe.xoxb-1-MTIzNDU2Nzg5MA-rotating"


class RefusingSlack(StubSlack):
    """The stub, refusing every call made with the bot token with ``refusing`` once it is set."""

    refusing: str | None = None

    def _answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        if self.refusing is not None and token == BOT_TOKEN:
            return {"ok": False, "error": self.refusing}
        return super()._answer(method, params, token)


@pytest_asyncio.fixture(loop_scope="function")
async def refusing() -> AsyncIterator[RefusingSlack]:
    async with running(RefusingSlack()) as slack:
        yield slack


def settings_for(stub: StubSlack, **changes: Any) -> Settings:
    settings = Settings(_env_file=None, slack_bot_token=SecretStr(BOT_TOKEN),  # type: ignore[call-arg]
                        slack_app_token=SecretStr(APP_TOKEN), slack_api_url=stub.api_url)
    return settings.model_copy(update=changes)


def mention(ts: str) -> dict[str, Any]:
    return event_payload(message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts=ts))


async def _served(core: CommandCore, settings: Settings, **kw: Any) -> str:
    """Serve until Slack stops the bot: why, as the runner prints it (it catches the SystemExit too: raised
    inside a task, one would escape the event loop)."""
    try:
        await serve_slack(core, settings, **kw)
    except SlackSetupError as exc:
        return str(exc.code)
    return ""


def push(stub: StubSlack, envelope: str, ts: str) -> Any:
    return stub.push({"envelope_id": envelope, "type": "events_api", "accepts_response_payload": False,
                      "payload": mention(ts), "retry_attempt": 0, "retry_reason": ""})


@pytest.mark.asyncio(loop_scope="function")
@pytest.mark.parametrize(("error", "told"), [("token_expired", "rotating token (xoxe.…)"),
                                             ("token_revoked", "Install the app again"),
                                             ("account_inactive", "Install the app again")])
async def test_a_bot_token_refused_while_answering_stops_socket_mode_with_the_reason(
    refusing: RefusingSlack, seed_core: CommandCore, caplog: pytest.LogCaptureFixture, error: str, told: str
) -> None:
    task = asyncio.create_task(_served(seed_core, settings_for(refusing)))
    await refusing.wait_for(lambda: refusing.connected > 0)
    await push(refusing, "env-1", "990.1")
    await refusing.wait_for(lambda: bool(refusing.posted("chat.postMessage")))  # answered: the token worked
    refusing.refusing = error  # twelve hours on, for a rotating token
    await push(refusing, "env-2", "990.2")
    said = await asyncio.wait_for(task, 30)
    assert said.startswith(f"dispute-bot: the bot token was refused during the run ({error}); "), said
    assert told in said and BOT_TOKEN not in said
    line = f"Slack: the bot token was refused during the run ({error})"
    assert [r.levelname for r in caplog.records if r.getMessage().startswith(line)] == ["ERROR"], caplog.text
    assert refusing.connected == 0


@pytest.mark.asyncio(loop_scope="function")
async def test_a_bot_token_refused_in_http_mode_stops_the_server(
    refusing: RefusingSlack, seed_core: CommandCore
) -> None:
    port = free_port()
    settings = settings_for(refusing, slack_app_token=None, slack_signing_secret=SecretStr(SIGNING_SECRET))
    task = asyncio.create_task(_served(seed_core, settings, http=True, host="127.0.0.1", port=port))
    url = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            try:
                async with http.get(url + "/healthz"):
                    break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.05)
        refusing.refusing = "token_expired"
        body = json.dumps(mention("991.1"))
        async with http.post(url + EVENTS_PATH, data=body, headers=signed_headers(body, JSON)) as response:
            assert response.status == 200
        assert "(token_expired)" in await asyncio.wait_for(task, 30)
        with pytest.raises(aiohttp.ClientConnectionError):  # the server is down: an orchestrator sees it
            async with http.get(url + "/healthz"):
                pass


@pytest.mark.asyncio(loop_scope="function")
async def test_one_workspaces_refused_token_stops_nothing_with_oauth(
    oauth_stub: OAuthStubSlack, seed_core: CommandCore, db_url: str
) -> None:
    """Many workspaces: the one whose token Slack refuses is logged, and the bot serves the others on."""
    async with serving(seed_core, oauth_settings(oauth_stub, db_url)) as base, aiohttp.ClientSession() as http:
        _, cookie = await start_install(http, base)
        assert await redirect(http, base, oauth_stub.approve(TEAM, ["chat:write"]), cookie, cookie) == 200
        oauth_stub.bot_token_revoked = True  # every call with a valid token: "account_inactive"
        payload = mention("992.1")
        payload["team_id"] = payload["event"]["team"] = payload["authorizations"][0]["team_id"] = TEAM
        body = json.dumps(payload)
        async with http.post(base + EVENTS_PATH, data=body, headers=signed_headers(body, JSON)) as response:
            assert response.status == 200
        await oauth_stub.wait_for(lambda: bool(oauth_stub.posted("chat.postMessage")))
        await asyncio.sleep(0.5)  # time for a stop to take the server down, were there one
        async with http.get(base + "/healthz") as response:
            assert response.status == 200


@pytest.mark.parametrize("http", [False, True])
def test_a_rotating_bot_token_is_refused_at_start_up_naming_what_to_do(http: bool) -> None:
    stub = StubSlack()  # not started: nothing is called
    settings = settings_for(stub, slack_bot_token=SecretStr(ROTATING), slack_signing_secret=SecretStr(SIGNING_SECRET))
    problem = str(setup_problem(settings, http))
    assert problem.startswith("SLACK_BOT_TOKEN is a rotating token (xoxe.…)"), problem
    assert "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET" in problem and "--http" in problem and ROTATING not in problem
    oauth = settings.model_copy(update={"slack_client_id": "1.2", "slack_client_secret": SecretStr("s")})
    assert setup_problem(oauth, http=True) is None, "installs through OAuth: Bolt renews their tokens"


def test_the_runner_refuses_a_rotating_token_before_loading_anything(capsys: pytest.CaptureFixture[str]) -> None:
    settings = settings_for(StubSlack(), slack_bot_token=SecretStr(ROTATING))
    assert runner.run(settings, platform="slack") == 2
    said = capsys.readouterr().err
    assert said.startswith("dispute-bot: SLACK_BOT_TOKEN is a rotating token (xoxe.…)") and ROTATING not in said
