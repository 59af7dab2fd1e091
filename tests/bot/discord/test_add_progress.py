"""/add-article while its build runs, against the fake Discord: the private reply shows the build's stages, says
before the token dies where the result will come, and the result reaches a moderator whose DMs are closed; a
second add meanwhile is refused naming the running one, without fetching anything."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

import bot.core_moderators as core_moderators
import bot.corpus_changes as changes
from bot.build_updates import EVERY_S
from bot.core import CommandCore
from bot.discord import withdrawing
from index.fetch_types import FetchOptions
from tests.bot.build_steps import KOO, hold_adds, stepped, waits_for
from tests.bot.conftest import CoreFactory
from tests.bot.discord import payloads as p
from tests.bot.discord.conftest import MODERATORS, BotStarter
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.discord.fake_records import Sent
from tests.bot.fake_clock import FakeClock
from tests.news_site import NewsSite

pytestmark = pytest.mark.asyncio(loop_scope="session")
Progress = Callable[[str, int, int], None]

@pytest.fixture
def core(make_core: CoreFactory, corpus_copy: Path, tmp_path: Path, seed_index_dir: Path,
         clock: FakeClock) -> CommandCore:
    """A moderator's writable core (a copy of the seed index) that may fetch from 127.0.0.1, on the test's clock."""
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index_dir.resolve(), index_dir)
    made = make_core(index_dir, corpus_copy, MODERATORS, fetch=FetchOptions(allow_private=True))
    made.corpus.clock, made.builds.now = clock.monotonic, clock.time
    return made


def edits_of(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Every edit of an interaction's response, in order: (token, its content)."""
    seen: list[tuple[str, Any]] = []
    followup = fake._followup

    def recording(token: str, body: dict[str, Any], edit: bool = False) -> web.Response:
        if edit:
            seen.append((token, body.get("content")))
        return followup(token, body, edit=edit)

    monkeypatch.setattr(fake, "_followup", recording)
    return seen


def add_file(fake: FakeDiscord, name: str = "koo.md") -> dict[str, Any]:
    file = p.attachment(name, fake.file_url(name, KOO), len(KOO))
    return p.slash("add-article", files={"file": file}, roles=(p.MOD_ROLE_ID,))


async def shown_for(fake: FakeDiscord, interaction: dict[str, Any]) -> list[Sent]:
    """What ``interaction`` ended with, while another command is still running (``FakeDiscord.answers`` waits for
    the bot to have nothing in hand)."""
    token = interaction["token"]
    return await fake.wait_for(lambda: fake.interactions[token].stage == "resolved" and fake.visible(token), 30)


