"""Who a Slack user is, in the core's terms: ``Actor`` with ``platform_admin`` from ``users.info``.

The adapter only reports facts (admin/owner); ``ModeratorPolicy`` in the core decides. Lookups are cached
briefly so a burst of moderator commands costs one API call, and a promotion or demotion in the workspace
takes effect within minutes. Only moderator commands look users up: asking questions needs no API call.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.actors import Actor, home

log = logging.getLogger(__name__)


class UserDirectory:
    def __init__(self, client: AsyncWebClient, ttl: float = 300.0, max_entries: int = 1000) -> None:
        self._client = client
        self._ttl = ttl
        self._max = max_entries
        self._cache: OrderedDict[str, tuple[float, Actor]] = OrderedDict()

    async def actor(self, user_id: str, lookup: bool = False, client: AsyncWebClient | None = None,
                    team: str = "") -> Actor:
        """The actor for ``user_id``; with ``lookup`` its admin status comes from ``users.info`` (cached).
        ``client`` is the request's own (with many workspaces, it holds that workspace's token); ``team`` the
        workspace the request came from, where a question is stored as asked (a moderator's report covers it)."""
        asked_in = home("slack", team) if team else ""
        if not lookup:
            return Actor(platform="slack", user_id=user_id, home=asked_in)
        client = client or self._client
        # Admin in one workspace isn't in another: the client's workspace and the request's are both in the key.
        key = f"{client.default_params.get('team_id') or ''}:{asked_in}:{user_id}"
        now = time.monotonic()
        cached = self._cache.get(key)
        if cached and now - cached[0] < self._ttl:
            self._cache.move_to_end(key)
            return cached[1]
        actor = await self._look_up(client, user_id, asked_in)
        self._cache[key] = (now, actor)
        self._cache.move_to_end(key)
        while len(self._cache) > self._max:
            self._cache.popitem(last=False)
        return actor

    async def _look_up(self, client: AsyncWebClient, user_id: str, asked_in: str) -> Actor:
        """``asked_in``: the request's workspace, the home when Slack names none (or the lookup fails): an
        actor with no home would read the report of every workspace."""
        try:
            response = await client.users_info(user=user_id)
        except SlackApiError as exc:
            # Not fatal: the user may still be a moderator by id. Missing users:read shows up here.
            log.warning("users.info for %s failed (%s); treating them as a non-admin", user_id,
                        exc.response.get("error"))
            return Actor(platform="slack", user_id=user_id, home=asked_in)
        user = response.get("user") or {}
        team = user.get("team_id") or client.default_params.get("team_id")
        # Admin flags are the user's own workspace's: a guest from another workspace (a Slack Connect channel)
        # who administers that one is no admin of the workspace the question came from.
        here = not asked_in or not team or home("slack", str(team)) == asked_in
        admin = here and any(bool(user.get(flag)) for flag in ("is_admin", "is_owner", "is_primary_owner"))
        return Actor(platform="slack", user_id=user_id, name=str(user.get("name") or ""), platform_admin=admin,
                     home=home("slack", str(team)) if team else asked_in)
