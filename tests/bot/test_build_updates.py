"""The build's progress relayed to a chat reply (``bot.build_updates``), the running change named by the busy
refusal and /status (``bot.running_change``), and the too-large refusal's way out (``bot.uploads``)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.actors import Actor, ModeratorPolicy
from bot.build_updates import EVERY_S, BuildUpdate, ProgressRelay
from bot.render import plain
from bot.results import IndexStatus, Notice, NoticeKind
from bot.uploads import UploadRules
from index.fetch_types import FetchOptions
from index.manage import Upload
from tests.bot.build_steps import KOO, hold_adds
from tests.bot.conftest import CoreFactory
from tests.bot.fake_clock import FakeClock
from tests.news_site import NewsSite

ALICE = Actor(platform="discord", user_id="7", name="alice")
BOB = Actor(platform="slack", user_id="U2", name="bob")


@pytest.mark.asyncio(loop_scope="function")
async def test_the_relay_shows_the_first_stage_at_once_then_at_most_one_update_per_interval(clock: FakeClock) -> None:
    shown: list[str] = []

    async def sink(update: BuildUpdate) -> None:
        shown.append(update.text())

    relay = ProgressRelay(sink, "add", ["koo.md", "https://news.example/a", "https://news.example/b"],
                          clock=clock.monotonic)

    def build() -> None:  # on a thread of its own, as a build is
        relay("analysing", 0, 3)
        relay("analysing", 1, 3)  # within the interval: not shown
        clock.advance(EVERY_S)
        relay("embedding", 40, 160)

    await asyncio.to_thread(build)
    await asyncio.sleep(0.05)
    await relay.close()
    relay("writing", 0, 1)  # after the end: nothing
    await asyncio.sleep(0.05)
    assert shown == [
        "Adding koo.md and 2 web pages: reading 0 of 3 articles, 0 s so far. I'll say here when it's done.",
        f"Adding koo.md and 2 web pages: embedding new texts, 40 of 160 (25%), {EVERY_S:.0f} s so far. I'll say "
        "here when it's done."]


@pytest.mark.asyncio(loop_scope="function")
async def test_a_slow_edit_is_never_crossed_and_only_the_latest_update_waits(clock: FakeClock) -> None:
    """Two edits of one message at once could land in either order; the end waits for the one on its way, so
    the result is never covered by a progress update that arrived after it."""
    shown: list[tuple[str, int]] = []
    release = asyncio.Event()

    async def sink(update: BuildUpdate) -> None:
        shown.append((update.stage, update.done))
        if len(shown) == 1:
            await release.wait()

    relay = ProgressRelay(sink, "add", ["koo.md"], clock=clock.monotonic)
    for done in (0, 1, 2):
        relay("embedding", done, 3)
        clock.advance(EVERY_S)
    await asyncio.sleep(0.05)
    assert shown == [("embedding", 0)]
    release.set()
    await asyncio.sleep(0.05)
    assert shown == [("embedding", 0), ("embedding", 2)]  # 1 was replaced while it waited
    await relay.close()


def test_the_too_large_refusal_says_the_limit_and_what_to_do() -> None:
    rules = UploadRules(max_article_bytes=1_000_000, max_page_bytes=5_000_000)
    text = rules.refusal("notes.txt", 1_200_000)
    assert text is not None and "1,000,000-byte limit" in text
    assert "split it into parts under the limit" in text and "MAX_ARTICLE_BYTES" in text
    page = rules.refusal("story.html", 6_000_000)
    assert page is not None and "5,000,000-byte limit" in page
    assert "web address instead" in page and ".txt or .md file (at most 1,000,000 bytes)" in page


@pytest.mark.asyncio(loop_scope="function")
async def test_a_url_add_while_a_build_runs_is_refused_before_fetching_naming_the_change(
    make_core: CoreFactory, built_copy: tuple[Path, Path], news_site: NewsSite, clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file add was refused at once with "An index rebuild is already running" whatever ran; a URL add fetched
    its page, then waited unseen for the whole running build. Both are now refused the same way, naming the
    change, its moderator and since when, as /status does."""
    corpus, index_dir = built_copy
    core = make_core(index_dir, corpus, ModeratorPolicy(user_ids=frozenset({"discord:7", "slack:U2"})),
                     fetch=FetchOptions(allow_private=True))
    core.builds.now = clock.time
    started, release = hold_adds(monkeypatch)
    first = asyncio.create_task(core.add_articles(ALICE, [Upload("koo.md", KOO)]))
    assert await asyncio.to_thread(started.wait, 30)
    clock.advance(190)
    try:
        by_url = await core.add_articles(BOB, [], [news_site.page("ledger-second-round.html")])
        by_file = await core.add_articles(BOB, [Upload("koo2.md", KOO)])
        status = await core.status(BOB)
    finally:
        release.set()
    await first
    assert news_site.hits == [], "nothing fetched for an add that can't run"
    named = ("An add of articles by alice on Discord, started 12:00 UTC (3 min 10 s ago), is still running; try "
             "again when it has finished.")
    assert by_url == Notice(NoticeKind.BUSY, named) and by_file == by_url
    assert isinstance(status, IndexStatus)
    assert ("\nRunning now: an add of articles by alice on Discord, started 12:00 UTC (3 min 10 s ago)."
            in plain.render(status)), plain.render(status)
