"""How the bot learns that Slack no longer takes its tokens, and stops saying so.

A single-workspace bot (token mode) whose app was uninstalled, whose bot token was revoked, or whose
app-level token Slack refuses can't answer anyone again until someone installs it anew or sets a new token.
It used to carry on as if ready: an uninstall went unhandled (404 in HTTP mode, an unacknowledged envelope in
Socket Mode), and a refused app-level token was retried forever with a traceback each time; a bot token Slack
refused during the run (expired, revoked) was logged reply by reply. Each now ends ``serve_slack`` with the
reason, so the process exits 2 and a service manager shows it failed.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError

from bot.slack.token_watch import watch_bot_token

log = logging.getLogger(__name__)

# apps.connections.open's answers for an app-level token Slack will never accept: retrying can't help.
APP_TOKEN_REFUSED = frozenset({"invalid_auth", "not_authed", "not_allowed_token_type", "token_revoked",
                               "token_expired", "account_inactive"})


def watch_app_token(handler: AsyncSocketModeHandler) -> asyncio.Future[str]:
    """slack_sdk's connect loop retries every error, so a wrong app-level token, or one revoked while the
    bot runs, meant a traceback every ten seconds forever and a bot that looked alive. A refusal now stops
    the client and resolves the returned future with Slack's error."""
    client = handler.client
    issue = client.issue_new_wss_url
    refused: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def issue_unless_refused() -> str:
        try:
            return await issue()
        except SlackApiError as exc:
            error = str(exc.response.get("error"))
            if error in APP_TOKEN_REFUSED:
                client.closed = True  # the connect loop returns instead of retrying
                if not refused.done():
                    refused.set_result(error)
            raise

    client.issue_new_wss_url = issue_unless_refused  # type: ignore[method-assign]
    return refused


REINSTALL = "SLACK_BOT_TOKEN no longer works. Install the app again and set the new bot token."
# With token rotation on, Slack issues bot tokens (xoxe.xoxb-…) that expire 12 hours after they are issued; only
# an OAuth install flow holds the refresh token that renews them, and Bolt rotates them only in its own.
ROTATING = ("SLACK_BOT_TOKEN is a rotating token (xoxe.…), which Slack expires 12 hours after issuing it and only "
            "an OAuth install renews: set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET and serve HTTP mode (--http) to "
            "install the app through the bot, which renews its tokens, or use an app without token rotation and its "
            "xoxb- bot token")


def stop_when_uninstalled(app: AsyncApp, gone: asyncio.Future[str] | None) -> None:
    """Token mode only: with OAuth, Bolt's own revocation listeners delete the workspace's installation and
    the other workspaces carry on, and one workspace's refused token must not stop them. ``gone`` (None: log
    only) resolves with what happened: an uninstall event, or any Web API call Slack refused the bot token for
    (``bot.slack.token_watch``)."""

    def end(reason: str) -> None:
        log.error("Slack: %s", reason)
        if gone is not None and not gone.done():
            gone.set_result(reason)

    async def uninstalled(context: AsyncBoltContext) -> None:
        end(f"the app was uninstalled from workspace {context.team_id}; {REINSTALL}")

    async def revoked(event: dict[str, Any], context: AsyncBoltContext) -> None:
        tokens = event.get("tokens") or {}
        if tokens.get("bot"):  # a user's own token revoked is no concern of a bot-token app
            end(f"the bot token of workspace {context.team_id} was revoked; {REINSTALL}")

    def refused(error: str) -> None:
        why = ROTATING if error == "token_expired" else REINSTALL
        end(f"the bot token was refused during the run ({error}); {why}")

    watch_bot_token(app.client, refused)
    app.event("app_uninstalled")(uninstalled)
    app.event("tokens_revoked")(revoked)
