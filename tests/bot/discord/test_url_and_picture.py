"""/add-article by URL and the /timeline picture, through discord.py against the fake Discord."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.core import CommandCore
from bot.discord.app import DisputeBot
from bot.results import SourcesList
from index.fetch import FetchOptions
from tests.bot.conftest import CoreFactory, returning
from tests.bot.discord import payloads as p
from tests.bot.discord.conftest import BECOME, MODERATORS, BotStarter
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.fake_records import Sent
from tests.news_site import NewsSite, saved_page_over_a_megabyte
from tests.pdf_files import article_pdf, scanned_pdf

pytestmark = pytest.mark.asyncio(loop_scope="session")

PNG = b"\x89PNG\r\n\x1a\n"


async def run(fake: FakeDiscord, name: str, options: dict[str, object] | None = None, **kw: object) -> list[Sent]:
    interaction = p.slash(name, options, **kw)  # type: ignore[arg-type]
    await fake.dispatch("INTERACTION_CREATE", interaction)
    return await fake.answers(interaction["token"], timeout=60)


@pytest.fixture
def url_core(make_core: CoreFactory, corpus_copy: Path, tmp_path: Path, seed_index_dir: Path) -> CommandCore:
    """A writable core whose moderators may fetch from 127.0.0.1 (ALLOW_PRIVATE_URLS=true)."""
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index_dir.resolve(), index_dir)
    return make_core(index_dir, corpus_copy, MODERATORS, fetch=FetchOptions(allow_private=True))


async def test_timeline_attaches_its_picture_inside_the_embed(bot: DisputeBot, fake: FakeDiscord) -> None:
    [reply] = await run(fake, "timeline")
    assert list(reply.files) == ["timeline.png"] and reply.files["timeline.png"].startswith(PNG)
    assert reply.embeds[0]["image"]["url"] == "attachment://timeline.png"
    assert reply.embeds[0]["title"] == "Timeline" and "2021-02-08 – 2021-02-14" in reply.text()
    assert "~2021-02-10 (estimated)" not in reply.text()  # event dates given by a dated article are not marked
    assert fake.rejected == [] and not reply.pings


async def test_no_picture_for_a_timeline_without_events(bot: DisputeBot, fake: FakeDiscord) -> None:
    [reply] = await run(fake, "timeline", {"topic": "capital of France"})
    assert reply.files == {} and "no dated events" in reply.text()


async def test_picture_is_skipped_with_a_log_line_when_rendering_fails(
    bot: DisputeBot, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(timeline: object) -> bytes:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr("bot.render.timeline_png.render_png", broken)
    with caplog.at_level(logging.WARNING):
        [reply] = await run(fake, "timeline")
    assert reply.files == {} and "image" not in reply.embeds[0] and "Timeline" in reply.embeds[0]["title"]
    assert "timeline picture was skipped" in caplog.text


async def test_without_attach_files_the_text_still_arrives(bot: DisputeBot, fake: FakeDiscord) -> None:
    [reply] = await run(fake, "timeline", app_permissions=p.MEMBER_PERMISSIONS)
    assert reply.files == {} and "image" not in reply.embeds[0] and "2021-02-10" in reply.text()
    assert [why for _, why in fake.rejected] == [{"files": "Missing Permissions"}]  # what Discord did
    fake.rejected.clear()


async def test_sources_without_attach_files_say_how_to_get_the_whole_list(
    bot: DisputeBot, fake: FakeDiscord, discord_core: CommandCore, many_sources: SourcesList,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A list cut after three pages goes with sources.txt; where the bot lacks Attach Files the last page went
    again without it, and its footer still said "all 45 are in the attached sources.txt"."""
    monkeypatch.setattr(discord_core, "sources", returning(many_sources))
    pages = await run(fake, "sources")
    assert list(pages[-1].files) == ["sources.txt"]
    assert "all 45 are in the attached sources.txt" in pages[-1].embeds[0]["footer"]["text"]

    pages = await run(fake, "sources", app_permissions=p.MEMBER_PERMISSIONS)
    assert len(pages) == 3 and not any(page.files for page in pages)
    footer = pages[-1].embeds[0]["footer"]["text"]
    assert "attached" not in footer and "sources.txt could not be sent here" in footer, footer
    assert "for all 45" in footer and "dispute-bot sources" in footer
    assert [page.embeds[0]["description"] for page in pages[:2]] == [page.embeds[0]["description"] for page in
                                                                     (await run(fake, "sources"))[:2]]
    assert [why for _, why in fake.rejected] == [{"files": "Missing Permissions"}]  # what Discord did
    fake.rejected.clear()


