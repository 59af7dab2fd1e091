"""Slack guests are no moderators: ``users.info`` marks them ``is_restricted`` (multi-channel guests) or
``is_ultra_restricted`` (single-channel guests), flags that say the opposite of an admin's."""

from __future__ import annotations

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.help_text import adding_help
from bot.settings import Settings
from bot.slack.users import UserDirectory
from bot.wiring import moderator_policy
from tests.bot.slack.stub_slack import BOT_TOKEN, TEAM_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

GUESTS = {
    "UGUEST": {"id": "UGUEST", "name": "guest", "team_id": TEAM_ID, "is_restricted": True},
    "USINGLE": {"id": "USINGLE", "name": "single-channel-guest", "team_id": TEAM_ID, "is_restricted": True,
                "is_ultra_restricted": True},
}


async def test_guests_of_the_installing_workspace_are_not_moderators(stub: StubSlack) -> None:
    stub.users.update(GUESTS)
    users = UserDirectory(AsyncWebClient(token=BOT_TOKEN, base_url=stub.api_url))
    policy = moderator_policy(Settings(_env_file=None))  # type: ignore[call-arg]
    for user in ("UGUEST", "USINGLE", "UADMIN"):
        actor = await users.actor(user, lookup=True, team=TEAM_ID)
        assert actor.installed_in == f"slack:{TEAM_ID}" and actor.home == f"slack:{TEAM_ID}", user
        assert actor.platform_admin is (user == "UADMIN"), user
        assert policy.allows(actor) is (user == "UADMIN"), user  # the admin: the same lookup can say yes


async def test_help_names_no_admins_to_an_asker_never_looked_up(stub: StubSlack) -> None:
    """The actor an adapter gives when the help's lookup raised (``bot.help_text.asker`` falls back to it) says
    nothing of its admin flags: the help must not tell them this workspace's admins moderate for them."""
    users = UserDirectory(AsyncWebClient(token=BOT_TOKEN, base_url=stub.api_url))
    policy = moderator_policy(Settings(_env_file=None))  # type: ignore[call-arg]
    unknown = await users.actor("UGUEST", team=TEAM_ID)
    help_ = adding_help(unknown, policy)
    assert "admins" not in help_ and "settings for your workspace" in help_, help_
    assert "admins and owners" in adding_help(await users.actor("UASKER", lookup=True, team=TEAM_ID), policy)
