"""The bot's own names in a Slack workspace, which people type as plain text instead of picking its mention
("dispute-bot how many accounts …", "@Dispute Helper who is sawhney"): learned once per bot token from Slack and
kept, so the core reads the question without them (``bot.validation.without_own_names``, which Discord's
adapter uses too).

Its names are the bot user's handle (``auth.test``'s ``user``), the app's bot name the operator chose in the
app config (``bots.info``), and the bot user's display and real names (``users.info``). All three methods
need only ``users:read``, which the manifest asks for. A lookup that fails is logged and tried again after a
while; until then only the names the core knows itself ("@bot", "@dispute-bot") are taken out.
"""

from __future__ import annotations

import logging
import time

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

RETRY_AFTER = 300.0  # seconds before a failed lookup is tried again


class OwnNames:
    """Per bot token (each workspace of an OAuth install has its own, and its own display name there)."""

    def __init__(self) -> None:
        self._known: dict[str, frozenset[str]] = {}
        self._failed: dict[str, float] = {}

    async def of(self, client: AsyncWebClient) -> frozenset[str]:
        token = client.token or ""
        known = self._known.get(token)
        if known is not None:
            return known
        if time.monotonic() < self._failed.get(token, 0.0):
            return frozenset()
        try:
            names = await _look_up(client)
        except Exception as exc:  # Slack's refusal, or no answer at all (the network): the question goes on
            said = exc.response.get("error") if isinstance(exc, SlackApiError) else type(exc).__name__
            log.warning("could not learn the bot's names from Slack (%s); typed as plain text they are read as part "
                        "of questions for now", said)
            self._failed[token] = time.monotonic() + RETRY_AFTER
            return frozenset()
        self._known[token] = names
        return names


async def _look_up(client: AsyncWebClient) -> frozenset[str]:
    identity = await client.auth_test()
    names = {str(identity.get("user") or "")}
    bot_id, user_id = identity.get("bot_id"), identity.get("user_id")
    if bot_id:
        bot = (await client.bots_info(bot=str(bot_id))).get("bot") or {}
        names.add(str(bot.get("name") or ""))
    if user_id:
        user = (await client.users_info(user=str(user_id))).get("user") or {}
        profile = user.get("profile") or {}
        names.update(str(value or "") for value in (user.get("name"), user.get("real_name"),
                                                    profile.get("display_name"), profile.get("real_name")))
    return frozenset(name for name in names if name.strip())
