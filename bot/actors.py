"""Who is asking, in platform-neutral terms; the core alone decides what they may do."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Actor:
    """Facts an adapter reports about a user; no adapter decides permissions itself.

    ``role_ids`` are the platform's roles the user holds: Discord's roles, Slack's user groups (only those the
    operator listed, looked up where asked). ``platform_admin`` is the platform's own notion of authority: Manage
    Server on Discord, workspace admin or owner on Slack, the local user in the terminal. It holds in ``home`` only,
    the server or workspace it was read in ("discord:<guild id>", "slack:<team id>"): being an admin of one's own
    server says nothing about the bot's articles. ``org`` is the organisation ``home`` belongs to, where the
    platform has one (a Slack Enterprise Grid org). ``installed_in`` is the home of the bot's installation that
    served the request (Slack: the bot token's own workspace, or org for an org-wide install), whatever the request
    says it came from; empty where the adapter names none (the terminal, Discord but for a user's own install used
    in a server that never installed the bot). ``admin_unknown``: ``platform_admin`` was never read (Slack: no
    ``users.info`` lookup made, or one that failed), so the user may be an admin where admins count, or a Slack
    Connect guest whose own workspace's admins don't: nothing said to them may name the admins as theirs.
    """

    platform: str
    user_id: str
    name: str = ""
    role_ids: frozenset[str] = field(default_factory=frozenset)
    platform_admin: bool = False
    home: str = ""
    org: str = ""
    installed_in: str = ""
    admin_unknown: bool = False

    def describe(self) -> str:
        return f"{self.platform}:{self.user_id}" + (f" ({self.name})" if self.name else "")


@dataclass(frozen=True)
class ModeratorPolicy:
    """Who may change the articles and read the report: listed users, listed roles, and platform admins of
    the servers or workspaces the operator chose.

    The corpus is one for every server: anyone can make a Discord server or a Slack workspace and add a
    public bot to it, so an admin there must not become a moderator of the bot's articles. ``admin_homes``
    names, per platform, the homes whose admins count; a platform it doesn't name trusts its admins in the
    installation the actor was seen through (a Slack app installed in one workspace: that workspace's own,
    not a Slack Connect guest's, whatever workspace the request names), or wherever if the adapter names
    none (the terminal's local user). ``installation_bound`` names the platforms whose admins count only in
    that installation even in a named home: with Slack OAuth every workspace installs the bot itself.
    """

    user_ids: frozenset[str] = frozenset()  # "platform:user_id" or a bare user id
    role_ids: frozenset[str] = frozenset()  # "platform:role_id" (a Slack user group's too) or a bare Discord role id
    admin_homes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    installation_bound: frozenset[str] = frozenset()

    def allows(self, actor: Actor) -> bool:
        if actor.platform_admin and self.trusts_admins_of(actor):
            return True
        if actor.user_id in self.user_ids or f"{actor.platform}:{actor.user_id}" in self.user_ids:
            return True
        bare = actor.role_ids if actor.platform == "discord" else frozenset()
        return any(f"{actor.platform}:{r}" in self.role_ids for r in actor.role_ids) or bool(self.role_ids & bare)

    def trusts_admins_of(self, actor: Actor) -> bool:
        homes = self.admin_homes.get(actor.platform)
        installed = not actor.installed_in or actor.installed_in in (actor.home, actor.org)
        if homes is None:
            return installed
        return actor.home in homes and (installed or actor.platform not in self.installation_bound)

    def admins_only(self, platform: str) -> bool:
        """Whether ``platform``'s moderators are its admins alone (Manage Server on Discord): no user or role
        listed. A moderator command can then be shown to admins only without hiding it from any moderator; a
        listed user or role may lack the admin permission, and would no longer see it."""
        return not self.lists_users(platform) and not self.lists_roles(platform)

    def lists_users(self, platform: str) -> bool:
        """Whether a user of ``platform`` may be a moderator by id (a bare id may be any platform's)."""
        return any(u.startswith(f"{platform}:") or ":" not in u for u in self.user_ids)

    def lists_roles(self, platform: str) -> bool:
        """Whether a role of ``platform`` (a Slack user group) may make a moderator."""
        return bool(self.roles_of(platform))

    def roles_of(self, platform: str) -> frozenset[str]:
        """The ids of ``platform``'s roles (Slack: user groups) listed, as the platform names them."""
        bare = {r for r in self.role_ids if ":" not in r} if platform == "discord" else set()
        return frozenset({r.removeprefix(f"{platform}:") for r in self.role_ids if r.startswith(f"{platform}:")} | bare)

    def trusting(self, platform: str) -> ModeratorPolicy:
        """This policy with ``platform``'s admins trusted wherever: for a private Discord application, every
        server it is in was its owner's choice."""
        return replace(self, admin_homes={p: h for p, h in self.admin_homes.items() if p != platform})


def home(platform: str, place: str | int) -> str:
    """A server or workspace as ``Actor.home`` and ``ModeratorPolicy.admin_homes`` name it: adapters and the
    settings' wiring must spell it alike, or an admin of a named server would be refused."""
    return f"{platform}:{place}"


LOCAL_USER = Actor(platform="terminal", user_id="local", name="local user", platform_admin=True)
