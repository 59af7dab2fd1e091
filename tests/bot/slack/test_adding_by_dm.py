"""Moderators' ``add`` in a DM, and articles shared elsewhere, as Events API requests through Bolt."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from bot.settings import Settings
from bot.wiring import moderator_policy
from tests.bot.conftest import CoreFactory
from tests.bot.slack.conftest import BECOME, BECOME_ELSEWHERE
from tests.bot.slack.slack_requests import message_event, posts_in, send_event, shown_text
from tests.bot.slack.stub_slack import BOT_TOKEN, BOT_USER_ID, StubSlack
from tests.news_site import PAGES, saved_page_over_a_megabyte
from tests.pdf_files import article_pdf

pytestmark = pytest.mark.asyncio(loop_scope="function")

QUESTION = "how many accounts were ordered blocked?"
KOO = b"""---
title: Koo downloads surge
date: 2021-02-11
url: https://news.example/koo
---
Koo, the Indian microblogging app, said on 11 February 2021 that it had crossed three million users.
"""


def share(text: str, user: str, *files: tuple[str, str]) -> dict[str, object]:
    return message_event(text, user=user, channel="D9", channel_type="im", subtype="file_share",
                         files=[{"id": fid, "name": name} for fid, name in files])


async def test_moderator_adds_articles_by_sharing_them_in_a_dm(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path], caplog: pytest.LogCaptureFixture,
) -> None:
    core = make_core(*copied_index)
    app = make_app(core)
    stub.add_file("F1", "koo.md", KOO)
    stub.add_file("F2", "photo.png", b"\x89PNG")
    stub.add_file("F3", "ledger.html", (PAGES / "ledger-second-round.html").read_bytes())  # a page saved as HTML
    stub.add_file("F4", "talks.pdf", article_pdf())  # a story printed to PDF
    with caplog.at_level(logging.DEBUG):
        event = share("add", "UADMIN", ("F1", "koo.md"), ("F2", "photo.png"), ("F3", "ledger.html"),
                      ("F4", "talks.pdf"))
        await send_event(app, event)
        *_, reply = await posts_in(stub, "chat.postMessage", 2, timeout=60)  # after the progress message
    assert reply["thread_ts"] == event["ts"] and reply["channel"] == "D9"
    assert "added: koo (“" in reply["text"] and "), talks (“" in reply["text"], reply["text"]  # each by title and date
    assert "Refused photo.png: only .txt, .md, PDF (.pdf) and saved web pages (.html)" in reply["text"]
    assert "web-ministry-and-twitter-hold-a-second-round" in reply["text"]
    assert stub.downloads == [("F1", True), ("F3", True), ("F4", True)]  # with the bot token; the .png never
    assert BOT_TOKEN not in caplog.text
    assert "koo" in {s.doc_id for s in (await core.sources()).sources}  # type: ignore[union-attr]


async def test_non_moderators_cannot_add_and_nothing_is_downloaded(
    stub: StubSlack, seed_app: AsyncApp
) -> None:
    stub.add_file("F1", "koo.md", KOO)
    await send_event(seed_app, share("add", "UASKER", ("F1", "koo.md")))
    [refusal] = await posts_in(stub, "chat.postMessage")  # in a 1:1 DM nothing is hidden by a normal message
    assert refusal["text"] == f"Only moderators can add articles. {BECOME}" and refusal["channel"] == "D9"
    await send_event(seed_app, share("", "UADMIN", ("F1", "koo.md")))  # shared without "add"
    [hint] = await posts_in(stub, "chat.postEphemeral")
    assert "with the text `add`" in hint["text"]
    assert not stub.downloads and not stub.posted("files.info") and len(stub.posted("chat.postMessage")) == 1


async def test_an_admin_of_another_workspace_cannot_add_by_dm(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path], slack_settings: Settings,
) -> None:
    """/reindex refused them; a DM "add" looked the user up without the request's workspace, and their admin
    flag in their own workspace made them a moderator here."""
    core = make_core(*copied_index, moderator_policy(slack_settings))
    stub.add_file("F1", "koo.md", KOO)
    await send_event(make_app(core), share("add", "UELSEWHERE", ("F1", "koo.md")))
    [refusal] = await posts_in(stub, "chat.postMessage", timeout=60)
    assert refusal["text"] == f"Only moderators can add articles. {BECOME_ELSEWHERE}"
    assert not stub.downloads and "koo" not in {s.doc_id for s in (await core.sources()).sources}  # type: ignore[union-attr]


async def test_an_article_shared_with_other_words_than_add_is_never_dropped_silently(
        stub: StubSlack, seed_app: AsyncApp) -> None:
    """An article shared with a question about it was answered as if no file came, without saying how to add it
    ("add these please" with one is an add: ``test_add_progress_by_dm``)."""
    stub.add_file("F1", "koo.md", KOO)
    await send_event(seed_app, share(QUESTION, "UASKER", ("F1", "koo.md")))
    [answer] = await posts_in(stub, "chat.postMessage")
    assert "257" in shown_text(answer)
    [hint] = await posts_in(stub, "chat.postEphemeral")
    assert hint["user"] == "UASKER" and "with the text `add`" in hint["text"]
    assert not stub.downloads


async def test_add_in_a_channel_mention_is_told_privately_to_use_a_dm(stub: StubSlack, seed_app: AsyncApp) -> None:
    """"@bot add" with an article (or an address) in a channel was answered in public as the question "add",
    with the closest passages, and the file was dropped without a word."""
    for n, (text, files) in enumerate([("add", [{"id": "F1", "name": "koo.md"}]),
                                       ("add <https://news.example/koo>", [])]):
        await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {text}", kind="app_mention", user="UADMIN",
                                                 ts=f"910.{n + 1}", files=files))
    hints = await posts_in(stub, "chat.postEphemeral", 2)
    assert all(h["user"] == "UADMIN" and "direct message" in h["text"] for h in hints)
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="911.1"))
    [answer] = await posts_in(stub, "chat.postMessage")  # the sentinel: the only public post
    assert answer["thread_ts"] == "911.1" and not stub.downloads


async def test_a_saved_page_over_the_article_limit_is_added_by_dm(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path],
) -> None:
    """A saved page past MAX_ARTICLE_BYTES (its inline scripts; the story is a few kilobytes) is read as its
    address would be, up to the 5 MB fetched, as ``index add page.html`` reads it; it was refused unread."""
    core = make_core(*copied_index)
    stub.add_file("F4", "ledger.html", saved_page_over_a_megabyte())
    await send_event(make_app(core), share("add", "UADMIN", ("F4", "ledger.html")))
    *_, reply = await posts_in(stub, "chat.postMessage", 2, timeout=60)  # after the progress message
    assert "web-ministry-and-twitter-hold-a-second-round" in reply["text"], reply["text"]
    assert stub.downloads == [("F4", True)]
