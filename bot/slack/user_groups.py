"""Which of the operator's Slack user groups a user is in: Slack's roles, for ``Actor.role_ids``.

Slack has no roles; a user group (``SLACK_MODERATOR_GROUP_IDS``) is its equivalent, and the core's policy matches
it as a role. Membership comes from ``usergroups.users.list`` (scope ``usergroups:read``), one call per group,
kept ``ttl`` seconds: a burst of moderator commands costs one call per group, and someone added to or removed
from a group counts as such within minutes. A lookup that fails (the scope missing, a group id that is no
group, the network) counts as no member, never as one, and is logged once per group and error with its fix:
the command is then refused as for anyone, and the log says why.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from time import monotonic

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

# What to do about an error Slack answers, for the log line; any other error is named as Slack gave it.
FIXES = {
    "missing_scope": "add the usergroups:read bot scope to the app (slack/manifest.yml has it) and reinstall it",
    "no_such_subteam": "check SLACK_MODERATOR_GROUP_IDS: Slack knows no user group with this id (an id starts "
                       "with S, as in the group's profile)",
    "plan_upgrade_required": "user groups need a paid Slack plan; list moderators in SLACK_MODERATOR_IDS instead",
}


class UserGroups:
    def __init__(self, groups: Iterable[str], ttl: float = 120.0) -> None:
        self.groups = frozenset(groups)
        self._ttl = ttl
        self._members: dict[tuple[str, str, str], tuple[float, frozenset[str]]] = {}
        self._told: set[tuple[str, str]] = set()  # (group, error) already logged

    async def of(self, client: AsyncWebClient, user_id: str, team: str = "") -> frozenset[str]:
        """The listed groups ``user_id`` is in, as seen through ``client``'s token. ``team``: the request's
        workspace, which an org-wide install's token must name (a workspace's token ignores it)."""
        return frozenset({g for g in sorted(self.groups) if user_id in await self._members_of(client, g, team)})

    async def _members_of(self, client: AsyncWebClient, group: str, team: str) -> frozenset[str]:
        key = (client.token or "", team, group)
        now = monotonic()
        cached = self._members.get(key)
        if cached and now - cached[0] < self._ttl:
            return cached[1]
        members = await self._look_up(client, group, team)
        self._members[key] = (now, members)  # a failure too: retried after ttl, not at every command
        return members

    async def _look_up(self, client: AsyncWebClient, group: str, team: str) -> frozenset[str]:
        try:
            response = await client.usergroups_users_list(usergroup=group, team_id=team or None)
            return frozenset(str(u) for u in response.get("users") or [])
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "error")
        except Exception as exc:  # the network, a timeout: no member for now, retried after ttl
            error = type(exc).__name__
        self._tell(group, error)
        return frozenset()

    def _tell(self, group: str, error: str) -> None:
        fix = FIXES.get(error, "the bot retries in a few minutes")
        level = logging.DEBUG if (group, error) in self._told else logging.WARNING
        self._told.add((group, error))
        log.log(level, "usergroups.users.list for moderator group %s failed (%s): its members count as no "
                "moderators until it works; %s", group, error, fix)
