"""Who a Slack user is, in the core's terms: ``Actor`` with ``platform_admin`` from ``users.info``.

The adapter only reports facts: admin/owner, the user's own workspace and org, and the workspace of the
installation that served the request (``installed_in``); ``ModeratorPolicy`` in the core decides. The
installation is the token's own (auth.test's team_id / enterprise_id, which Bolt looks up once per token and
keeps in ``context.authorize_result``), never the team a payload names: a Slack Connect or Enterprise Grid
payload may name the user's own organisation, whose admins are not the installer's. Lookups are cached
briefly so a burst of moderator commands costs one API call, and a promotion or demotion in the workspace
takes effect within minutes. Only moderator commands look users up: asking questions needs no API call. So are
the operator's moderator user groups the user is in (``bot.slack.user_groups``), Slack's roles.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import replace

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.actors import Actor, home
from bot.slack.user_groups import UserGroups

log = logging.getLogger(__name__)

UNKNOWN_INSTALLATION = home("slack", "?")  # auth.test failed: no workspace's admins count through this token


def installation_home(team_id: object, enterprise_id: object) -> str:
    """The home of a bot token's installation from auth.test's ids: its workspace, or for an org-wide install
    (auth.test names the org as its team, or no team) the Enterprise Grid org."""
    team, org = str(team_id or ""), str(enterprise_id or "")
    if org and (not team or team == org):
        return home("slack", org)
    return home("slack", team) if team else UNKNOWN_INSTALLATION


def installed_in(context: AsyncBoltContext) -> str:
    """The installation that served this request, as Bolt authorized it with auth.test ("" if it didn't)."""
    result = context.authorize_result
    return installation_home(result.team_id, result.enterprise_id) if result is not None else ""


class UserDirectory:
    def __init__(self, client: AsyncWebClient, ttl: float = 300.0, max_entries: int = 1000,
                 groups: UserGroups | None = None) -> None:
        self._client = client
        self._groups = groups or UserGroups(())
        self._ttl = ttl
        self._max = max_entries
        self._cache: OrderedDict[str, tuple[float, Actor]] = OrderedDict()
        self._installations: dict[str, str] = {}  # bot token -> its installation, when Bolt gave none

    async def actor(self, user_id: str, lookup: bool = False, client: AsyncWebClient | None = None,
                    team: str = "", installation: str = "") -> Actor:
        """The actor for ``user_id``; with ``lookup`` its admin status comes from ``users.info`` (cached), and
        its role ids are the operator's user groups it is in (``UserGroups``, cached apart, for less long).
        ``client`` is the request's own (with many workspaces, it holds that workspace's token); ``team`` the
        workspace the request came from, where a question is stored as asked (a moderator's report covers it);
        ``installation`` the home of the token's installation (``installed_in``), else asked of auth.test once."""
        asked_in = home("slack", team) if team else ""
        if not lookup:
            return Actor(platform="slack", user_id=user_id, home=asked_in, admin_unknown=True)
        client = client or self._client
        installation = installation or await self._installation(client)
        # Admin in one workspace isn't in another: the installation and the request's workspace are in the key.
        key = f"{installation}:{asked_in}:{user_id}"
        now = time.monotonic()
        cached = self._cache.get(key)
        if cached and now - cached[0] < self._ttl:
            self._cache.move_to_end(key)
            actor = cached[1]
        else:
            actor = replace(await self._look_up(client, user_id, asked_in), installed_in=installation)
            self._cache[key] = (now, actor)
            self._cache.move_to_end(key)
            while len(self._cache) > self._max:
                self._cache.popitem(last=False)
        if not self._groups.groups:
            return actor
        return replace(actor, role_ids=await self._groups.of(client, user_id, team))

    async def _look_up(self, client: AsyncWebClient, user_id: str, asked_in: str) -> Actor:
        """``asked_in``: the request's workspace, the home when Slack names none (or the lookup fails): an
        actor with no home would read the report of every workspace."""
        try:
            response = await client.users_info(user=user_id)
        except SlackApiError as exc:
            # Not fatal: the user may still be a moderator by id. Missing users:read shows up here.
            log.warning("users.info for %s failed (%s); treating them as a non-admin", user_id,
                        exc.response.get("error"))
            return Actor(platform="slack", user_id=user_id, home=asked_in, admin_unknown=True)
        user = response.get("user") or {}
        team = user.get("team_id") or client.default_params.get("team_id")
        grid = user.get("enterprise_user")
        org = str(grid.get("enterprise_id") or "") if isinstance(grid, dict) else ""
        # Admin flags are the user's own workspace's: the core trusts them only in the installation's
        # workspace or org, or in the workspaces the operator named (``ModeratorPolicy``).
        admin = any(bool(user.get(flag)) for flag in ("is_admin", "is_owner", "is_primary_owner"))
        return Actor(platform="slack", user_id=user_id, name=str(user.get("name") or ""), platform_admin=admin,
                     home=home("slack", str(team)) if team else asked_in, org=home("slack", org) if org else "")

    async def _installation(self, client: AsyncWebClient) -> str:
        """The token's installation from auth.test, asked once per token (Bolt gives it with each request;
        this is for callers without one). Unknown when auth.test fails: then no admin counts through it."""
        token = client.token or ""
        if token not in self._installations:
            try:
                identity = await client.auth_test()
            except SlackApiError as exc:
                log.warning("auth.test failed (%s); no workspace admin counts as a moderator for now",
                            exc.response.get("error"))
                return UNKNOWN_INSTALLATION
            self._installations[token] = installation_home(identity.get("team_id"), identity.get("enterprise_id"))
        return self._installations[token]
