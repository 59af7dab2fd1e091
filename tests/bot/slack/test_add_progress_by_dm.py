"""A moderator's ``add`` in a DM while its build runs, through Bolt against the stub Slack: one message posted as
the add is let in and ``chat.update``-d with the build's stages, the result a new ordinary message; "add this"
with a file is an add; a second add meanwhile is told, in the open, which change runs."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp

import bot.corpus_changes as changes
from bot.build_updates import EVERY_S
from bot.core import CommandCore
from index.fetch_types import FetchOptions
from tests.bot.build_steps import KOO, hold_adds, stepped, waits_for
from tests.bot.conftest import CoreFactory
from tests.bot.fake_clock import FakeClock
from tests.bot.slack.dm_results import progress_posts, results, results_in
from tests.bot.slack.slack_requests import message_event, send_event, settled
from tests.bot.slack.stub_updates import EditableStubSlack
from tests.news_site import NewsSite

pytestmark = pytest.mark.asyncio(loop_scope="function")

@pytest.fixture
def core(make_core: CoreFactory, copied_index: tuple[Path, Path], clock: FakeClock) -> CommandCore:
    """A writable core that may fetch from 127.0.0.1, on the test's clock."""
    made = make_core(*copied_index, fetch=FetchOptions(allow_private=True))
    made.corpus.clock, made.builds.now = clock.monotonic, clock.time
    return made


def share(text: str, file_id: str, name: str, ts: str) -> dict[str, Any]:
    return message_event(text, user="UADMIN", channel="D9", channel_type="im", subtype="file_share", ts=ts,
                         files=[{"id": file_id, "name": name}])


async def test_an_add_in_a_dm_posts_one_message_at_once_and_updates_it(
    stub: EditableStubSlack, core: CommandCore, make_app: Callable[[CommandCore], AsyncApp], clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The DM got no reply at all until the add ended (minutes, for a long article)."""
    seen_before_the_end: list[str] = []

    def steps(progress: Callable[[str, int, int], None]) -> None:
        progress("analysing", 0, 6)
        waits_for(lambda: bool(progress_posts(stub)))
        seen_before_the_end.extend(str(p["text"]) for p in stub.posted("chat.postMessage"))
        clock.advance(EVERY_S)
        progress("embedding", 30, 120)
        waits_for(lambda: bool(stub.edits))

    monkeypatch.setattr(changes, "add_articles", stepped(changes.add_articles, steps))
    stub.add_file("F1", "koo.md", KOO)
    event = share("add", "F1", "koo.md", "500.1")
    await send_event(make_app(core), event)
    [result] = await results_in(stub, timeout=60)
    await settled(core)
    assert seen_before_the_end == ["Adding koo.md: reading 0 of 6 articles, 0 s so far. I'll say here when it's "
                                   "done."]
    [posted] = progress_posts(stub)
    assert posted["channel"] == "D9" and posted["thread_ts"] == "500.1"
    [updates] = stub.edits.values()  # one message, updated
    assert updates[0] == (f"Adding koo.md: embedding new texts, 30 of 120 (25%), {EVERY_S:.0f} s so far. I'll say "
                          "here when it's done.")
    assert len(updates) == 2 and updates[1].startswith("Adding koo.md: done after ") and "result follows" in updates[1]
    assert stub.posted("chat.postMessage")[-1] is result and "added: koo" in result["text"], result["text"]
    assert result["thread_ts"] == "500.1" and not stub.posted("chat.postEphemeral")


async def test_add_this_with_a_file_attached_adds_it(
    stub: EditableStubSlack, core: CommandCore, make_app: Callable[[CommandCore], AsyncApp],
) -> None:
    """"add this" or "add these please" with an article attached got the usage text, and the file was dropped."""
    stub.add_file("F1", "koo.md", KOO)
    await send_event(make_app(core), share("add this please", "F1", "koo.md", "600.1"))
    [result] = await results_in(stub, timeout=60)
    assert "added: koo" in result["text"] and stub.downloads == [("F1", True)], result["text"]


async def test_a_second_add_is_told_in_the_open_which_change_runs_and_fetches_nothing(
    stub: EditableStubSlack, core: CommandCore, make_app: Callable[[CommandCore], AsyncApp], clock: FakeClock,
    news_site: NewsSite, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A URL add fetched its page and waited unseen for the running build, and every refusal in the DM was
    ephemeral: shown only to a user active at that moment, gone on reload, hiding nothing in a 1:1 DM."""
    started, release = hold_adds(monkeypatch)
    app = make_app(core)
    stub.add_file("F1", "koo.md", KOO)
    await send_event(app, share("add", "F1", "koo.md", "700.1"))
    assert await asyncio.to_thread(started.wait, 30)
    clock.advance(61)
    try:
        url = news_site.page("ledger-second-round.html")
        await send_event(app, message_event(f"add <{url}>", user="UOWNER", channel="D8", channel_type="im", ts="700.2"))
        [refusal] = await results_in(stub, timeout=30)
    finally:
        release.set()
    await settled(core)
    assert refusal["channel"] == "D8" and not stub.posted("chat.postEphemeral")
    assert refusal["text"] == ("An add of articles by admin on Slack, started 12:00 UTC (1 min 1 s ago), is still "
                               "running; try again when it has finished."), refusal["text"]
    assert news_site.hits == [] and "added: koo" in results(stub)[-1]["text"]
