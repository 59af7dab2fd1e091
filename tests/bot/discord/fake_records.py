"""What the fake Discord shows and what it accepts: the messages the bot made visible, and Discord's checks
on a message before it is created.

Message payloads are checked against Discord's limits and refused with 400 / 50035 like the real API; an
empty message gets 400 / 50006. Every refusal is recorded in ``rejected`` for the tests to inspect.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.bot.discord import payloads as p
from tests.bot.discord.discord_rules import is_empty, message_errors, pings


@dataclass
class Sent:
    """A message the bot made visible, as Discord would show it."""

    id: str
    channel_id: str
    body: dict[str, Any]
    ephemeral: bool
    at: float
    interaction: str | None = None  # token of the interaction it answers
    reply_to: str | None = None
    pings: list[str] = field(default_factory=list)
    deleted: bool = False

    @property
    def content(self) -> str:
        return self.body.get("content") or ""

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return list(self.body.get("embeds") or [])

    @property
    def files(self) -> dict[str, bytes]:
        """Attached files by name, as uploaded in the multipart body."""
        return {f["filename"]: f["data"] for f in self.body.get("_files") or []}

    def text(self) -> str:
        """Everything a reader sees, for assertions about facts."""
        parts = [self.content]
        for e in self.embeds:
            parts += [e.get("title") or "", e.get("description") or "", (e.get("footer") or {}).get("text") or ""]
            parts += [f"{f['name']}\n{f['value']}" for f in e.get("fields") or []]
        return "\n".join(parts)


def json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py parses JSON only when the Content-Type is exactly application/json.
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


class FakeRecords:
    """The messages the bot made visible and the requests Discord refused, for the tests to inspect."""

    def __init__(self) -> None:
        self.messages: list[Sent] = []
        self.rejected: list[tuple[str, dict[str, str]]] = []
        # Messages the bot sends to a channel, and edits of an interaction's response, are made (people see them)
        # but Discord's response is held back until ``release_responses``: a slow or retried request, untimed.
        self.hold_responses = False
        self._responses_released: asyncio.Event | None = None

    async def _response_held(self) -> None:
        """In the fake's loop: wait, if responses are held, until they are released."""
        if self.hold_responses:
            if self._responses_released is None:
                self._responses_released = asyncio.Event()
            await self._responses_released.wait()

    async def _release_responses(self) -> None:
        self.hold_responses = False
        if self._responses_released is not None:
            self._responses_released.set()

    @staticmethod
    def _attachment_errors(body: dict[str, Any]) -> dict[str, str]:
        """Discord's checks on uploads: each listed attachment names an uploaded ``files[n]`` part, and
        the upload fits the 8 MiB a server without boosts allows."""
        uploaded = {f["field"]: f for f in body.get("_files") or []}
        errors: dict[str, str] = {}
        for i, item in enumerate(body.get("attachments") or []):
            if f"files[{item.get('id')}]" not in uploaded:
                errors[f"attachments.{i}.id"] = "ATTACHMENT_NOT_FOUND"
        if sum(len(f["data"]) for f in uploaded.values()) > p.ATTACHMENT_SIZE_LIMIT:
            errors["files"] = "Request entity too large"
        return errors

    def _invalid(self, where: str, errors: dict[str, str]) -> web.Response:
        self.rejected.append((where, errors))
        return json_response({"code": 50035, "message": "Invalid Form Body", "errors": errors}, 400)

    def _check(self, where: str, body: dict[str, Any]) -> web.Response | None:
        errors = message_errors(body) | self._attachment_errors(body)
        if errors:
            return self._invalid(where, errors)
        if is_empty(body):
            self.rejected.append((where, {"": "empty"}))
            return json_response({"code": 50006, "message": "Cannot send an empty message"}, 400)
        return None

    def _record(self, channel_id: str, body: dict[str, Any], ephemeral: bool, token: str | None = None,
                reply_to: str | None = None, replied_user: str | None = None, message_id: str | None = None) -> Sent:
        sent = Sent(message_id or p.snowflake(), channel_id, body, ephemeral, time.monotonic(), token, reply_to,
                    pings(body, replied_user))
        self.messages.append(sent)
        return sent

    def message_json(self, sent: Sent) -> dict[str, Any]:
        """The message as Discord sends it in payloads (e.g. in a component interaction)."""
        return self._messagejson_response(sent)

    def in_a_dm(self, channel_id: str) -> bool:
        """Whether ``channel_id`` is a DM (``FakeRest`` knows its DM channels); a DM's messages name no server."""
        return False

    def _messagejson_response(self, sent: Sent) -> dict[str, Any]:
        guild = {} if self.in_a_dm(sent.channel_id) else {"guild_id": str(p.GUILD_ID)}
        return {"id": sent.id, "channel_id": sent.channel_id, **guild, "author": p.BOT_USER,
                "content": sent.content, "embeds": sent.embeds, "flags": 64 if sent.ephemeral else 0, "type": 0,
                "timestamp": p.TIMESTAMP, "edited_timestamp": None, "tts": False, "mention_everyone": False,
                "mentions": [], "mention_roles": [], "pinned": False,
                "components": sent.body.get("components") or [],
                "attachments": [{"id": p.snowflake(), "filename": name, "size": len(data),
                                 "url": f"https://cdn.discord.test/{name}", "proxy_url": f"https://cdn.discord.test/{name}"}
                                for name, data in sent.files.items()]}
