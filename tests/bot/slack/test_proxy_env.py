"""slack_sdk ignores NO_PROXY: the bot says so at start-up when NO_PROXY exempts SLACK_API_URL's host but a
proxy variable will still carry its calls (shown here: the calls do go to the proxy)."""

from __future__ import annotations

import logging

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import CommandCore
from bot.settings import Settings
from bot.slack.app import SlackSetupError, serve_slack
from bot.slack.proxy_env import exempted, no_proxy_ignored, slack_sdk_proxy
from tests.bot.slack.stub_slack import BOT_TOKEN, StubSlack

CLOSED = "http://user:secret@127.0.0.1:9"  # a proxy nothing answers on (port 9, discard)


@pytest.mark.asyncio(loop_scope="function")
async def test_slack_sdk_ignores_no_proxy(stub: StubSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why the warning exists: with NO_PROXY naming the host, the call still went to the (dead) proxy."""
    monkeypatch.setenv("HTTPS_PROXY", CLOSED)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    client = AsyncWebClient(token=BOT_TOKEN, base_url=stub.api_url)
    with pytest.raises((OSError, SlackApiError)):
        await client.auth_test()
    assert not stub.calls


@pytest.mark.parametrize(("environ", "warned"), [
    ({"HTTPS_PROXY": CLOSED, "NO_PROXY": "127.0.0.1"}, True),
    ({"http_proxy": CLOSED, "no_proxy": ".example,127.0.0.1"}, True),
    ({"HTTPS_PROXY": CLOSED, "NO_PROXY": "*"}, True),
    ({"HTTPS_PROXY": CLOSED, "NO_PROXY": "slack.example"}, False),  # not exempt: the proxy is wanted
    ({"HTTPS_PROXY": CLOSED}, False),
    ({"HTTPS_PROXY": " ", "NO_PROXY": "127.0.0.1"}, False),  # slack_sdk takes a blank as no proxy
    ({"NO_PROXY": "127.0.0.1"}, False),
])
def test_the_warning_names_the_exempt_host_and_the_proxy_without_its_password(environ: dict[str, str],
                                                                              warned: bool) -> None:
    warning = no_proxy_ignored("http://127.0.0.1:4000/api/", environ)
    assert (warning is not None) is warned
    if warning:
        assert "127.0.0.1" in warning and "http://127.0.0.1:9" in warning and "secret" not in warning


@pytest.mark.parametrize(("host", "no_proxy", "exempt"), [
    ("api.slack.com", "slack.com", True), ("slack.com", ".slack.com", True), ("API.Slack.com", " .slack.com", True),
    ("slack.com", "ack.com", False), ("slack.com.evil", "slack.com", False), ("127.0.0.1", "127.0.0.1:4000", True),
    ("127.0.0.1", "10.0.0.0/8, 127.0.0.0/8", True), ("10.1.2.3", "127.0.0.0/8", False), ("::1", "::1", True),
    ("slack.com", "", False),
])
def test_no_proxy_is_read_as_curl_reads_it(host: str, no_proxy: str, exempt: bool) -> None:
    assert exempted(host, no_proxy) is exempt


def test_the_proxy_is_found_as_slack_sdk_finds_it() -> None:
    assert slack_sdk_proxy({"HTTPS_PROXY": "", "HTTP_PROXY": CLOSED}) == CLOSED  # an empty one is passed over
    assert slack_sdk_proxy({"https_proxy": "http://a:1", "HTTP_PROXY": CLOSED}) == "http://a:1"  # https first


@pytest.mark.asyncio(loop_scope="function")
async def test_serve_slack_warns_before_starting(seed_core: CommandCore, monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("HTTPS_PROXY", CLOSED)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    settings = Settings(_env_file=None, slack_api_url="http://127.0.0.1:9/api/")  # type: ignore[call-arg]
    with caplog.at_level(logging.WARNING), pytest.raises(SlackSetupError):  # no token: the setup is refused
        await serve_slack(seed_core, settings)
    assert "ignores NO_PROXY" in caplog.text
