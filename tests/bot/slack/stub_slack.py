"""A stand-in for Slack on 127.0.0.1: the Web API, response_url webhooks, file downloads and Socket Mode.

It records every call and refuses the messages Slack refuses (``tests.bot.slack.slack_rules``).
``rejected`` lists every refused message; the fixture fails a test that leaves any there. ``unfurled`` lists
every message people see in the channel that holds a web address and was sent without ``unfurl_links`` and
``unfurl_media`` turned off, which Slack would show with link previews; the fixture fails a test that
leaves any there too.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from aiohttp import WSMsgType, web

from tests.bot.slack.post_rules import post_refusal
from tests.bot.slack.slack_rules import message_error, texts, view_error

BOT_TOKEN = "xoxb-stub-bot-token"
APP_TOKEN = "xapp-stub-app-token"
TEAM_ID = "T0STUB"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
APP_ID = "ASTUB"

MANIFEST = Path(__file__).resolve().parents[3] / "slack" / "manifest.yml"
# The bot events the app subscribes to, as after installing from the manifest: Slack sends no others.
SUBSCRIBED: frozenset[str] = frozenset(
    yaml.safe_load(MANIFEST.read_text())["settings"]["event_subscriptions"]["bot_events"])
# Methods that need a scope beyond chat:write, as Slack documents them.
NEEDED_SCOPES = {"files.getUploadURLExternal": "files:write", "files.completeUploadExternal": "files:write",
                 "files.info": "files:read", "users.info": "users:read", "bots.info": "users:read",
                 "usergroups.users.list": "usergroups:read"}


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    token: str | None


class StubSlack:
    def __init__(self) -> None:
        self.calls: list[ApiCall] = []
        self.responses: list[dict[str, Any]] = []  # bodies posted to response_url, with "_key"
        self.expired: set[str] = set()  # response_url keys past their 30 minutes (Slack answers 404)
        self.rejected: list[tuple[str, str, list[str]]] = []  # (where, error, details)
        self.unfurled: list[tuple[str, str]] = []  # (where, text): public messages Slack would add link previews to
        self.acks: list[dict[str, Any]] = []  # Socket Mode frames the app sent back
        self.downloads: list[tuple[str, bool]] = []  # (file id, carried the bot token)
        self.users: dict[str, dict[str, Any]] = {}
        self.usergroups: dict[str, list[str]] = {}  # user group id ("S…") -> its members' user ids
        # The bot's names: its user's handle (auth.test's "user"), the bot name the operator gave the app in its
        # config (bots.info, and the bot user's real name), and the display name of the bot user (users.info).
        self.bot_handle = "dispute-bot"
        self.bot_name = "dispute-bot"
        self.bot_display_name = ""
        self.files: dict[str, tuple[dict[str, Any], bytes]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}  # user id -> the App Home view last published for them
        # The bot token carries the scopes the app manifest asks for, as after installing from it.
        self.scopes: set[str] = set(yaml.safe_load(MANIFEST.read_text())["oauth_config"]["scopes"]["bot"])
        self.uploads: dict[str, dict[str, Any]] = {}  # file id -> {"filename", "length", "data"}
        self.shared: list[dict[str, Any]] = []  # files.completeUploadExternal calls that shared files
        # Characters of block text a posted message may hold in all (see _blocks_too_long).
        self.block_text_limit = 12_000
        # While set (not yet set): messages are posted (people see them) but Slack's answer to chat.postMessage
        # waits for it, as for a slow or retried request.
        self.post_answers: asyncio.Event | None = None
        # method -> how many more calls Slack answers with HTTP 429 "ratelimited" (Retry-After: retry_after), as
        # it does past about one message a second in a channel; "response_url" for posts to response_urls.
        self.rate_limited: dict[str, int] = {}
        self.retry_after = 1
        # Channels the bot is not a member of. A slash command works there (its reply goes through the
        # response_url), but the bot token can't post or share a file there: Slack answers "not_in_channel"
        # (chat:write.public, which the manifest doesn't ask for, would allow posts, never file shares).
        self.outside: set[str] = set()
        # Members of the channels a test names (others hold everyone): ephemeral posts to others are refused.
        self.members: dict[str, set[str]] = {}
        # Announcement-only channels: Slack refuses every post there from anyone but admins ("restricted_action").
        self.read_only: set[str] = set()
        # Group DMs (mpims) the bot was added to: reading one's history needs mpim:history, as Slack has it.
        self.group_dms: set[str] = set()
        # ts of messages deleted before anyone replied: a reply in their thread is refused ("thread_not_found"),
        # as Slack does when a question is deleted while the app answers it.
        self.deleted: set[str] = set()
        # An app-level token revoked in the app's settings: Slack closes its connections and refuses it after.
        self.app_token_revoked = False
        # The app uninstalled from the workspace (its bot token revoked): every Web API call with the bot token is
        # refused with "account_inactive", Slack's error for a bot token of a workspace the app was removed from.
        self.bot_token_revoked = False
        # Archived channels: Slack refuses every post there ("is_archived", "Channel has been archived.").
        self.archived: set[str] = set()
        # An in_channel reply through a response_url becomes a message by the app, with a ts of its own that
        # Slack never tells the app (the webhook answers "ok"); people can reply in its thread.
        self.response_ts: dict[str, str] = {}  # response_url key -> ts of the message it posted
        self.app_messages: dict[str, dict[str, Any]] = {}  # ts -> a thread's first message (conversations.replies)
        self.port = 0
        self._ts = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None

    # -- lifecycle and helpers -----------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{key}", self._respond)
        app.router.add_get("/files/{id}/{name}", self._file)
        app.router.add_post("/upload/{id}", self._upload)
        app.router.add_get("/link/", self._socket)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, key: str) -> str:
        return f"http://127.0.0.1:{self.port}/respond/{key}"

    def add_file(self, file_id: str, name: str, data: bytes) -> None:
        url = f"http://127.0.0.1:{self.port}/files/{file_id}/{name}"
        meta = {"id": file_id, "name": name, "size": len(data), "mimetype": "text/plain",
                "url_private": url, "url_private_download": url}
        self.files[file_id] = (meta, data)

    def posted(self, *methods: str) -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method in methods]

    def messages(self) -> list[dict[str, Any]]:
        """Everything the app sent for people to read: chat posts and response_url replies."""
        return [*self.posted("chat.postMessage", "chat.postEphemeral"), *self.responses]

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 20.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    def post_as_app(self, channel: str, text: str, blocks: list[dict[str, Any]] | None = None) -> str:
        """A message the app posted earlier (its ts), as conversations.replies shows it."""
        ts = f"1700000100.{next(self._ts):06d}"
        self.app_messages[ts] = {"type": "message", "subtype": "bot_message", "ts": ts, "user": BOT_USER_ID,
                                 "bot_id": BOT_ID, "app_id": APP_ID, "text": text, "blocks": blocks or [],
                                 "channel": channel}
        return ts

    def post_as_user(self, channel: str, user: str, text: str) -> str:
        """A message a person posted earlier (its ts), as conversations.replies shows it."""
        ts = f"1700000200.{next(self._ts):06d}"
        self.app_messages[ts] = {"type": "message", "ts": ts, "user": user, "text": text, "channel": channel,
                                 "team": TEAM_ID}
        return ts

    async def revoke_app_token(self) -> None:
        """As when a workspace admin regenerates or revokes the app-level token: its sockets close."""
        self.app_token_revoked = True
        for ws in list(self._sockets):
            await ws.close()

    async def push(self, envelope: dict[str, Any]) -> None:
        """Send a Socket Mode envelope down every open connection."""
        for ws in self._sockets:
            await ws.send_json(envelope)

    @property
    def connected(self) -> int:
        return len(self._sockets)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- endpoints -----------------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        token = bearer or params.pop("token", None)
        self.calls.append(ApiCall(method, params, token))
        if self.rate_limited.get(method):
            self.rate_limited[method] -= 1
            self.rejected.append((method, "ratelimited", []))
            await self._notify()
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": str(self.retry_after)})
        result = self._answer(method, params, token)
        await self._notify()
        if method == "chat.postMessage" and self.post_answers is not None:
            await self.post_answers.wait()
        return web.json_response(result)

    def _blocks_too_long(self, params: dict[str, Any]) -> tuple[str, list[str]] | None:
        """Slack's undocumented limit on the text of all blocks of a posted message together (about 12,000
        characters, "with a buffer for block containers"; slackapi/bolt-js #2509, #2867), though each block is
        within its own; replies through a response_url are not held to it."""
        blocks = params.get("blocks")
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
        total = sum(len(text) for text in texts(blocks or []))
        return ("msg_blocks_too_long", []) if total > self.block_text_limit else None

    def _note_unfurls(self, where: str, message: dict[str, Any]) -> None:
        """Record a message Slack would add link previews to: one everybody sees (not ephemeral) holding an
        http(s) address, unless it turns off both ``unfurl_links`` (pages) and ``unfurl_media`` (pictures,
        videos). ``chat.postEphemeral`` takes neither: nothing sent only to one person unfurls."""
        blocks = message.get("blocks")
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
        shown = [str(message.get("text") or ""), *texts(blocks or [])]
        if not any("http://" in t or "https://" in t for t in shown):
            return
        if all(str(message.get(flag)).lower() in ("false", "0") for flag in ("unfurl_links", "unfurl_media")):
            return
        self.unfurled.append((where, shown[0][:200]))

    def _answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        if method == "apps.connections.open":
            if token == APP_TOKEN and self.app_token_revoked:
                return {"ok": False, "error": "token_revoked"}
            if token != APP_TOKEN:  # a bot token is the wrong type; an unknown app-level token is no token
                return {"ok": False, "error": "invalid_auth" if (token or "").startswith("xapp-") else
                        "not_allowed_token_type"}
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/link/?ticket=stub"}
        if token != BOT_TOKEN:
            return {"ok": False, "error": "invalid_auth"}
        if self.bot_token_revoked:
            return {"ok": False, "error": "account_inactive"}
        if method == "auth.test":
            return {"ok": True, "url": "https://stub.slack.test/", "team": "Stub", "user": self.bot_handle,
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            if refused := post_refusal(method, params, self.scopes, self.outside, self.members):
                return refused
            if params.get("channel") in self.read_only:
                return {"ok": False, "error": "restricted_action"}
            if params.get("channel") in self.archived:
                return {"ok": False, "error": "is_archived"}
            if params.get("thread_ts") in self.deleted:
                return {"ok": False, "error": "thread_not_found"}
            refusal = message_error(params) or self._blocks_too_long(params)
            if refusal:
                self.rejected.append((method, *refusal))
                return {"ok": False, "error": refusal[0], "errors": refusal[1]}
            if method == "chat.postMessage":
                self._note_unfurls(method, params)
            ts = f"1700000000.{next(self._ts):06d}"
            return {"ok": True, "channel": params.get("channel"), "ts": ts, "message_ts": ts}
        if NEEDED_SCOPES.get(method, "chat:write") not in self.scopes:
            return {"ok": False, "error": "missing_scope", "needed": NEEDED_SCOPES.get(method)}
        if method == "files.getUploadURLExternal":
            if not params.get("filename") or not str(params.get("length", "")).isdigit():
                return {"ok": False, "error": "invalid_arguments"}
            file_id = f"FUP{next(self._ts):04d}"
            self.uploads[file_id] = {"filename": params["filename"], "length": int(params["length"]), "data": None}
            return {"ok": True, "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            return self._complete(params)
        if method == "conversations.replies":
            needed = self.history_scope(str(params.get("channel") or ""))
            if needed not in self.scopes:
                return {"ok": False, "error": "missing_scope", "needed": needed}
            root = self.app_messages.get(str(params.get("ts")))
            return {"ok": True, "messages": [root], "has_more": False} if root else \
                {"ok": False, "error": "thread_not_found"}
        if method == "bots.info":
            if params.get("bot") != BOT_ID:
                return {"ok": False, "error": "bot_not_found"}
            return {"ok": True, "bot": {"id": BOT_ID, "app_id": APP_ID, "user_id": BOT_USER_ID, "name": self.bot_name,
                                        "deleted": False}}
        if method == "users.info":
            user = self.users.get(str(params.get("user"))) or (self._bot_user() if params.get("user") == BOT_USER_ID
                                                                else None)
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "usergroups.users.list":  # Slack's answer: the members' ids, or no_such_subteam
            members = self.usergroups.get(str(params.get("usergroup")))
            return {"ok": True, "users": members} if members is not None else {"ok": False, "error": "no_such_subteam"}
        if method == "views.publish":  # no scope needed; the page replaces the user's last one
            view = json.loads(params["view"]) if isinstance(params.get("view"), str) else params.get("view")
            errors = view_error(view) if params.get("user_id") else ["user_id is required"]
            if errors:
                self.rejected.append((method, "invalid_arguments", errors))
                return {"ok": False, "error": "invalid_arguments", "response_metadata": {"messages": errors}}
            self.home_views[str(params["user_id"])] = view
            return {"ok": True, "view": {"id": f"V{next(self._ts):06d}", **view}}
        if method == "files.info":
            found = self.files.get(str(params.get("file")))
            return {"ok": True, "file": found[0]} if found else {"ok": False, "error": "file_not_found"}
        return {"ok": False, "error": "unknown_method"}

    def _bot_user(self) -> dict[str, Any]:
        return {"id": BOT_USER_ID, "team_id": TEAM_ID, "name": self.bot_handle, "real_name": self.bot_name,
                "is_bot": True, "profile": {"display_name": self.bot_display_name, "real_name": self.bot_name,
                                            "bot_id": BOT_ID}}

    def history_scope(self, channel: str) -> str:
        """The scope Slack asks for to read ``channel``'s messages: its kind's own ``*:history``."""
        if channel.startswith("D"):
            return "im:history"
        if channel in self.group_dms:
            return "mpim:history"
        return "groups:history" if channel.startswith("G") else "channels:history"

    def _complete(self, params: dict[str, Any]) -> dict[str, Any]:
        files = json.loads(params["files"]) if isinstance(params.get("files"), str) else params.get("files") or []
        if params.get("channel_id") in self.outside:
            return {"ok": False, "error": "not_in_channel"}
        done = []
        for item in files:
            upload = self.uploads.get(item.get("id"))
            if upload is None or upload["data"] is None or len(upload["data"]) != upload["length"]:
                return {"ok": False, "error": "upload_failed" if upload else "file_not_found"}
            done.append({"id": item["id"], "name": upload["filename"], "title": item.get("title")})
        self.shared.append({"channel_id": params.get("channel_id"), "files": done,
                            "data": [self.uploads[f["id"]]["data"] for f in done]})
        return {"ok": True, "files": done}

    async def _upload(self, request: web.Request) -> web.Response:
        """The upload URL files.getUploadURLExternal handed out: the file's bytes, nothing else."""
        upload = self.uploads.get(request.match_info["id"])
        if upload is None:
            return web.Response(status=404)
        upload["data"] = await request.read()
        await self._notify()
        return web.Response(text=f"OK - {len(upload['data'])}")

    async def _respond(self, request: web.Request) -> web.Response:
        body = await request.json()
        if self.rate_limited.get("response_url"):
            self.rate_limited["response_url"] -= 1
            self.rejected.append(("response_url", "ratelimited", []))
            await self._notify()
            return web.Response(status=429, text="rate_limited", headers={"Retry-After": str(self.retry_after)})
        if request.match_info["key"] in self.expired:
            self.rejected.append(("response_url", "expired_url", []))
            await self._notify()
            return web.Response(status=404, text="expired_url")
        self.responses.append({**body, "_key": request.match_info["key"]})
        refusal = message_error(body)
        if not refusal and body.get("response_type") == "in_channel":
            self._note_unfurls("response_url", body)
            ts = f"1700000100.{next(self._ts):06d}"
            self.response_ts[request.match_info["key"]] = ts
            self.app_messages[ts] = {"type": "message", "subtype": "bot_message", "ts": ts, "user": BOT_USER_ID,
                                     "bot_id": BOT_ID, "app_id": APP_ID, "text": body.get("text"),
                                     "blocks": body.get("blocks") or []}
        if refusal:
            self.rejected.append(("response_url", *refusal))
        await self._notify()
        if refusal:
            return web.Response(status=400, text=refusal[0])
        return web.Response(text="ok")

    async def _file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["id"]
        authorized = request.headers.get("Authorization") == f"Bearer {BOT_TOKEN}"
        self.downloads.append((file_id, authorized))
        await self._notify()
        if not authorized:  # what Slack does: a sign-in page, not an error status
            return web.Response(text="<html>Sign in to Slack</html>", content_type="text/html")
        found = self.files.get(file_id)
        if not found:
            return web.Response(status=404)
        return web.Response(body=found[1], content_type="text/plain")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": APP_ID},
                            "debug_info": {"host": "stub", "approximate_connection_time": 3600}})
        await self._notify()
        try:
            async for frame in ws:
                if frame.type == WSMsgType.TEXT:
                    self.acks.append(json.loads(frame.data))
                    await self._notify()
        finally:
            self._sockets.remove(ws)
        return ws
