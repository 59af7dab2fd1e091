"""Installs in many workspaces: Bolt's OAuth flow over real HTTP, installations in the store, per-team tokens."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import AsyncIterator
from datetime import datetime
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
import sqlalchemy as sa
import yaml
from pydantic import SecretStr
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.actors import ModeratorPolicy
from bot.core import CommandCore
from bot.settings import SLACK_AUTHORIZE_DEFAULT, Settings
from bot.slack.app import EVENTS_PATH, SlackSetupError, serve_slack, setup_problem
from bot.store.engines import open_engine
from bot.store.migrations import migrate
from tests.bot.slack.slack_requests import JSON, SIGNING_SECRET, event_payload, message_event, settled, signed_headers
from tests.bot.slack.stub_oauth import CLIENT_ID, CLIENT_SECRET, OAuthStubSlack
from tests.bot.slack.stub_slack import BOT_USER_ID, MANIFEST
from tests.loopback import free_port

TEAM = "T0OTHER"
QUESTION = "how many accounts were ordered blocked?"
COOKIE = "slack-app-oauth-state"
REFUSED = (400, 401)  # Bolt's failure page: 400 for a state from another browser, 401 for an unknown one


def oauth_settings(stub: OAuthStubSlack, database_url: str) -> Settings:
    return Settings(_env_file=None, slack_client_id=CLIENT_ID,  # type: ignore[call-arg]
                    slack_client_secret=SecretStr(CLIENT_SECRET), slack_signing_secret=SecretStr(SIGNING_SECRET),
                    slack_api_url=stub.api_url, database_url=SecretStr(database_url))


@contextlib.asynccontextmanager
async def serving(core: CommandCore, settings: Settings) -> AsyncIterator[str]:
    port = free_port()
    task = asyncio.create_task(serve_slack(core, settings, http=True, host="127.0.0.1", port=port))
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(200):
                if task.done():
                    task.result()
                with contextlib.suppress(aiohttp.ClientConnectionError):
                    async with http.get(f"{base}/healthz"):
                        break
                await asyncio.sleep(0.05)
        yield base
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def start_install(http: aiohttp.ClientSession, base: str) -> tuple[str, str]:
    """GET the install page: ``(authorize link, state cookie)``."""
    async with http.get(f"{base}/slack/install", allow_redirects=False) as response:
        assert response.status == 200
        page = await response.text()
        cookie = response.cookies[COOKIE].value
    link = unescape(re.search(r'href="(https://[^"]+)"', page).group(1))  # type: ignore[union-attr]
    return link, cookie


async def redirect(http: aiohttp.ClientSession, base: str, code: str, state: str, cookie: str) -> int:
    async with http.get(f"{base}/slack/oauth_redirect", params={"code": code, "state": state},
                        headers={"Cookie": f"{COOKIE}={cookie}"}, allow_redirects=False) as response:
        return response.status


@pytest.mark.asyncio(loop_scope="function")
async def test_install_then_answer_with_that_workspaces_token(
    oauth_stub: OAuthStubSlack, seed_core: CommandCore, db_url: str
) -> None:
    settings = oauth_settings(oauth_stub, db_url)  # installations on SQLite, and on PostgreSQL under test-postgres
    async with serving(seed_core, settings) as base, aiohttp.ClientSession() as http:
        link, cookie = await start_install(http, base)
        query = parse_qs(urlsplit(link).query)
        assert link.startswith(SLACK_AUTHORIZE_DEFAULT + "?")
        assert query["client_id"] == [CLIENT_ID] and query["state"] == [cookie]
        manifest_scopes = yaml.safe_load(MANIFEST.read_text())["oauth_config"]["scopes"]["bot"]
        assert sorted(query["scope"][0].split(",")) == sorted(manifest_scopes)

        code = oauth_stub.approve(TEAM, manifest_scopes)
        assert await redirect(http, base, code, cookie, cookie) == 200
        [exchange] = oauth_stub.exchanges
        assert exchange["code"] == code and exchange["client_id"] == CLIENT_ID
        [(token, team)] = oauth_stub.team_tokens.items()
        assert team == TEAM

        # Stored where every replica can find it: the store's database, through slack_sdk's own store.
        engine = open_engine(settings.database_url.get_secret_value())
        bot = SQLAlchemyInstallationStore(CLIENT_ID, engine).find_bot(enterprise_id=None, team_id=TEAM)
        engine.dispose()
        assert bot is not None and bot.bot_token == token

        # A signed event from that workspace is answered with that workspace's token.
        mention = message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="700.1")
        mention["team"] = TEAM
        payload = event_payload(mention)
        payload["team_id"] = TEAM
        payload["authorizations"][0]["team_id"] = TEAM
        body = json.dumps(payload)
        async with http.post(base + EVENTS_PATH, data=body, headers=signed_headers(body, JSON)) as response:
            assert response.status == 200
        await oauth_stub.wait_for(lambda: bool(oauth_stub.posted("chat.postMessage")))
        [post] = [c for c in oauth_stub.calls if c.method == "chat.postMessage"]
        assert post.token == token and post.params["thread_ts"] == "700.1" and "257" in post.params["text"]

        # A workspace that never installed the app gets nothing, and no token is made up for it.
        stranger = json.loads(body.replace(TEAM, "T0NOBODY").replace('"700.1"', '"701.1"'))
        stranger["event_id"] = "EvStranger"
        body = json.dumps(stranger)
        async with http.post(base + EVENTS_PATH, data=body, headers=signed_headers(body, JSON)) as response:
            assert response.status == 200  # Bolt's "please reinstall" text, not an error Slack would retry
        await settled(seed_core)  # acknowledged: a listener it started would have posted by now
        assert len(oauth_stub.posted("chat.postMessage")) == 1


@pytest.mark.asyncio(loop_scope="function")
async def test_invalid_reused_or_expired_states_are_refused(
    oauth_stub: OAuthStubSlack, seed_core: CommandCore, db_url: str
) -> None:
    settings = oauth_settings(oauth_stub, db_url)
    async with serving(seed_core, settings) as base, aiohttp.ClientSession() as http:
        _, cookie = await start_install(http, base)
        code = oauth_stub.approve(TEAM, settings.slack_scopes)
        assert await redirect(http, base, code, "made-up-state", "made-up-state") in REFUSED  # never issued
        assert await redirect(http, base, code, cookie, "another-browser") in REFUSED  # not this browser's state

        _, expired = await start_install(http, base)
        engine = open_engine(settings.database_url.get_secret_value())
        states = SQLAlchemyOAuthStateStore(600, engine).oauth_states
        with engine.begin() as conn:
            changed = conn.execute(sa.update(states).where(states.c.state == expired)
                                   .values(expire_at=datetime(2000, 1, 1))).rowcount
        assert changed == 1, "the state was issued into the store's database"
        engine.dispose()
        assert await redirect(http, base, code, expired, expired) in REFUSED

        assert oauth_stub.exchanges == [], "no refused state reached oauth.v2.access"
        assert await redirect(http, base, code, cookie, cookie) == 200  # the genuine one still works, once
        assert await redirect(http, base, code, cookie, cookie) in REFUSED  # a state is good once
        assert len(oauth_stub.exchanges) == 1 and len(oauth_stub.team_tokens) == 1


def test_token_mode_stays_the_default_and_oauth_needs_http(tmp_path: Path) -> None:
    token_only = Settings(_env_file=None, slack_bot_token=SecretStr("xoxb-1"))  # type: ignore[call-arg]
    assert not token_only.slack_oauth and token_only.has_slack
    oauth = Settings(_env_file=None, slack_client_id=CLIENT_ID,  # type: ignore[call-arg]
                     slack_client_secret=SecretStr(CLIENT_SECRET))
    assert oauth.slack_oauth and oauth.has_slack
    assert "need HTTP mode, which needs SLACK_SIGNING_SECRET" in str(setup_problem(oauth, http=False))
    assert "SLACK_SIGNING_SECRET" in str(setup_problem(oauth, http=True))
    with pytest.raises(SlackSetupError, match="need HTTP mode"):
        asyncio.run(serve_slack(None, oauth))  # type: ignore[arg-type]


def test_migration_3_holds_every_column_slack_sdk_uses(db_url: str) -> None:
    """The tables are frozen in the migration; an upgrade of slack_sdk that reads a new column fails here."""
    engine = open_engine(db_url)
    assert migrate(engine) >= 3
    inspector = sa.inspect(engine)
    meta = sa.MetaData()
    expected = [SQLAlchemyInstallationStore.build_installations_table(meta, "slack_installations"),
                SQLAlchemyInstallationStore.build_bots_table(meta, "slack_bots"),
                SQLAlchemyOAuthStateStore.build_oauth_states_table(meta, "slack_oauth_states")]
    for table in expected:
        have = {c["name"] for c in inspector.get_columns(table.name)}
        assert {c.name for c in table.columns} <= have, table.name
    engine.dispose()


def test_oauth_mode_shares_event_claims_and_answered_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Replicas behind one URL in OAuth mode: a retried event or a follow-up in the bot's thread can reach any
    of them, so the handlers get the store-backed claims and threads, as in token mode (they kept their own)."""
    from bot.slack import app as slack_app

    shared = SimpleNamespace(deduper=lambda: "the shared claims", answered_threads=lambda: "the shared threads")
    given: list[dict[str, object]] = []
    real = slack_app.SlackHandlers

    def spy(core: object, client: object, **kwargs: object) -> object:
        given.append(kwargs)
        return real(core, client, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(slack_app, "SlackHandlers", spy)
    settings = Settings(_env_file=None, slack_client_id=CLIENT_ID,  # type: ignore[call-arg]
                        slack_client_secret=SecretStr(CLIENT_SECRET), slack_signing_secret=SecretStr(SIGNING_SECRET))
    engine = open_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    migrate(engine)
    slack_app.build_oauth_app(SimpleNamespace(shared=shared, moderators=ModeratorPolicy()), settings, engine)  # type: ignore[arg-type]
    engine.dispose()
    assert given == [{"seen": "the shared claims", "threads": "the shared threads"}]


def test_the_manifest_subscribes_to_the_uninstall_events_bolt_listens_for() -> None:
    """Slack sends an event only to apps subscribed to it: without these, an uninstalled workspace's token
    stayed stored."""
    events = set(yaml.safe_load(MANIFEST.read_text())["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_uninstalled", "tokens_revoked"} <= events


async def test_expired_states_are_deleted_as_new_ones_are_issued(db_url: str) -> None:
    """Anyone may open the install page; slack_sdk deletes a state only when it is used, so every visit left
    a row in the shared database for good."""
    import time

    from bot.slack.oauth import ThreadedStateStore

    engine = open_engine(db_url)
    migrate(engine)
    sdk = SQLAlchemyOAuthStateStore(60, engine)
    now = [time.time()]
    states = ThreadedStateStore(sdk, clock=lambda: now[0])

    def count() -> int:
        with engine.connect() as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(sdk.oauth_states)) or 0)

    issued = [await states.async_issue() for _ in range(5)]
    assert count() == 5  # none expired yet: nothing deleted
    now[0] += 400  # past their 60 s, and past the pause between clean-ups
    fresh = await states.async_issue()
    assert count() == 1 and await states.async_consume(fresh)
    assert not any([await states.async_consume(s) for s in issued])
    engine.dispose()
