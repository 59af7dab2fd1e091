"""The stub Slack with ``oauth.v2.access``, for installs in many workspaces.

Like Slack: a code is good once, only for the app's client id and secret (HTTP Basic, as slack_sdk sends
them), and only with the ``redirect_uri`` it was issued for, if any. The exchange hands out a bot token for
the workspace that approved, and from then on that token works for that workspace's calls (``auth.test``
says which team it belongs to), exactly as the single stub token does.
"""

from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass
from typing import Any

from tests.bot.slack.stub_slack import APP_ID, BOT_ID, BOT_TOKEN, BOT_USER_ID, StubSlack

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "stub-client-secret"


@dataclass(frozen=True)
class Grant:
    team_id: str
    team_name: str
    user_id: str
    scopes: tuple[str, ...]
    redirect_uri: str | None = None


class OAuthStubSlack(StubSlack):
    def __init__(self) -> None:
        super().__init__()
        self.grants: dict[str, Grant] = {}  # codes Slack gave the browser after an admin approved
        self.team_tokens: dict[str, str] = {}  # bot token -> team id
        self.exchanges: list[dict[str, Any]] = []
        self._tokens = itertools.count(1)

    def approve(self, team_id: str, scopes: list[str], team_name: str = "Other team", user_id: str = "UINSTALLER",
                redirect_uri: str | None = None) -> str:
        """An admin of ``team_id`` clicked Allow: the code Slack appends to the redirect."""
        code = f"code-{team_id}-{next(self._tokens)}"
        self.grants[code] = Grant(team_id, team_name, user_id, tuple(scopes), redirect_uri)
        return code

    def _answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        if method == "oauth.v2.access":
            return self._exchange(params, token)
        team = self.team_tokens.get(token or "")
        if team is None:
            return super()._answer(method, params, token)
        if method == "auth.test":
            return {"ok": True, "url": f"https://{team.lower()}.slack.test/", "team": team, "user": "dispute-bot",
                    "team_id": team, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}
        return super()._answer(method, params, BOT_TOKEN)  # a valid bot token: the same behaviour as the stub's

    def _exchange(self, params: dict[str, Any], authorization: str | None) -> dict[str, Any]:
        client_id, client_secret = params.get("client_id"), params.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        self.exchanges.append({"client_id": client_id, "code": params.get("code"),
                               "redirect_uri": params.get("redirect_uri")})
        if client_id != CLIENT_ID:
            return {"ok": False, "error": "invalid_client_id"}
        if client_secret != CLIENT_SECRET:
            return {"ok": False, "error": "bad_client_secret"}
        grant = self.grants.pop(str(params.get("code")), None)
        if grant is None:
            return {"ok": False, "error": "invalid_code"}
        if grant.redirect_uri and params.get("redirect_uri") != grant.redirect_uri:
            return {"ok": False, "error": "bad_redirect_uri"}
        token = f"xoxb-{grant.team_id.lower()}-{next(self._tokens)}"
        self.team_tokens[token] = grant.team_id
        return {"ok": True, "access_token": token, "token_type": "bot", "scope": ",".join(grant.scopes),
                "bot_user_id": BOT_USER_ID, "app_id": APP_ID, "team": {"id": grant.team_id, "name": grant.team_name},
                "enterprise": None, "is_enterprise_install": False, "authed_user": {"id": grant.user_id}}
