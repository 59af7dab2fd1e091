"""The moderator policy: listed users and roles anywhere, platform admins only where the operator said."""

from __future__ import annotations

from typing import Any

from bot.actors import LOCAL_USER, Actor, ModeratorPolicy
from bot.settings import Settings
from bot.wiring import moderator_policy


def admin(platform: str, home: str) -> Actor:
    return Actor(platform=platform, user_id="U1", platform_admin=True, home=home)


def test_admins_count_only_in_named_homes_of_a_restricted_platform() -> None:
    policy = ModeratorPolicy(admin_homes={"discord": frozenset({"discord:1"})})
    assert policy.allows(admin("discord", "discord:1"))
    assert not policy.allows(admin("discord", "discord:2"))
    assert policy.allows(admin("slack", "slack:T9"))  # a platform not named trusts its admins
    assert policy.allows(LOCAL_USER)
    assert policy.trusting("discord").allows(admin("discord", "discord:2"))
    assert not policy.allows(Actor(platform="discord", user_id="U1", home="discord:1"))


def test_listed_users_and_roles_need_no_home() -> None:
    policy = ModeratorPolicy(user_ids=frozenset({"slack:U1"}), role_ids=frozenset({"7"}),
                             admin_homes={"discord": frozenset(), "slack": frozenset()})
    assert policy.allows(Actor(platform="slack", user_id="U1", home="slack:T9"))
    assert policy.allows(Actor(platform="discord", user_id="U2", role_ids=frozenset({"7"}), home="discord:2"))
    assert not policy.allows(admin("discord", "discord:2"))


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_the_settings_name_the_homes() -> None:
    policy = moderator_policy(settings(discord_guild_id="10", discord_moderator_guild_ids="11, 12"))
    assert policy.admin_homes == {"discord": frozenset({"discord:10", "discord:11", "discord:12"})}
    assert policy.allows(admin("slack", "slack:T1"))  # one install: its workspace is the operator's
    oauth = moderator_policy(settings(slack_client_id="1.2", slack_client_secret="s"))
    assert not oauth.allows(admin("slack", "slack:T1"))  # anyone may install it: nobody's admins count
    named = moderator_policy(settings(slack_moderator_team_ids="T1"))
    assert named.allows(admin("slack", "slack:T1")) and not named.allows(admin("slack", "slack:T2"))
    assert not moderator_policy(settings()).allows(admin("discord", "discord:10"))


def test_admins_count_in_the_installation_they_were_seen_through() -> None:
    """One Slack token and no workspace named: the token's workspace (or org, installed org-wide) only; a
    named workspace is the operator's choice, except with OAuth, where each workspace installs its own."""
    def seen(home: str, installed_in: str, org: str = "") -> Actor:
        return Actor(platform="slack", user_id="U1", platform_admin=True, home=home, org=org,
                     installed_in=installed_in)

    one_token = moderator_policy(settings())
    assert one_token.allows(seen("slack:T1", "slack:T1"))
    assert not one_token.allows(seen("slack:T2", "slack:T1"))  # a Slack Connect guest's own admin
    assert one_token.allows(seen("slack:T2", "slack:E1", org="slack:E1"))  # an org-wide install's member
    assert not one_token.allows(seen("slack:T2", "slack:E1", org="slack:E2"))
    partner = moderator_policy(settings(slack_moderator_team_ids="T1, T2"))
    assert partner.allows(seen("slack:T2", "slack:T1")) and not partner.allows(seen("slack:T3", "slack:T1"))
    oauth = moderator_policy(settings(slack_client_id="1.2", slack_client_secret="s", slack_moderator_team_ids="T1,T2"))
    assert oauth.allows(seen("slack:T1", "slack:T1"))
    assert not oauth.allows(seen("slack:T1", "slack:T2"))  # named, but seen through another's install


def test_a_slack_user_group_never_matches_a_discord_role_of_the_same_id() -> None:
    policy = moderator_policy(settings(discord_moderator_role_ids="123", slack_moderator_group_ids="S1, S2"))
    assert policy.roles_of("slack") == {"S1", "S2"} and policy.roles_of("discord") == {"123"}
    assert policy.allows(Actor(platform="slack", user_id="U1", role_ids=frozenset({"S2"})))
    assert policy.allows(Actor(platform="discord", user_id="1", role_ids=frozenset({"123"})))
    assert not policy.allows(Actor(platform="discord", user_id="1", role_ids=frozenset({"S1"})))
    assert not policy.allows(Actor(platform="slack", user_id="U1", role_ids=frozenset({"123"})))
    assert policy.admins_only("slack") is False and policy.admins_only("discord") is False
    assert moderator_policy(settings(slack_moderator_group_ids="S1")).admins_only("discord")