async def test_the_reply_shows_the_builds_stages_then_the_result(
    start_bot: BotStarter, core: CommandCore, fake: FakeDiscord, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1 MB article takes minutes to add: the moderator saw "thinking…" alone until it ended."""
    edits = edits_of(fake, monkeypatch)

    def steps(progress: Progress) -> None:
        progress("analysing", 0, 6)
        waits_for(lambda: len(edits) == 1)
        progress("analysing", 3, 6)  # sooner than EVERY_S after the last: not shown
        clock.advance(EVERY_S)
        progress("embedding", 30, 120)
        waits_for(lambda: len(edits) == 2)

    monkeypatch.setattr(changes, "add_articles", stepped(changes.add_articles, steps))
    await start_bot(core, fake)
    interaction = add_file(fake)
    await fake.dispatch("INTERACTION_CREATE", interaction)
    [result] = await fake.answers(interaction["token"], timeout=60)
    assert [content for _, content in edits] == [
        "Adding koo.md: reading 0 of 6 articles, 0 s so far. I'll say here when it's done.",
        f"Adding koo.md: embedding new texts, 30 of 120 (25%), {EVERY_S:.0f} s so far. I'll say here when it's "
        "done.",
        None]  # the result's edit takes the progress text away
    assert result.ephemeral and not result.content and "added: koo" in result.text(), result.text()
    assert fake.rejected == [] and fake.unexpected == []


async def test_an_add_outlasting_the_token_says_where_its_result_will_come_and_reaches_closed_dms(
    start_bot: BotStarter, core: CommandCore, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 15 minutes a private result went by DM alone, and a moderator who takes no DMs from server members
    only had it logged, under a private "thinking…" nothing could change any more."""
    lifetime = 1.0  # the token's life here, for Discord's 15 minutes
    monkeypatch.setattr(withdrawing, "TOKEN_LIFE", lifetime)
    monkeypatch.setattr(withdrawing, "MARGIN", 0.5)
    fake.token_lifetime = lifetime
    fake.no_dms.add(str(p.USER_ID))
    edits = edits_of(fake, monkeypatch)

    def slow(progress: Progress) -> None:
        progress("analysing", 0, 6)
        waits_for(lambda: any("by direct message" in str(content) for _, content in edits))
        time.sleep(lifetime)  # past the token's life

    monkeypatch.setattr(changes, "add_articles", stepped(changes.add_articles, slow))
    await start_bot(core, fake)
    await fake.dispatch("INTERACTION_CREATE", add_file(fake))
    posted = await fake.wait_for(lambda: [m for m in fake.messages if m.channel_id == str(p.CHANNEL_ID)
                                          and m.interaction is None], 60)
    await fake.settled()
    told = [str(content) for _, content in edits if content]
    assert any(t.startswith("Adding koo.md: still running after") and "by direct message" in t
               and "/index-history will show it" in t for t in told), told
    [result] = posted
    assert f"<@{p.USER_ID}>" in result.content and "your direct messages take none" in result.content
    assert result.pings == [f"user {p.USER_ID}"], "the moderator alone is notified"
    assert "added: koo" in result.text(), result.text()


async def test_a_second_add_is_refused_naming_the_running_one_before_fetching(
    start_bot: BotStarter, core: CommandCore, fake: FakeDiscord, clock: FakeClock, news_site: NewsSite,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A URL add fetched its page, then waited unseen for the running build; a file add was refused "An index
    rebuild is already running" whatever ran, and /status said "(a build is running)"."""
    started, release = hold_adds(monkeypatch)
    await start_bot(core, fake)
    first = add_file(fake)
    await fake.dispatch("INTERACTION_CREATE", first)
    await fake.wait_for(started.is_set, 30)
    clock.advance(125)
    try:
        by_url = p.slash("add-article", {"url": news_site.page("ledger-second-round.html")}, roles=(p.MOD_ROLE_ID,))
        await fake.dispatch("INTERACTION_CREATE", by_url)
        [refusal] = await shown_for(fake, by_url)
        status = p.slash("status")
        await fake.dispatch("INTERACTION_CREATE", status)
        [shown] = await shown_for(fake, status)
    finally:
        release.set()
    await fake.answers(first["token"], timeout=60)
    assert news_site.hits == [], "nothing fetched for an add that can't run"
    assert refusal.content == ("An add of articles by member on Discord, started 12:00 UTC (2 min 5 s ago), is "
                               "still running; try again when it has finished."), refusal.content
    assert "Running now: an add of articles by member on Discord, started 12:00 UTC" in shown.text(), shown.text()


async def test_a_rebuild_shows_its_stages_too(
    start_bot: BotStarter, core: CommandCore, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/reindex full of a large corpus runs for minutes as well, under the same "thinking…"."""
    edits = edits_of(fake, monkeypatch)

    def steps(progress: Progress) -> None:
        progress("embedding", 0, 40)
        waits_for(lambda: len(edits) == 1)

    monkeypatch.setattr(core_moderators, "build_index", stepped(core_moderators.build_index, steps))
    await start_bot(core, fake)
    interaction = p.slash("reindex", roles=(p.MOD_ROLE_ID,))
    await fake.dispatch("INTERACTION_CREATE", interaction)
    [result] = await fake.answers(interaction["token"], timeout=60)
    assert [content for _, content in edits] == [
        "Rebuilding the index: embedding new texts, 0 of 40 (0%), 0 s so far. I'll say here when it's done.", None]
    assert result.ephemeral and "Index" in result.text() and not result.content, result.text()
