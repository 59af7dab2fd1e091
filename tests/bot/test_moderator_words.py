"""Who moderates, as the help and a refusal tell a given asker: never a right the policy would refuse them.

The help told every Slack user that "the workspace's admins and owners" moderate, where the operator named other
workspaces, to a Slack Connect guest, and under OAuth; and a refusal said only "Only moderators can …".
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.actors import Actor, ModeratorPolicy
from bot.discord.identity import NOT_INSTALLED
from bot.help_text import adding_help
from bot.moderator_words import how_to_become, who_moderates
from bot.settings import Settings
from bot.wiring import moderator_policy

ONLY_OPERATOR = "To become one, ask the bot's operator to list you."
SLACK_ADMINS = "Here that is this workspace's admins and owners: to become one, ask the bot's operator to list you."


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def slack(home: str = "slack:T1", installed_in: str = "slack:T1") -> Actor:
    return Actor("slack", "U2", "member", home=home, installed_in=installed_in)


@pytest.mark.parametrize(("policy", "actor", "said"), [
    (moderator_policy(settings()), slack(), SLACK_ADMINS),  # one install: its own workspace's admins
    (moderator_policy(settings(slack_moderator_team_ids="T9")), slack(), ONLY_OPERATOR),  # other workspaces named
    (moderator_policy(settings()), slack(home="slack:T0GUEST"), ONLY_OPERATOR),  # a Slack Connect guest
    (moderator_policy(settings(slack_client_id="1.2", slack_client_secret="s")), slack(), ONLY_OPERATOR),  # OAuth
    (moderator_policy(settings(slack_client_id="1.2", slack_client_secret="s", slack_moderator_team_ids="T1")),
     slack(), SLACK_ADMINS),
])
def test_slack_admins_are_named_only_where_they_count(policy: ModeratorPolicy, actor: Actor, said: str) -> None:
    assert how_to_become(policy, actor) == said
    assert policy.allows(Actor("slack", "UADMIN", platform_admin=True, home=actor.home,
                               installed_in=actor.installed_in)) is (said == SLACK_ADMINS)
    help_ = adding_help(actor, policy)
    assert ("admins and owners" in help_) is (said == SLACK_ADMINS), help_


def test_discord_names_manage_server_and_listed_roles_where_they_count() -> None:
    policy = moderator_policy(settings(discord_guild_id="10", discord_moderator_role_ids="7"))
    member = Actor("discord", "43", "member", home="discord:10")
    assert how_to_become(policy, member) == (
        "Here that is members with Manage Server and members of the roles the bot's operator listed: to become one, "
        "ask the bot's operator to list you, or a member with Manage Server for one of those roles.")
    elsewhere = Actor("discord", "43", "member", home="discord:11")
    assert who_moderates(policy, elsewhere) == "members of the roles the bot's operator listed"
    # a private application trusts every server, but not a command through a user's own install
    trusting = policy.trusting("discord")
    assert who_moderates(trusting, elsewhere).startswith("members with Manage Server")
    user_installed = Actor("discord", "43", "member", home="discord:11", installed_in=NOT_INSTALLED)
    assert who_moderates(trusting, user_installed) == "members of the roles the bot's operator listed"
    named_user_installed = Actor("discord", "43", "member", home="discord:10", installed_in=NOT_INSTALLED)
    assert who_moderates(policy, named_user_installed) == "members of the roles the bot's operator listed"


def test_listed_users_are_named_only_on_their_platform() -> None:
    policy = ModeratorPolicy(user_ids=frozenset({"discord:42"}), admin_homes={"slack": frozenset()})
    assert who_moderates(policy, Actor("discord", "43", home="discord:1")) == \
        "members with Manage Server and the users the bot's operator listed"
    assert how_to_become(policy, slack()) == ONLY_OPERATOR
    assert adding_help(slack(), policy).startswith("Only moderators add articles, and only the bot's operator can "
                                                   "make you one; if you aren't one, send one the article")


def test_a_refusal_names_no_admins_to_an_asker_whose_standing_is_unknown() -> None:
    """Slack's users.info failed (``Actor.admin_unknown``): the asker may be a Slack Connect guest, so the refusal
    must not say this workspace's admins moderate for them, as the help doesn't."""
    policy = moderator_policy(settings())
    unknown = Actor("slack", "U2", "member", home="slack:T1", installed_in="slack:T1", admin_unknown=True)
    said = how_to_become(policy, unknown)
    assert "admins" not in said and "settings for your workspace" in said, said
    assert how_to_become(policy, slack()) == SLACK_ADMINS  # looked up: the admins do count
