"""Slack's App Home: opening the Home tab publishes a page with what the bot is, how to ask, the commands, the
articles and, for a moderator, the moderator commands and how to add an article (``bot.slack.home``)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import yaml
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from bot.results import Home
from bot.slack.home import render_home
from bot.smalltalk import INTRO
from retrieval.types import SourceInfo
from tests.bot.slack.slack_requests import send_event, settled, strings
from tests.bot.slack.slack_rules import view_error
from tests.bot.slack.stub_slack import MANIFEST, TEAM_ID, StubSlack

_ts = itertools.count(1)


def opened(user: str, tab: str = "home") -> dict[str, Any]:
    """An ``app_home_opened`` event as Slack sends it when ``user`` opens one of the app's tabs."""
    return {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": tab, "team": TEAM_ID,
            "event_ts": f"1700000100.{next(_ts):06d}"}


def shown(view: dict[str, Any]) -> str:
    return "\n".join(strings(view.get("blocks")))


def test_the_manifest_turns_the_home_tab_on_and_subscribes_to_its_event() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text())
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert "app_home_opened" in manifest["settings"]["event_subscriptions"]["bot_events"]


@pytest.mark.asyncio(loop_scope="function")
async def test_opening_the_home_tab_shows_the_bot_the_commands_and_the_articles(
    stub: StubSlack, seed_app: AsyncApp, seed_core: CommandCore
) -> None:
    assert (await send_event(seed_app, opened("UASKER"))).status == 200
    await stub.wait_for(lambda: "UASKER" in stub.home_views)
    view = stub.home_views["UASKER"]
    text = shown(view)
    assert view["type"] == "home" and view_error(view) == []
    assert INTRO.split(" by ")[0] in text and "/ask" in text and "/timeline" in text and "Messages" in text
    articles = (await seed_core.sources()).sources  # type: ignore[union-attr]
    assert f"Sources ({len(articles)} articles)" in text
    assert all(a.title in text for a in articles) and "Feb" in text
    assert "For moderators" not in text and "/reindex" not in text  # a member is shown what they can use


@pytest.mark.asyncio(loop_scope="function")
async def test_a_workspace_admin_also_sees_how_to_moderate(stub: StubSlack, seed_app: AsyncApp) -> None:
    await send_event(seed_app, opened("UADMIN"))
    await stub.wait_for(lambda: "UADMIN" in stub.home_views)
    text = shown(stub.home_views["UADMIN"])
    assert "For moderators" in text and "/reindex" in text and "/remove-article" in text
    assert "direct message" in text and "“add”" in text and "You are a moderator" in text
    assert [c.params["user"] for c in stub.calls if c.method == "users.info"] == ["UADMIN"]


@pytest.mark.asyncio(loop_scope="function")
async def test_the_messages_tab_publishes_nothing(stub: StubSlack, seed_app: AsyncApp, seed_core: CommandCore) -> None:
    await send_event(seed_app, opened("UASKER", tab="messages"))
    await settled(seed_core)
    assert not stub.home_views and not [c for c in stub.calls if c.method == "views.publish"]


def test_a_long_list_of_articles_stays_within_a_views_limits() -> None:
    articles = [SourceInfo(f"web-{n:04d}", f"Twitter and the ministry, part {n} <!here> *bold*", "2021-02-10",
                           f"https://news.example/{n}", "News Example", 3) for n in range(400)]
    view = render_home(Home(INTRO, articles, True, "To add one, share a file."))
    assert view_error(view) == []
    text = shown(view)
    assert "more articles not shown; `/sources` lists them all" in text and "<!here>" not in text


def test_an_index_that_cant_be_read_leaves_the_rest_of_the_page() -> None:
    view = render_home(Home(INTRO, None, False, ""))
    assert view_error(view) == [] and "can't be read right now" in shown(view) and "/ask" in shown(view)
