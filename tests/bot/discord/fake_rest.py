"""The REST half of the fake Discord: Discord's endpoints, routed to what answers them.

Messages are checked and recorded as in ``fake_records``; what an interaction's callback, follow-ups and
response message get is ``fake_interactions``'s.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from aiohttp import web

from tests.bot.discord import payloads as p
from tests.bot.discord.discord_rules import command_errors, not_offered
from tests.bot.discord.fake_interactions import FakeInteractions
from tests.bot.discord.fake_records import json_response


class FakeRest(FakeInteractions):
    """Records everything the bot does through REST, for the tests to inspect."""

    def __init__(self, deadline: float = 3.0, announce_threads: bool = True,
                 drop_thread_requests: bool = False) -> None:
        super().__init__(deadline)
        self.announce_threads = announce_threads
        self.drop_thread_requests = drop_thread_requests  # the connection drops before Discord answers
        self.unexpected: list[str] = []
        self.dropped: list[str] = []  # requests whose connection the fake dropped on purpose
        self.synced: dict[str, list[dict[str, Any]]] = {}
        # The installation contexts enabled in the Developer Portal (0 servers, 1 users): both, as for a new
        # application, and as a user install needs.
        self.installable: tuple[int, ...] = (0, 1)
        self.sync_calls: list[str] = []  # every command sync, by path
        self.threads: list[dict[str, Any]] = []
        # Seconds between Discord opening a thread (announced on the gateway, shown to people) and its response
        # reaching the bot: a slow or retried request.
        self.thread_response_delay = 0.0
        self.files: dict[str, bytes] = {}
        self.file_requests: list[str] = []
        self.no_embed_links: set[str] = set()  # channels where the bot lacks the Embed Links permission
        self.no_history: set[str] = set()  # channels where the bot lacks Read Message History (no replies)
        self.read_only: set[str] = set()  # channels where the bot may read but not send (403, 50013)
        self.locked: set[str] = set()  # locked threads: only members with Manage Threads may post (403, 160005)
        # Threads a moderator closed (archived and locked) while the bot answered. A message to an archived thread
        # unarchives it, "unless the thread has been locked by a moderator" (Discord's threads topic): then it is
        # refused (400, 50083, "Operation cannot be performed on an archived thread").
        self.closed: set[str] = set()
        # Words the server's AutoMod blocks (a keyword rule with the Block Message action, which bots are not
        # exempt from): a message holding one, in its text or its embeds, is refused (400, 200000).
        self.automod_keywords: set[str] = set()
        self.deleted: set[str] = set()  # ids of messages deleted since they were sent
        self.gone: set[str] = set()  # channels and threads deleted since the bot saw them (404, 10003)
        self.dm_channels: dict[str, str] = {}  # DM channel id -> the user it is with
        # Users who take no DMs from the server's members (Privacy Settings), bots included: Discord opens the DM
        # channel but refuses every message to it (403, 50007 "Cannot send messages to this user").
        self.no_dms: set[str] = set()
        self.posts: dict[str, dict[str, Any]] = {}  # messages people posted (dispatched), by id
        self.fetched: list[str] = []  # ids of messages the bot fetched one by one
        self.drop_original_reads = False  # reading the response's message: the connection drops, no answer
        # The next this-many message sends (to a channel, or through an interaction's webhook) are answered 429
        # with Discord's rate limit body and headers, asking for a wait of ``retry_after`` seconds.
        self.rate_limited_sends = 0
        self.retry_after = 0.3
        self.rate_limited: list[tuple[str, float]] = []  # (what, monotonic time) of each 429 given

    async def _send_dispatch(self, event: str, data: dict[str, Any]) -> None:
        raise NotImplementedError  # the gateway's job

    def gateway_bot(self) -> dict[str, Any]:
        raise NotImplementedError  # the gateway's job

    async def _attachment(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        self.file_requests.append(name)
        if name not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[name], headers={"Content-Type": "text/plain"})

    async def _body(self, request: web.Request) -> Any:
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            body = json.loads(str(form.get("payload_json") or "{}"))
            body["_files"] = [{"field": key, "filename": value.filename, "content_type": value.content_type,
                               "data": value.file.read()}
                              for key, value in form.items() if isinstance(value, web.FileField)]
            return body
        return await request.json() if request.can_read_body else {}

    def _rate_limit(self, what: str) -> web.Response | None:
        """A 429 as Discord sends one for a route's limit (``X-RateLimit-Scope: user``), through its edge (``Via``;
        discord.py takes a 429 without it for a Cloudflare ban and gives up), or None when this send is let by."""
        if self.rate_limited_sends <= 0:
            return None
        self.rate_limited_sends -= 1
        self.rate_limited.append((what, time.monotonic()))
        body = {"message": "You are being rate limited.", "retry_after": self.retry_after, "global": False}
        headers = {"Content-Type": "application/json", "Via": "1.1 google",
                   "Retry-After": str(max(1, round(self.retry_after))), "X-RateLimit-Scope": "user",
                   "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                   "X-RateLimit-Reset-After": str(self.retry_after), "X-RateLimit-Bucket": "fake-messages"}
        return web.Response(body=json.dumps(body).encode(), status=429, headers=headers)

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        method, parts = request.method, request.match_info["path"].split("/")
        body = await self._body(request)
        public = parts[0] in ("interactions", "webhooks")
        if not public and request.headers.get("Authorization") != f"Bot {p.TOKEN}":
            return json_response({"message": "401: Unauthorized", "code": 0}, 401)
        # A message sent to a channel, or a follow-up through an interaction's webhook.
        sending = method == "POST" and ((parts[0] == "channels" and parts[2:] == ["messages"])
                                        or (parts[0] == "webhooks" and len(parts) == 3))
        if sending and (limited := self._rate_limit("/".join(parts))) is not None:
            return limited
        route = (method, *parts)
        match route:
            case ("GET", "users", "@me"):
                return json_response(p.BOT_USER)
            case ("GET", "gateway", "bot"):
                return json_response(self.gateway_bot())
            case ("GET", "oauth2", "applications", "@me"):
                return json_response(p.application())
            case ("PUT", "applications", _, "commands") | ("PUT", "applications", _, "guilds", _, "commands"):
                return self._sync("/".join(parts), body)
            case ("POST", "interactions", _, token, "callback"):
                return self._callback(token, body)
            case ("POST", "webhooks", _, token):
                return self._followup(token, body)
            case ("PATCH", "webhooks", _, token, "messages", "@original"):
                edited = self._followup(token, body, edit=True)
                await self._response_held()  # shown already; its response may be held (``hold_responses``)
                return edited
            case ("GET", "webhooks", _, token, "messages", "@original"):
                if self.drop_original_reads:
                    self.dropped.append(f"original of {token}")
                    assert request.transport is not None
                    request.transport.abort()
                return self._original(token)
            case ("DELETE", "webhooks", _, token, "messages", "@original"):
                return self._delete_original(token)
            case ("POST", "users", "@me", "channels"):
                recipient = str(body.get("recipient_id"))
                channel_id = next((c for c, u in self.dm_channels.items() if u == recipient), p.snowflake())
                self.dm_channels[channel_id] = recipient
                return json_response({"id": channel_id, "type": 1, "last_message_id": None,
                                      "recipients": [p.user(int(recipient))]})
            case ("POST", "channels", channel_id, "typing"):
                return web.Response(status=204)
            case ("POST", "channels", channel_id, "messages"):
                created = self._create_message(channel_id, body)
                await self._response_held()
                return created
            case ("GET", "channels", channel_id, "messages", message_id):
                return self._get_message(channel_id, message_id)
            case ("DELETE", "channels", channel_id, "messages", message_id):
                return self._delete_message(channel_id, message_id)
            case ("POST", "channels", channel_id, "messages", message_id, "threads"):
                return await self._create_thread(channel_id, message_id, body, request)
        self.unexpected.append(f"{method} /{'/'.join(parts)}")
        return json_response({"message": "404: Not Found", "code": 0}, 404)

    def not_offered(self, interaction: dict[str, Any]) -> str | None:
        """Why Discord would not offer this slash command where it was run, as it was last synced (None: it
        would); see ``discord_rules.not_offered``."""
        return not_offered(self.synced, interaction, self.installable)

    def _sync(self, path: str, commands: list[dict[str, Any]]) -> web.Response:
        self.sync_calls.append(path)
        errors = command_errors(commands)
        if errors:
            return self._invalid(path, errors)
        guild_id = path.split("/")[3] if "/guilds/" in f"/{path}" else None
        self.synced[guild_id or "global"] = commands
        return json_response([{**c, "id": p.snowflake(), "application_id": str(p.APP_ID), "version": p.snowflake(),
                       "guild_id": guild_id, "type": c.get("type", 1),
                       "default_member_permissions": _digits(c.get("default_member_permissions")),
                       "nsfw": False} for c in commands])

    def _get_message(self, channel_id: str, message_id: str) -> web.Response:
        """A message people posted, as Discord returns it (its text withheld as the gateway withholds it), or
        404 / 10008 Unknown Message."""
        self.fetched.append(message_id)
        found = self.posts.get(message_id)
        if found is None or found["channel_id"] != channel_id or message_id in self.deleted:
            return json_response({"message": "Unknown Message", "code": 10008}, 404)
        return json_response(found if self.reads_content(found) else {**found, "content": ""})

    def in_a_dm(self, channel_id: str) -> bool:
        """A DM channel: one the bot opened (``POST /users/@me/channels``) or one people wrote to it in, whose
        messages come without a ``guild_id``."""
        return channel_id in self.dm_channels or any(
            post["channel_id"] == channel_id and "guild_id" not in post for post in self.posts.values())

    def reads_content(self, data: dict[str, Any]) -> bool:
        raise NotImplementedError  # the gateway's rule (``FakeDiscord``)

    def _delete_message(self, channel_id: str, message_id: str) -> web.Response:
        """A bot may delete its own messages; anyone else's needs Manage Messages, which the fake never grants.
        A public interaction response is the bot's message too, "thinking…" included, also once its token expired
        (only an ephemeral one is reachable through the interaction alone: discord/discord-api-docs#3090)."""
        thinking = next((s for s in self.interactions.values() if s.message_id == message_id
                         and s.stage == "loading" and not s.deferred_ephemeral
                         and str(s.payload["channel_id"]) == channel_id), None)
        if thinking is not None:
            thinking.stage = "deleted"
            return web.Response(status=204)
        sent = next((m for m in self.messages if m.id == message_id and m.channel_id == channel_id), None)
        if sent is None or sent.deleted:
            return json_response({"message": "Unknown Message", "code": 10008}, 404)
        sent.deleted = True
        self.deleted.add(message_id)
        return web.Response(status=204)

    def _create_message(self, channel_id: str, body: dict[str, Any]) -> web.Response:
        if self.dm_channels.get(channel_id) in self.no_dms:
            self.rejected.append((f"channel {channel_id}", {"": "Cannot send messages to this user"}))
            return json_response({"message": "Cannot send messages to this user", "code": 50007}, 403)
        if channel_id in self.gone:
            self.rejected.append((f"channel {channel_id}", {"": "Unknown Channel"}))
            return json_response({"message": "Unknown Channel", "code": 10003}, 404)
        problem = self._check(f"channel {channel_id}", body)
        if problem:
            return problem
        said = json.dumps([body.get("content"), body.get("embeds")]).lower()
        if any(word in said for word in self.automod_keywords):
            self.rejected.append((f"channel {channel_id}", {"": "Message was blocked by automatic moderation"}))
            return json_response({"message": "Message was blocked by automatic moderation", "code": 200000}, 400)
        if channel_id in self.read_only:
            self.rejected.append((f"channel {channel_id}", {"": "Missing Permissions"}))
            return json_response({"message": "Missing Permissions", "code": 50013}, 403)
        if channel_id in self.locked:
            self.rejected.append((f"channel {channel_id}", {"": "Thread is locked"}))
            return json_response({"message": "Thread is locked", "code": 160005}, 403)
        if channel_id in self.closed:
            archived = "Operation cannot be performed on an archived thread"
            self.rejected.append((f"channel {channel_id}", {"": archived}))
            return json_response({"message": archived, "code": 50083}, 400)
        gone = body.get("message_reference") or {}
        if str(gone.get("message_id")) in self.deleted:
            if gone.get("fail_if_not_exists", True):  # Discord's default: refuse a reply to a deleted message
                self.rejected.append((f"channel {channel_id}", {"message_reference": "Unknown message"}))
                return json_response({"code": 50035, "message": "Invalid Form Body", "errors": {
                    "message_reference": {"_errors": [{"code": "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                                                       "message": "Unknown message"}]}}}, 400)
            body = {k: v for k, v in body.items() if k != "message_reference"}  # sent as a plain message
        if channel_id in self.no_embed_links and body.get("embeds"):
            # Discord without Embed Links: an embed-only message is refused, embeds beside text are dropped.
            if not body.get("content"):
                self.rejected.append((f"channel {channel_id}", {"embeds": "Missing Permissions"}))
                return json_response({"message": "Missing Permissions", "code": 50013}, 403)
            body = {k: v for k, v in body.items() if k != "embeds"}
        reference = (body.get("message_reference") or {}).get("message_id")
        if reference and channel_id in self.no_history:
            self.rejected.append((f"channel {channel_id}", {"message_reference": "Missing Permissions"}))
            return json_response({"message": "Cannot reply without permission to read message history",
                                  "code": 160002}, 400)
        replied = str(p.USER_ID) if reference else None
        sent = self._record(channel_id, body, False, reply_to=reference and str(reference), replied_user=replied)
        return json_response(self._messagejson_response(sent))

    async def _create_thread(self, channel_id: str, message_id: str, body: dict[str, Any],
                             request: web.Request) -> web.Response:
        if self.drop_thread_requests:
            self.dropped.append(f"thread on {message_id}")
            assert request.transport is not None
            request.transport.abort()  # a reset connection, as a proxy restart or a network fault gives
            return web.Response(status=204)
        if not 1 <= len(body.get("name") or "") <= 100:
            return self._invalid(f"thread {message_id}", {"name": "BASE_TYPE_BAD_LENGTH"})
        kinds = {c["id"]: c["type"] for c in p.guild()["channels"]}
        if kinds.get(channel_id) not in p.THREADABLE_TYPES:  # a thread, a forum post, a voice channel's chat
            self.rejected.append((f"thread {message_id}", {"": "Cannot execute action on this channel type"}))
            return json_response({"message": "Cannot execute action on this channel type", "code": 50024}, 400)
        thread = p.thread(int(message_id), body["name"], int(channel_id),
                          auto_archive_duration=body.get("auto_archive_duration", 1440))
        self.threads.append(thread)
        if self.announce_threads:  # Discord does; without it the bot must remember its threads itself
            await self._send_dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        await asyncio.sleep(self.thread_response_delay)
        return json_response(thread)


def _digits(permissions: object) -> str | None:
    """A command's permission bit set as Discord returns it: a string, whatever number was sent."""
    return None if permissions is None else str(permissions)
