"""The interaction half of the fake Discord's REST: callbacks, follow-ups and the response's message.

An interaction callback later than the 3-second deadline gets 404 / 10062 "Unknown interaction". The first
follow-up after a deferral resolves the "thinking…" message and inherits the deferral's ephemerality. A token
works for 15 minutes; after that every use of it is 401 / 50027. In a server, the message an interaction shows
to everyone (the deferral's, unless it was ephemeral, or a public follow-up) passes the server's AutoMod as a
bot's message does: one holding a blocked keyword is refused, 400 / 200000. Discord can't make a public message
ephemeral after the fact, so editing the "thinking…" into it fails (as reported by bot libraries that handle
it: tibue99/ezcord#85); an ephemeral one, which only the asker sees, is not held to the server's rules here.
In a thread a moderator closed (archived and locked) before a command there was acknowledged, or while it was
answered, Discord refuses the callback and every message of the interaction, 400 / 50083 "Thread is archived"
(discord/discord-api-docs#5517, #6884); deleting the "thinking…" is allowed, as deleting is in an archived thread.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.bot.discord import payloads as p
from tests.bot.discord.discord_rules import choices_allowed
from tests.bot.discord.fake_records import FakeRecords, Sent, json_response


@dataclass
class InteractionState:
    payload: dict[str, Any]
    dispatched_at: float
    stage: str = "new"  # new → loading (deferred) → resolved; or deleted
    deferred_ephemeral: bool = False
    callback_at: float | None = None
    choices: list[dict[str, Any]] | None = None  # an autocomplete's answer (callback type 8)
    message_id: str = field(default_factory=p.snowflake)  # the response's message, "thinking…" while deferred



class FakeInteractions(FakeRecords):
    """Discord's answers to what the bot does with an interaction, recorded for the tests to inspect."""

    automod_keywords: set[str]  # the server's AutoMod keywords (``FakeRest``)
    closed: set[str]  # threads a moderator closed, archived and locked (``FakeRest``)

    def __init__(self, deadline: float = 3.0) -> None:
        super().__init__()
        self.deadline = deadline
        self.interactions: dict[str, InteractionState] = {}
        self.late_callbacks: list[str] = []  # tokens of callbacks that came after the deadline (404, 10062)
        # Discord: an interaction token works for 15 minutes; after that every use is 401, 50027.
        self.token_lifetime = 900.0
        # An expired token's use answered 429 without Discord's ``Via`` (its edge refusing a client whose requests
        # keep failing), which discord.py gives up on at once, instead of 401, 50027.
        self.expired_rate_limited = False
        # The next this-many interaction messages (follow-ups and edits) are created, but the response is lost
        # on the way back: Discord's edge answers 502.
        self.lost_webhook_responses = 0
        # Discord names the response's message (``response_message_id``) in its answer to a callback; False: an
        # answer without it, as before Discord added it, so the bot has to fetch the message.
        self.names_response_message = True

    def _callback(self, token: str, body: dict[str, Any]) -> web.Response:
        state = self.interactions.get(token)
        now = time.monotonic()
        if state is None or now - state.dispatched_at > self.deadline:
            self.late_callbacks.append(token)
            return json_response({"message": "Unknown interaction", "code": 10062}, 404)
        if state.stage != "new":
            return json_response({"message": "Interaction has already been acknowledged.", "code": 40060}, 400)
        if (archived := self._archived(token)) is not None:
            return archived
        data = body.get("data") or {}
        ephemeral = bool(data.get("flags", 0) & 64)
        state.callback_at = now
        result: dict[str, Any] = {"interaction": {"id": state.payload["id"], "type": 2,
                                                  "response_message_loading": body["type"] == 5,
                                                  "response_message_ephemeral": ephemeral},
                                  "resource": {"type": body["type"]}}
        if body["type"] == 8:
            # Only an autocomplete interaction (type 4) may be answered with choices.
            choices = data.get("choices")
            if state.payload["type"] != 4 or not choices_allowed(choices):
                self.rejected.append((f"autocomplete {token}", {"choices": str(choices)}))
                return json_response({"message": "Invalid Form Body", "code": 50035}, 400)
            state.stage, state.choices = "resolved", choices
            return json_response(result)
        if state.payload["type"] == 4:
            self.rejected.append((f"autocomplete {token}", {"type": str(body["type"])}))
            return json_response({"message": "Invalid Form Body", "code": 50035}, 400)
        if self.names_response_message:
            result["interaction"]["response_message_id"] = state.message_id
        if body["type"] == 5:
            state.stage, state.deferred_ephemeral = "loading", ephemeral
        elif body["type"] == 4:
            problem = self._check(f"callback {token}", data)
            if problem:
                return problem
            state.stage = "resolved"
            sent = self._record(state.payload["channel_id"], data, ephemeral, token, message_id=state.message_id)
            result["resource"]["message"] = self._messagejson_response(sent)
        return json_response(result)

    def _archived(self, token: str) -> web.Response | None:
        state = self.interactions[token]
        if str(state.payload.get("channel_id")) not in self.closed:
            return None
        self.rejected.append((f"interaction {token}", {"": "Thread is archived"}))
        return json_response({"message": "Thread is archived", "code": 50083}, 400)

    def _expired(self, token: str) -> web.Response | None:
        state = self.interactions.get(token)
        if state is not None and time.monotonic() - state.dispatched_at > self.token_lifetime:
            self.rejected.append((f"webhook {token}", {"token": "expired"}))
            if self.expired_rate_limited:
                return json_response({"message": "You are being rate limited.", "retry_after": 60.0, "global": False},
                                     429)
            return json_response({"message": "Invalid Webhook Token", "code": 50027}, 401)
        return None

    def _followup(self, token: str, body: dict[str, Any], edit: bool = False) -> web.Response:
        state = self.interactions.get(token)
        if state is None or state.stage == "new":
            return json_response({"message": "Unknown Webhook", "code": 10015}, 404)
        if (expired := self._expired(token)) is not None:
            return expired
        if (archived := self._archived(token)) is not None:
            return archived
        if body.get("_files") and not int(state.payload.get("app_permissions") or 0) & p.ATTACH_FILES:
            self.rejected.append((f"webhook {token}", {"files": "Missing Permissions"}))
            return json_response({"message": "Missing Permissions", "code": 50013}, 403)
        problem = self._check(f"webhook {token}", body)
        if problem:
            return problem
        resolving = state.stage == "loading"  # the deferral's message, which keeps its id
        public = not (state.deferred_ephemeral if resolving or edit else bool(body.get("flags", 0) & 64))
        said = json.dumps([body.get("content"), body.get("embeds")]).lower()
        if public and state.payload.get("guild_id") and any(word in said for word in self.automod_keywords):
            self.rejected.append((f"webhook {token}", {"": "Message was blocked by automatic moderation"}))
            return json_response({"message": "Message was blocked by automatic moderation", "code": 200000}, 400)
        if resolving:  # resolves "thinking…"; the deferral decided who sees it
            state.stage = "resolved"
            ephemeral = state.deferred_ephemeral
        elif edit:
            original = next(m for m in self.messages if m.interaction == token)
            original.body = {**original.body, **body}
            return json_response(self._messagejson_response(original))
        else:
            ephemeral = bool(body.get("flags", 0) & 64)
        sent = self._record(state.payload["channel_id"], body, ephemeral, token,
                            message_id=state.message_id if resolving else None)
        if self.lost_webhook_responses > 0:
            self.lost_webhook_responses -= 1
            self.rejected.append((f"webhook {token}", {"": "502 after create"}))
            return web.Response(status=502, text="<html>502 Bad Gateway</html>", content_type="text/html")
        return json_response(self._messagejson_response(sent))

    def _original(self, token: str) -> web.Response:
        """The response's message: "thinking…" (flags 128, loading) while deferred, then what it was edited to."""
        state = self.interactions.get(token)
        if state is None or state.stage in ("new", "deleted"):
            return json_response({"message": "Unknown Message", "code": 10008}, 404)
        shown = next((m for m in self.messages if m.id == state.message_id), None)
        if shown is None:
            shown = Sent(state.message_id, state.payload["channel_id"], {}, state.deferred_ephemeral, time.monotonic())
            return json_response({**self._messagejson_response(shown), "flags": 128 | (64 * shown.ephemeral)})
        return json_response(self._messagejson_response(shown))

    def _delete_original(self, token: str) -> web.Response:
        state = self.interactions.get(token)
        if state is None or state.stage == "new":
            return json_response({"message": "Unknown Message", "code": 10008}, 404)
        if (expired := self._expired(token)) is not None:
            return expired
        if state.stage == "resolved":
            next(m for m in self.messages if m.interaction == token).deleted = True
        state.stage = "deleted"
        return web.Response(status=204)
