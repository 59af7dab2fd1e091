"""Soak traffic: one request at a time, of a random kind, to a bot running against the test fakes.

Every request is recorded with when it was sent and when it was acknowledged; replies are matched
afterwards from what the fakes received (the Slack stub timestamps them here), so a request never waits
for its answer and the load stays what the schedule says. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from tests.bot.discord import payloads as p
from tests.bot.discord.fake_discord import FakeDiscord
from tests.bot.slack.slack_requests import (
    FORM,
    JSON,
    event_payload,
    form_body,
    signed_bytes_headers,
    signed_headers,
    slash_payload,
)
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

SLACK_KINDS = {"slack /ask": 25, "slack mention": 18, "slack dm": 6, "slack /timeline": 3, "slack /sources": 2,
               "slack retry": 5, "slack bad request": 5}
DISCORD_KINDS = {"discord /ask": 20, "discord mention": 10, "discord dm": 3, "discord /timeline": 2,
                 "discord /sources": 1}
_ts = itertools.count(1)


class TimedStub(StubSlack):
    """The test stub, noting when each reply arrived: ``(channel, thread_ts)`` for posts, keys for
    response_url replies."""

    def __init__(self) -> None:
        super().__init__()
        self._calls_seen = self._responses_seen = 0
        self.post_at: dict[tuple[str, str], float] = {}
        self.post_texts: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.response_at: dict[str, float] = {}
        self.response_texts: dict[str, list[str]] = defaultdict(list)

    async def _notify(self) -> None:
        now = time.monotonic()
        for call in self.calls[self._calls_seen:]:
            if call.method in ("chat.postMessage", "chat.postEphemeral"):
                key = (str(call.params.get("channel")), str(call.params.get("thread_ts")))
                self.post_at.setdefault(key, now)
                self.post_texts[key].append(str(call.params.get("text") or ""))
        self._calls_seen = len(self.calls)
        for response in self.responses[self._responses_seen:]:
            self.response_at.setdefault(response["_key"], now)
            self.response_texts[response["_key"]].append(str(response.get("text") or ""))
        self._responses_seen = len(self.responses)
        await super()._notify()


@dataclass
class Request:
    kind: str
    user: str
    sent: float
    reply_key: Any = None  # how the reply is found; None: no reply expected
    ack: float | None = None  # seconds to the HTTP acknowledgement or the interaction callback
    status: int | None = None
    expect_status: tuple[int, ...] = (200,)


@dataclass
class Traffic:
    stub: TimedStub
    fake: FakeDiscord
    events_url: str
    questions: list[str]
    users: int = 400
    rng: random.Random = field(default_factory=lambda: random.Random(13))
    requests: list[Request] = field(default_factory=list)
    pending: set[asyncio.Task[None]] = field(default_factory=set)
    _sent_events: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def _user(self) -> str:
        return f"{self.rng.randrange(self.users)}"

    def _question(self, platform: str) -> str:
        question = self.rng.choice(self.questions)
        if self.rng.random() < 0.15:  # mentions must not change the answer
            question = ("<!channel> " if platform == "slack" else "@everyone ") + question
        return question

    def launch(self, kind: str | None = None, user: str | None = None) -> None:
        kinds = {**SLACK_KINDS, **DISCORD_KINDS}
        kind = kind or self.rng.choices(list(kinds), weights=list(kinds.values()))[0]
        self.counts[kind] += 1
        task = asyncio.ensure_future(self._send(kind, user or self._user()))
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)

    async def _send(self, kind: str, user: str) -> None:
        request = Request(kind, user, time.monotonic())
        self.requests.append(request)
        if kind.startswith("slack"):
            await self._slack(request)
        else:
            await self._discord(request)

    async def _post(self, request: Request, body: bytes, headers: dict[str, str],
                    extra: dict[str, str] | None = None) -> None:
        async with aiohttp.ClientSession() as http, http.post(
                self.events_url, data=body, headers={**headers, **(extra or {})}) as response:
            await response.read()
            request.status = response.status
        request.ack = time.monotonic() - request.sent

    async def _slack(self, request: Request) -> None:
        user = f"U{request.user}"
        if request.kind in ("slack /ask", "slack /timeline", "slack /sources"):
            command = request.kind.split()[1]
            text = self._question("slack") if command == "/ask" else ("Koo" if command == "/timeline" else "")
            payload = slash_payload(self.stub, command, text, user=user)
            request.reply_key = ("slack response", payload["response_url"].rsplit("/", 1)[1])
            body = form_body(payload)
            await self._post(request, body.encode(), signed_headers(body, FORM))
        elif request.kind in ("slack mention", "slack dm"):
            ts = f"1700000000.{next(_ts):06d}"
            mention = request.kind == "slack mention"
            channel = "CSOAK" if mention else f"D{request.user}"
            event = {"type": "app_mention" if mention else "message", "user": user, "channel": channel, "ts": ts,
                     "text": (f"<@{BOT_USER_ID}> " if mention else "") + self._question("slack"), "team": "T0STUB"}
            if not mention:
                event["channel_type"] = "im"
            request.reply_key = ("slack post", (channel, ts))
            body = json.dumps(event_payload(event))
            self._sent_events.append(body)
            await self._post(request, body.encode(), signed_headers(body, JSON))
        elif request.kind == "slack retry":  # Slack delivering an event again: answered once in all
            if not self._sent_events:
                return
            body = self.rng.choice(self._sent_events[-50:])
            await self._post(request, body.encode(), signed_headers(body, JSON),
                             {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
        else:  # malformed or forged: must be refused with 4xx, never 5xx
            request.expect_status = (400, 401)
            bad = self.rng.choice([b"{not json", b"\xff\xfe{}", b"[1]"])
            headers = signed_bytes_headers(bad, JSON)
            if self.rng.random() < 0.3:
                headers["x-slack-request-timestamp"] = "soon"
            if self.rng.random() < 0.3:
                headers["x-slack-signature"] = "v0=" + "0" * 64
            await self._post(request, bad, headers)

    async def _discord(self, request: Request) -> None:
        user_id = p.USER_ID + 1000 + int(request.user)
        author = p.user(user_id, f"user{request.user}")
        if request.kind in ("discord mention", "discord dm"):
            mention = request.kind == "discord mention"
            content = (f"<@{p.BOT_ID}> " if mention else "") + self._question("discord")
            message = p.message(content, author=author, mentions=[p.BOT_USER] if mention else [], guild=mention,
                                channel_id=p.CHANNEL_ID if mention else p.CHANNEL_ID + user_id)
            if mention:
                message["member"] = {k: v for k, v in p.member(user_id).items() if k != "user"}
            request.reply_key = ("discord reply", message["id"])
            await self.fake.dispatch("MESSAGE_CREATE", message)
            return
        command = request.kind.split("/")[1]
        options = {"question": self._question("discord")} if command == "ask" else {}
        if command == "timeline":
            options = {"topic": "blocking order"}
        interaction = p.slash(command, options, user_id=user_id)
        request.reply_key = ("discord interaction", interaction["token"])
        await self.fake.dispatch("INTERACTION_CREATE", interaction)

    async def flood(self, platform: str, user: str, count: int = 10, seconds: float = 1.0) -> None:
        """One user sending ``count`` mentions in ``seconds``: most must be dropped, one told to slow down."""
        for _ in range(count):
            self.launch(f"{platform} mention", user)
            await asyncio.sleep(seconds / count)

    async def settle(self, timeout: float) -> None:
        if self.pending:
            await asyncio.wait(set(self.pending), timeout=timeout)
