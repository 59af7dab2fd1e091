"""Where ``add`` sends the bot token: only to Slack's own file hosts (or the configured Web API's origin).

files.info gives a remote file (Google Drive, or one another app registered with ``files.remote.add``:
``is_external``, mode ``external``) a ``url_private`` on the outside service; the bot sent its token to any
HTTPS address, so a moderator sharing such a file handed the token to that service. Here the outside service is
an HTTPS server on 127.0.0.1 (``localhost.pem``, a self-signed certificate for localhost the app's client is
made to trust) that records every request and whether it carried an ``Authorization`` header.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import CommandCore
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.files import may_send_token
from tests.bot.conftest import CoreFactory
from tests.bot.slack.dm_results import results, results_in
from tests.bot.slack.slack_requests import message_event, send_event, settled
from tests.bot.slack.stub_slack import BOT_TOKEN, StubSlack
from tests.bot.slack.test_adding_by_dm import KOO
from tests.loopback import running

CERT = Path(__file__).with_name("localhost.pem")  # certificate and key, for localhost and 127.0.0.1 until 2126
OUTSIDE = "that file is stored outside Slack: download it and share the file itself"


class OutsideServer:
    """A file host that is not Slack: answers every GET with the article, noting ``(path, had a token)``."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, bool]] = []
        self.port = 0
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/{path:.*}", self._serve)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(CERT)
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=context)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def url(self, path: str) -> str:
        return f"https://localhost:{self.port}/{path}"  # another host than the stub's Web API (127.0.0.1)

    async def _serve(self, request: web.Request) -> web.Response:
        self.seen.append((request.path, "Authorization" in request.headers))
        return web.Response(body=KOO, content_type="text/plain")


@pytest_asyncio.fixture(loop_scope="function")
async def outside() -> AsyncIterator[OutsideServer]:
    async with running(OutsideServer()) as server:
        yield server


@pytest.fixture
def trusting_app(slack_settings: Settings) -> Callable[[CommandCore], AsyncApp]:
    """The app with a client that trusts ``localhost.pem``, as it trusts a real service's certificate: a
    download the bot attempts reaches the outside server, as it would reach Google's."""
    def build(core: CommandCore) -> AsyncApp:
        trusted = ssl.create_default_context(cafile=str(CERT))
        client = AsyncWebClient(token=BOT_TOKEN, base_url=slack_settings.slack_api_url, ssl=trusted)
        return build_app(core, slack_settings, client=client)
    return build


def add_in_dm(file_id: str, name: str, ts: str) -> dict[str, object]:
    return message_event("add", user="UADMIN", channel="D9", channel_type="im", subtype="file_share", ts=ts,
                         files=[{"id": file_id, "name": name}])


async def _reply(stub: StubSlack, core: CommandCore) -> str:
    """The moderator's reply: a refusal, or the "added" of an article that was downloaded."""
    await results_in(stub, timeout=120)
    await settled(core)
    [reply] = results(stub)
    return str(reply["text"]).replace("\u2060", "")  # the file's name is kept inert in mrkdwn


@pytest.mark.asyncio(loop_scope="function")
async def test_a_file_stored_outside_slack_is_refused_and_never_fetched(
    stub: StubSlack, outside: OutsideServer, make_core: CoreFactory, copied_index: tuple[Path, Path],
    trusting_app: Callable[[CommandCore], AsyncApp],
) -> None:
    """A Google Drive file shared with "add": files.info marks it external and its url_private is Google's.
    The token went there with the download; now the moderator is told to share the file itself."""
    core = make_core(*copied_index)
    stub.add_file("F1", "koo.md", KOO)
    meta = stub.files["F1"][0]
    meta.update(mode="external", is_external=True, external_type="gdrive", url_private=outside.url("d/koo.md"),
                url_private_download=outside.url("d/koo.md?export=download"))
    await send_event(trusting_app(core), add_in_dm("F1", "koo.md", "800.1"))
    text = await _reply(stub, core)
    assert outside.seen == [] and stub.downloads == [], outside.seen
    assert text.startswith("Nothing was added.") and f"koo.md: {OUTSIDE}" in text, text
    assert len(stub.posted("chat.postMessage")) == 1  # the refusal, as an ordinary message of the DM: no progress


@pytest.mark.asyncio(loop_scope="function")
async def test_an_https_address_on_another_host_gets_no_token(
    stub: StubSlack, outside: OutsideServer, make_core: CoreFactory, copied_index: tuple[Path, Path],
    trusting_app: Callable[[CommandCore], AsyncApp],
) -> None:
    """A file files.info does not mark external whose download address is on a host that is not Slack's: HTTPS
    alone was enough for the token to go with the request."""
    core = make_core(*copied_index)
    stub.add_file("F2", "koo.md", KOO)
    stub.files["F2"][0].update(url_private=outside.url("files-pri/T1-F2/koo.md"),
                               url_private_download=outside.url("files-pri/T1-F2/download/koo.md"))
    await send_event(trusting_app(core), add_in_dm("F2", "koo.md", "801.1"))
    text = await _reply(stub, core)
    assert not any(token for _, token in outside.seen), outside.seen
    assert "koo.md: its download address is not on Slack's own file servers" in text, text


API = "https://slack.com/api/"


@pytest.mark.parametrize("url", [
    "https://files.slack.com/files-pri/T1-F1/download/koo.md",
    "https://acme.enterprise.slack.com/files-pri/T1-F1/koo.md",
    "https://files.slack-gov.com/files-pri/T1-F1/koo.md",
    "https://slack.com/files-pri/T1-F1/koo.md",
])
def test_slacks_own_file_hosts_get_the_token(url: str) -> None:
    assert may_send_token(url, API)


@pytest.mark.parametrize("url", [
    "https://docs.google.com/document/d/1abc/export?format=txt",  # a Google Drive file's url_private
    "https://files.slack.com.attacker.example/koo.md",
    "https://files.slack.com@attacker.example/koo.md",  # user info: the host is attacker.example
    "https://notslack.com/files-pri/T1-F1/koo.md",
    "http://files.slack.com/files-pri/T1-F1/koo.md",  # Slack's host, but in the clear
    "https://127.0.0.1:8443/files/koo.md",  # not the Web API's origin (another scheme and port)
])
def test_other_hosts_get_no_token(url: str) -> None:
    assert not may_send_token(url, "http://127.0.0.1:9000/api/")


def test_the_configured_web_apis_origin_gets_the_token() -> None:
    """A proxy or GovSlack's Web API set with SLACK_API_URL, and the tests' stub on 127.0.0.1."""
    assert may_send_token("http://127.0.0.1:9000/files/F1/koo.md", "http://127.0.0.1:9000/api/")
    assert may_send_token("https://slack-proxy.internal/files/F1/koo.md", "https://slack-proxy.internal/api/")
    assert not may_send_token("https://slack-proxy.internal:8443/files/F1/koo.md", "https://slack-proxy.internal/api/")
