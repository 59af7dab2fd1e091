"""Slack DM ``add <url>``, the /timeline picture and a long /sources list (files_upload_v2), through Bolt
against the stub Slack."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from bot.results import SourcesList
from bot.slack.events import links_in
from index.fetch_types import FetchOptions
from tests.bot.conftest import CoreFactory, returning
from tests.bot.slack.conftest import BECOME
from tests.bot.slack.dm_results import results_in
from tests.bot.slack.slack_requests import (
    command_reply,
    message_event,
    reply_to,
    send_event,
    shown_text,
    slash,
    slash_payload,
)
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack
from tests.news_site import NewsSite


@pytest.fixture
def url_app(make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
            copied_index: tuple[Path, Path]) -> AsyncApp:
    """The app over a writable core that may fetch from 127.0.0.1 (ALLOW_PRIVATE_URLS=true)."""
    return make_app(make_core(*copied_index, fetch=FetchOptions(allow_private=True)))


def dm(text: str, user: str = "UADMIN") -> dict[str, object]:
    return message_event(text, user=user, channel="D9", channel_type="im")


def test_links_are_read_from_slack_markup() -> None:
    raw = "add <https://ledger.example.org/a?x=1&amp;y=2|ledger.example.org/a> and https://b.example/c"
    assert links_in(raw) == ["https://ledger.example.org/a?x=1&y=2", "https://b.example/c"]
    assert links_in("add <mailto:x@example.org|x@example.org> <#C1|general>") == []


async def test_timeline_shares_its_picture_after_the_text(stub: StubSlack, seed_app: AsyncApp) -> None:
    payload = slash_payload(stub, "/timeline", channel="C7")
    await slash(seed_app, payload)
    reply = await reply_to(stub, payload)
    assert reply["response_type"] == "in_channel" and "2021-02-08 – 2021-02-14" in shown_text(reply)
    await stub.wait_for(lambda: bool(stub.shared))
    [shared] = stub.shared
    assert shared["channel_id"] == "C7" and shared["files"][0]["name"] == "timeline.png"
    assert shared["data"][0].startswith(b"\x89PNG\r\n\x1a\n")
    methods = [c.method for c in stub.calls]
    assert methods.index("files.getUploadURLExternal") < methods.index("files.completeUploadExternal")


async def test_without_files_write_the_text_stands_and_the_failure_is_logged(
    stub: StubSlack, seed_app: AsyncApp, caplog: pytest.LogCaptureFixture
) -> None:
    stub.scopes.discard("files:write")  # an app installed before the manifest asked for it
    payload = slash_payload(stub, "/timeline")
    with caplog.at_level(logging.WARNING, logger="bot.slack"):
        await slash(seed_app, payload)
        assert "2021-02-10" in shown_text(await reply_to(stub, payload))
        for _ in range(400):  # the upload runs after the reply; wait for its log line
            if "missing_scope" in caplog.text:
                break
            await asyncio.sleep(0.05)
    assert stub.shared == [] and "picture was not shared in C1: missing_scope" in caplog.text


async def test_timeline_in_a_channel_the_bot_is_not_in_says_privately_why_the_picture_is_missing(
    stub: StubSlack, seed_app: AsyncApp
) -> None:
    """A slash command works in a channel the bot was never invited to, but the picture is refused there
    (not_in_channel): the text came and the picture silently didn't, only the log said why."""
    stub.outside.add("C8")
    payload = slash_payload(stub, "/timeline", channel="C8")
    await slash(seed_app, payload)
    key = payload["response_url"].rsplit("/", 1)[1]
    await stub.wait_for(lambda: len([r for r in stub.responses if r["_key"] == key]) == 2)
    text, note = [r for r in stub.responses if r["_key"] == key]
    assert text["response_type"] == "in_channel" and "2021-02-10" in shown_text(text)
    assert note["response_type"] == "ephemeral" and note.get("replace_original") is not True
    assert f"<@{BOT_USER_ID}> is not a member of this channel" in note["text"] and "/invite" in note["text"]
    assert stub.shared == []
    await slash(seed_app, slash_payload(stub, "/timeline", channel="C7"))  # where the bot is: no such note
    await stub.wait_for(lambda: bool(stub.shared))
    assert sum("not a member" in r["text"] for r in stub.responses) == 1


async def test_manifest_asks_for_files_write(stub: StubSlack) -> None:
    assert {"files:write", "files:read", "chat:write"} <= stub.scopes