async def test_add_article_options(bot: DisputeBot, fake: FakeDiscord) -> None:
    command = next(c for c in fake.synced[str(p.GUILD_ID)] if c["name"] == "add-article")
    assert [(o["name"], o["type"], o.get("required", False)) for o in command["options"]] == [
        ("file", 11, False), ("url", 3, False)]


async def test_moderator_adds_an_article_by_url(
    start_bot: BotStarter, url_core: CommandCore, fake: FakeDiscord, news_site: NewsSite
) -> None:
    await start_bot(url_core, fake)
    url = news_site.page("ledger-second-round.html")
    [report] = await run(fake, "add-article", {"url": url}, roles=(p.MOD_ROLE_ID,))
    assert report.ephemeral and "added: web-ministry-and-twitter-hold" in report.text(), report.text()
    [answer] = await run(fake, "ask", {"question": "How many accounts did the ministry say were still visible?"})
    assert "412 accounts" in answer.text() and "2021-02-12" in answer.text()
    [again] = await run(fake, "add-article", {"url": url}, roles=(p.MOD_ROLE_ID,))
    assert again.ephemeral and "Nothing was added" in again.content
    assert "already in the index as web-ministry-and-twitter-hold" in again.content
    assert fake.rejected == []


async def test_file_and_url_together_and_refusals(
    start_bot: BotStarter, url_core: CommandCore, fake: FakeDiscord, news_site: NewsSite
) -> None:
    await start_bot(url_core, fake)
    article = b"---\ntitle: A note\ndate: 2021-02-13\n---\nTwitter said on Saturday it had restored 40 accounts.\n"
    file = p.attachment("note.md", fake.file_url("note.md", article), len(article))
    options = {"url": f"{news_site.page('northwind-undated-brief.html')} {news_site.page('subscribe.html')}"}
    [report] = await run(fake, "add-article", options, files={"file": file}, roles=(p.MOD_ROLE_ID,))
    text = report.text()
    assert "added: note (“A note”, 2021-02-13), web-digital-rights-forum-asks-for-hearings" in text, text
    assert f"Refused {news_site.page('subscribe.html')}: no article text on the page" in text
    [sources] = await run(fake, "sources")
    assert "~2021-02-12 (estimated)" in sources.text()  # the undated brief's estimated date, marked
    [empty] = await run(fake, "add-article", roles=(p.MOD_ROLE_ID,))
    assert empty.ephemeral and "give a web page's address" in empty.content


async def test_non_moderators_never_make_the_bot_fetch(
    start_bot: BotStarter, url_core: CommandCore, fake: FakeDiscord, news_site: NewsSite
) -> None:
    await start_bot(url_core, fake)
    [notice] = await run(fake, "add-article", {"url": news_site.page("ledger-second-round.html")})
    assert notice.ephemeral and notice.content == f"Only moderators can add articles. {BECOME}"
    assert news_site.hits == []


