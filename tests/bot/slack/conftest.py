"""Slack fixtures: a stub Slack on 127.0.0.1 and the real Bolt app pointed at it through ``SLACK_API_URL``."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from pydantic import SecretStr
from slack_bolt.async_app import AsyncApp

from bot.actors import ModeratorPolicy
from bot.core import CommandCore
from bot.settings import Settings
from bot.slack.app import build_app
from index import store
from tests.bot.conftest import CoreFactory, HistoryFactory
from tests.bot.slack.slack_requests import SIGNING_SECRET
from tests.bot.slack.stub_oauth import OAuthStubSlack
from tests.bot.slack.stub_slack import BOT_TOKEN, TEAM_ID, StubSlack
from tests.bot.slack.stub_updates import EditableStubSlack
from tests.loopback import running

USERS: dict[str, dict[str, Any]] = {
    "UASKER": {"id": "UASKER", "name": "asker", "team_id": TEAM_ID},
    "UADMIN": {"id": "UADMIN", "name": "admin", "is_admin": True, "team_id": TEAM_ID},
    "UOWNER": {"id": "UOWNER", "name": "owner", "is_owner": True, "team_id": TEAM_ID},
    "UMOD": {"id": "UMOD", "name": "listed-moderator", "team_id": TEAM_ID},
    # An admin of another workspace: one that installed the app through OAuth, or a Slack Connect guest's.
    "UELSEWHERE": {"id": "UELSEWHERE", "name": "admin-elsewhere", "is_admin": True, "team_id": "T0OTHER"},
}

# What a refusal adds, after "Only moderators can …": who moderates for the asker and how to become one, in the
# stub's workspace with nobody listed, with a listed user (``history_core``), and for an admin of another
# workspace, whose admins count for nothing here.
BECOME = "Here that is this workspace's admins and owners: to become one, ask the bot's operator to list you."
BECOME_LISTED = "Here that is this workspace's admins and owners and the users the bot's operator listed: to " \
                "become one, ask the bot's operator to list you."
BECOME_ELSEWHERE = "To become one, ask the bot's operator to list you."


@pytest_asyncio.fixture(loop_scope="function")
async def stub() -> AsyncIterator[StubSlack]:
    """Fails the test if the app sent anything Slack would refuse (oversized blocks, no text …), or a public
    message with article links that Slack would show with previews."""
    async with running(EditableStubSlack()) as slack:  # with chat.update
        slack.users.update(USERS)
        yield slack
    assert not slack.rejected, f"Slack would have refused these messages: {slack.rejected}"
    assert not slack.unfurled, f"Slack would have shown link previews under these messages: {slack.unfurled}"


@pytest_asyncio.fixture(loop_scope="function")
async def oauth_stub() -> AsyncIterator[OAuthStubSlack]:
    """The stub with Slack's OAuth endpoints: installs in other workspaces, each with its own bot token."""
    async with running(OAuthStubSlack()) as slack:
        yield slack
    assert not slack.rejected, f"Slack would have refused these messages: {slack.rejected}"


@pytest.fixture
def slack_settings(stub: StubSlack) -> Settings:
    return Settings(_env_file=None, slack_bot_token=SecretStr(BOT_TOKEN),  # type: ignore[call-arg]
                    slack_signing_secret=SecretStr(SIGNING_SECRET), slack_api_url=stub.api_url)


@pytest.fixture
def make_app(slack_settings: Settings) -> Callable[[CommandCore], AsyncApp]:
    return lambda core: build_app(core, slack_settings)


@pytest.fixture
def seed_app(seed_core: CommandCore, make_app: Callable[[CommandCore], AsyncApp]) -> AsyncApp:
    return make_app(seed_core)


@pytest.fixture
def history_core(make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory) -> CommandCore:
    """A core over the seed index with a stored history, as a deployed bot has: it follows the threads it
    answered in and takes votes. ``UMOD`` (``USERS``' listed moderator) is its one listed moderator."""
    moderators = ModeratorPolicy(user_ids=frozenset({"slack:UMOD"}))
    return make_core(seed_index_dir, Path("/nonexistent-corpus"), moderators, history=make_history())


@pytest.fixture
def history_app(history_core: CommandCore, make_app: Callable[[CommandCore], AsyncApp]) -> AsyncApp:
    return make_app(history_core)


@pytest.fixture
def copied_index(seed_index_dir: Path, corpus_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """``(index_dir, corpus_dir)``: a private copy of the seed index, writable without a full build."""
    live = store.live_dir(seed_index_dir)
    assert live is not None
    index_dir = tmp_path / "index"
    shutil.copytree(live, index_dir)
    return index_dir, corpus_copy
