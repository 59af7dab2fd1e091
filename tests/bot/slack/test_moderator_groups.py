"""Slack user groups as moderators (``SLACK_MODERATOR_GROUP_IDS``): Slack has no roles, a user group is its one.

Membership is read with ``usergroups.users.list`` (scope ``usergroups:read``), kept for a while; a lookup that
fails makes no moderator and says why in the log, once.
"""

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
from tests.bot.slack.slack_requests import command_reply
from tests.bot.slack.stub_slack import StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

GROUP = "S0MODS"
REFUSED = "Only moderators can rebuild the index. Here that is this workspace's admins and owners and members of " \
          "the user groups the bot's operator listed: to become one, ask the bot's operator to list you, or ask to " \
          "join one of those user groups."


@pytest.fixture
def group_app(stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
              copied_index: tuple[Path, Path], slack_settings: Settings) -> AsyncApp:
    """UASKER, no admin, is in the moderators' user group; UMOD is in another group, not listed."""
    stub.usergroups.update({GROUP: ["UOTHER", "UASKER"], "S0READERS": ["UMOD"]})
    settings = slack_settings.model_copy(update={"slack_moderator_group_ids": [GROUP]})
    return make_app(make_core(*copied_index, moderator_policy(settings)))


def group_lookups(stub: StubSlack) -> list[str]:
    return [str(c.params["usergroup"]) for c in stub.calls if c.method == "usergroups.users.list"]


async def test_a_group_member_may_reindex_and_others_are_told_how_to_become_one(
        stub: StubSlack, group_app: AsyncApp) -> None:
    refused = await command_reply(stub, group_app, "/reindex", user="UMOD")
    assert refused["response_type"] == "ephemeral" and refused["text"] == REFUSED
    rebuilt = await command_reply(stub, group_app, "/reindex", user="UASKER")
    assert rebuilt["response_type"] == "ephemeral" and not rebuilt["text"].startswith("Only moderators"), rebuilt
    assert group_lookups(stub) == [GROUP]  # one call for both: the group's members are kept for a while


async def test_the_members_are_read_again_after_a_while(stub: StubSlack, group_app: AsyncApp,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.slack import user_groups

    now = [1000.0]
    monkeypatch.setattr(user_groups, "monotonic", lambda: now[0])
    assert (await command_reply(stub, group_app, "/index-history", user="UMOD"))["text"].startswith("Only")
    stub.usergroups[GROUP].append("UMOD")  # added to the group in Slack
    now[0] += 60
    assert (await command_reply(stub, group_app, "/index-history", user="UMOD"))["text"].startswith("Only")
    now[0] += 61  # past the 120 s the members are kept
    allowed = await command_reply(stub, group_app, "/index-history", user="UMOD")
    assert not allowed["text"].startswith("Only moderators"), allowed
    assert group_lookups(stub) == [GROUP, GROUP]


async def test_a_lookup_without_the_scope_refuses_and_says_the_fix_once(
        stub: StubSlack, group_app: AsyncApp, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An app installed before it asked for usergroups:read: Slack answers missing_scope."""
    from bot.slack import user_groups

    now = [1000.0]
    monkeypatch.setattr(user_groups, "monotonic", lambda: now[0])
    stub.scopes.discard("usergroups:read")
    caplog.set_level(logging.DEBUG, logger="bot.slack.user_groups")
    for _ in range(2):
        refused = await command_reply(stub, group_app, "/reindex", user="UASKER")
        assert refused["response_type"] == "ephemeral" and refused["text"] == REFUSED
        now[0] += 121  # asked again each time, as after the cache's 120 s
    assert group_lookups(stub) == [GROUP, GROUP]
    [told] = [r for r in caplog.records if r.name == "bot.slack.user_groups" and r.levelno >= logging.WARNING]
    assert "missing_scope" in told.getMessage() and "add the usergroups:read bot scope" in told.getMessage()
    assert len([r for r in caplog.records if r.name == "bot.slack.user_groups"]) == 2  # the second at DEBUG


async def test_a_group_id_slack_does_not_know_makes_no_moderator(
        stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
        copied_index: tuple[Path, Path], slack_settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    settings = slack_settings.model_copy(update={"slack_moderator_group_ids": ["S0GONE"]})
    app = make_app(make_core(*copied_index, moderator_policy(settings)))
    refused = await command_reply(stub, app, "/reindex", user="UASKER")
    assert refused["text"] == REFUSED and "no_such_subteam" in caplog.text