async def test_private_addresses_are_refused_unless_allowed(
    start_bot: BotStarter, writable_discord_core: CommandCore, fake: FakeDiscord, news_site: NewsSite
) -> None:
    await start_bot(writable_discord_core, fake)  # ALLOW_PRIVATE_URLS is off
    url = news_site.page("ledger-second-round.html")
    [notice] = await run(fake, "add-article", {"url": url}, roles=(p.MOD_ROLE_ID,))
    assert notice.ephemeral and "127.0.0.1 is a loopback address; only public addresses" in notice.content
    assert news_site.hits == []


async def test_an_address_in_angle_brackets_is_added(
    start_bot: BotStarter, url_core: CommandCore, fake: FakeDiscord, news_site: NewsSite
) -> None:
    """Discord users wrap a link in <…> so that it shows no preview, and paste it so from a message: it was
    refused as "not a full address; it must start with http:// or https://", which it does."""
    await start_bot(url_core, fake)
    url = news_site.page("ledger-second-round.html")
    [report] = await run(fake, "add-article", {"url": f"<{url}>"}, roles=(p.MOD_ROLE_ID,))
    assert report.ephemeral and "added: web-ministry-and-twitter-hold" in report.text(), report.text()
    assert fake.rejected == []


async def test_a_saved_page_over_the_article_limit_is_added_as_its_address_would_be(
    start_bot: BotStarter, url_core: CommandCore, fake: FakeDiscord
) -> None:
    """MAX_ARTICLE_BYTES (1 MB) limits an article's text; a saved page is read as its address would be, up
    to the 5 MB fetched, and so does ``index add page.html``. The attachment was refused unread."""
    await start_bot(url_core, fake)
    page = saved_page_over_a_megabyte()
    assert len(page) > url_core.config.max_article_bytes
    file = p.attachment("ledger.html", fake.file_url("ledger.html", page), len(page))
    [report] = await run(fake, "add-article", files={"file": file}, roles=(p.MOD_ROLE_ID,))
    assert "added: web-ministry-and-twitter-hold" in report.text(), report.text()
    too_big = p.attachment("huge.html", fake.file_url("huge.html", b""), url_core.config.fetch.max_bytes + 1)
    [refusal] = await run(fake, "add-article", files={"file": too_big}, roles=(p.MOD_ROLE_ID,))
    assert "over the 5,000,000-byte limit" in refusal.content and "huge.html" not in fake.file_requests


async def test_a_pdf_attached_is_added_and_answers(
    start_bot: BotStarter, url_core: CommandCore, fake: FakeDiscord
) -> None:
    """A PDF attachment was refused for its type: it is read on the build thread into a .md article, which
    answers questions; a scan is refused with what to do, and a PDF over the 5 MB a fetched page may be is
    refused before it is downloaded."""
    await start_bot(url_core, fake)
    pdf = article_pdf()
    file = p.attachment("Ledger talks.pdf", fake.file_url("Ledger talks.pdf", pdf), len(pdf))
    [report] = await run(fake, "add-article", files={"file": file}, roles=(p.MOD_ROLE_ID,))
    assert "added: Ledger-talks" in report.text(), report.text()
    [answer] = await run(fake, "ask", {"question": "How many accounts did the government say were still visible?"})
    assert "517 accounts" in answer.text() and "2021-02-12" in answer.text(), answer.text()
    scan = scanned_pdf()
    file = p.attachment("scan.pdf", fake.file_url("scan.pdf", scan), len(scan))
    [refusal] = await run(fake, "add-article", files={"file": file}, roles=(p.MOD_ROLE_ID,))
    assert refusal.content == ("Nothing was added. scan.pdf: the PDF has no text layer (a scan?); save the page as "
                               "text or give its web address")
    too_big = p.attachment("huge.pdf", fake.file_url("huge.pdf", b""), url_core.config.fetch.max_bytes + 1)
    [refusal] = await run(fake, "add-article", files={"file": too_big}, roles=(p.MOD_ROLE_ID,))
    assert "over the 5,000,000-byte limit" in refusal.content and "huge.pdf" not in fake.file_requests