async def test_moderator_adds_a_page_by_url_in_a_dm(stub: StubSlack, url_app: AsyncApp, news_site: NewsSite) -> None:
    url = news_site.page("ledger-second-round.html")
    shown = url.removeprefix("http://")
    await send_event(url_app, dm(f"add <{url}|{shown}>"))
    [report] = await results_in(stub, timeout=60)
    assert "added: web-ministry-and-twitter-hold" in report["text"], report["text"]
    await send_event(url_app, dm("How many accounts did the ministry say were still visible?", user="UASKER"))
    answer = (await results_in(stub, 2, timeout=60))[1]
    assert "412 accounts" in shown_text(answer)
    await send_event(url_app, dm(f"add {url}"))
    again = (await results_in(stub, 3, timeout=60))[2]
    assert "already in the index as web-ministry-and-twitter-hold" in again["text"] and again["channel"] == "D9"
    # Addressed to the bot by name, before or after: the mention is no extra word; nor is a line break.
    for n, text in enumerate((f"<@{BOT_USER_ID}> add <{url}>", f"add <{url}> <@{BOT_USER_ID}>", f"add\n<{url}>"),
                             start=4):
        await send_event(url_app, dm(text))
        reply = (await results_in(stub, n, timeout=60))[-1]
        assert "already in the index as web-ministry-and-twitter-hold" in reply["text"], reply["text"]


async def test_add_url_refusals(stub: StubSlack, url_app: AsyncApp, news_site: NewsSite) -> None:
    url = news_site.page("ledger-second-round.html")
    await send_event(url_app, dm(f"add <{url}>", user="UASKER"))
    [refused] = await results_in(stub)
    assert refused["text"] == f"Only moderators can add articles. {BECOME}" and news_site.hits == []
    await send_event(url_app, dm(f"add <{url}> please, it is important"))
    usage = (await results_in(stub, 2))[1]
    assert usage["text"].startswith("Usage: `add &lt;https://…&gt;`") and news_site.hits == []
    await send_event(url_app, dm(f"add <{news_site.url('/report.pdf')}>"))
    pdf = (await results_in(stub, 3, timeout=60))[2]
    assert "Nothing was added" in pdf["text"] and "not a web page" in pdf["text"] and "application/pdf" in pdf["text"]


async def test_too_many_addresses_are_refused_by_the_one_rule_discord_uses_too(
    stub: StubSlack, url_app: AsyncApp, news_site: NewsSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit was written in each adapter (``MAX_URLS = 5`` twice): it is the upload rules', asked by both."""
    monkeypatch.setattr("bot.uploads.MAX_URLS", 2)
    links = " ".join(f"<{news_site.page('ledger-second-round.html')}?n={n}>" for n in range(3))
    await send_event(url_app, dm(f"add {links}"))
    [refused] = await results_in(stub)
    assert refused["text"] == "Give at most 2 addresses at a time." and news_site.hits == []
    await send_event(url_app, dm(f"add {links} please"))  # too many and words besides: the limit is said
    again = (await results_in(stub, 2))[1]
    assert again["text"] == "Give at most 2 addresses at a time." and news_site.hits == []


async def test_private_addresses_are_refused_by_default(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path], news_site: NewsSite,
) -> None:
    app = make_app(make_core(*copied_index))
    await send_event(app, dm(f"add <{news_site.page('ledger-second-round.html')}>"))
    [refused] = await results_in(stub, timeout=60)
    assert "127.0.0.1 is a loopback address" in refused["text"] and news_site.hits == []


async def test_sources_too_many_for_a_message_are_shared_whole_as_a_file(
    stub: StubSlack, seed_app: AsyncApp, seed_core: CommandCore, monkeypatch: pytest.MonkeyPatch,
    many_sources: SourcesList,
) -> None:
    monkeypatch.setattr(seed_core, "sources", returning(many_sources))
    reply = await command_reply(stub, seed_app, "/sources", channel="C7")
    assert "all 45 are in sources.txt, shared here" in shown_text(reply)
    [shared] = stub.shared  # before the reply that says it is there
    assert stub.calls[-1].method == "files.completeUploadExternal"
    assert shared["channel_id"] == "C7" and shared["files"][0]["name"] == "sources.txt"
    assert all(s.doc_id in shared["data"][0].decode() for s in many_sources.sources)


async def test_sources_in_a_channel_the_bot_is_not_in_say_how_to_get_the_whole_list(
    stub: StubSlack, seed_app: AsyncApp, seed_core: CommandCore, monkeypatch: pytest.MonkeyPatch,
    many_sources: SourcesList, caplog: pytest.LogCaptureFixture,
) -> None:
    """/sources works in a channel the bot was never invited to, but sharing its file there is refused
    (not_in_channel): the list said all 45 were in sources.txt, "shared here", and no file came."""
    monkeypatch.setattr(seed_core, "sources", returning(many_sources))
    stub.outside.add("C8")
    with caplog.at_level(logging.WARNING, logger="bot.slack"):
        reply = await command_reply(stub, seed_app, "/sources", channel="C8")
    shown = shown_text(reply)
    assert stub.shared == [] and "list of sources was not shared in C8: not_in_channel" in caplog.text
    assert "shared here" not in shown and "sources.txt could not be sent here" in shown
    assert "for all 45" in shown and "dispute-bot sources" in shown and "/sources in a DM" in shown
    assert reply["response_type"] == "in_channel"
