"""A small fake Discord on 127.0.0.1: REST under ``/api/v10`` (see ``fake_rest``) and a gateway websocket.

It runs in its own thread with its own event loop, like the real service, so it keeps time independently
of the bot: if the bot's loop stalls, heartbeats stop arriving here and interaction callbacks miss the
3-second deadline. The gateway speaks plain JSON text frames: HELLO, heartbeat ACKs, READY and
GUILD_CREATE after IDENTIFY, then whatever dispatches a test pushes. A bot that identified without the
Message Content intent gets messages with their text emptied, as Discord sends them.

Sharding as Discord does it: an IDENTIFY may carry ``shard: [id, count]``; each connection gets the events of
its shard only (a guild's on shard ``(guild_id >> 22) % count``, DMs on shard 0), and READY lists only that
shard's guilds. At most ``max_concurrency`` sessions may start per 5 seconds, one per bucket
(``shard_id % max_concurrency``): an IDENTIFY sooner than that in its bucket is answered with INVALID_SESSION
and recorded in ``identify_violations``.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp import WSMsgType, web

from bot.inflight import InFlight
from tests.bot.discord import payloads as p
from tests.bot.discord.discord_rules import withheld
from tests.bot.discord.fake_interactions import InteractionState
from tests.bot.discord.fake_records import Sent
from tests.bot.discord.fake_rest import FakeRest

T = TypeVar("T")
MESSAGE_CONTENT_INTENT = 1 << 15
IDENTIFY_WINDOW = 5.0


def shard_of(guild_id: int | None, count: int) -> int:
    return 0 if guild_id is None else (guild_id >> 22) % count


class FakeDiscord(FakeRest):
    def __init__(self, heartbeat_interval: float = 41.25, allow_message_content: bool = True,
                 deadline: float = 3.0, announce_threads: bool = True, drop_thread_requests: bool = False,
                 shards: int = 1, max_concurrency: int = 1) -> None:
        super().__init__(deadline, announce_threads, drop_thread_requests)
        self.recommended_shards = shards  # what GET /gateway/bot recommends
        self.max_concurrency = max_concurrency
        self.identify_times: list[tuple[float, int, int]] = []  # (monotonic time, shard id, shard count)
        self.identify_violations: list[str] = []
        self._sockets: dict[int, tuple[web.WebSocketResponse, int]] = {}  # shard id -> (socket, shard count)
        self.heartbeat_interval = heartbeat_interval
        self.token_reset = False  # the token was reset in the Developer Portal: gateway auth fails (4004)
        self.sharding_required = False  # 2,500+ servers: an IDENTIFY with fewer shards than recommended gets 4011
        self.allow_message_content = allow_message_content
        self.heartbeats: list[float] = []
        self.identifies: list[dict[str, Any]] = []
        self.closes: list[int | None] = []
        self.resumes: list[dict[str, Any]] = []  # RESUME (op 6) payloads the bot sent
        self._frames: list[tuple[int, str]] = []  # (seq, frame) of each dispatch, replayed on a RESUME
        self._watched: list[InFlight] = []  # the bots' ``InFlight``s (``watch``)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-discord", daemon=True)
        self._ws: web.WebSocketResponse | None = None
        self._seq = 0
        # Per connection: the last sequence number sent on it, and the last one its heartbeats acknowledged.
        self._sent: dict[web.WebSocketResponse, int] = {}
        self._acked: dict[web.WebSocketResponse, int] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle (called from the test's thread) ------------------------------------------------------

    def start(self) -> FakeDiscord:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway/"

    def file_url(self, name: str, data: bytes) -> str:
        self.files[name] = data
        return f"http://127.0.0.1:{self.port}/attachments/{name}"

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway/", self._gateway)
        app.router.add_get("/attachments/{name}", self._attachment)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    def gateway_bot(self) -> dict[str, Any]:
        return {"url": self.gateway_url, "shards": self.recommended_shards,
                "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 86_400_000,
                                        "max_concurrency": self.max_concurrency}}

    async def _stop(self) -> None:
        for ws, _ in list(self._sockets.values()):
            await ws.close()
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- test-facing helpers (awaitable from any event loop) ----------------------------------------------

    async def _in_loop(self, coro: Any) -> Any:
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self._loop))

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        if event == "MESSAGE_CREATE":
            self.posts[str(data["id"])] = data  # for GET /channels/{channel}/messages/{message}
        if event == "INTERACTION_CREATE" and data["token"] not in self.interactions:
            # One interaction, however many sessions it is sent to: it is acknowledged once (then 400, 40060).
            self.interactions[data["token"]] = InteractionState(data, time.monotonic())
        await self._in_loop(self._send_dispatch(event, data))

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float = 15.0) -> T:
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting; rejected={self.rejected} unexpected={self.unexpected}")
            await asyncio.sleep(0.02)

    async def close_gateway(self, code: int, reason: bytes = b"") -> None:
        """Close the bot's gateway connection as Discord does, e.g. 4004 "Authentication failed." once the
        token was reset in the Developer Portal (and every later IDENTIFY or RESUME with the old one)."""
        async def close() -> None:
            assert self._ws is not None, "the bot is not connected"
            await self._ws.close(code=code, message=reason)

        await self._in_loop(close())

    async def send_op(self, op: int, d: Any = None) -> None:
        """Send the bot's connection a gateway opcode as Discord does at any time: 7 RECONNECT (reconnect and
        resume), 9 INVALID_SESSION (``d``: whether the session may be resumed; else it identifies anew)."""
        async def send() -> None:
            assert self._ws is not None, "the bot is not connected"
            await self._ws.send_str(json.dumps({"op": op, "d": d}))

        await self._in_loop(send())

    async def release_responses(self) -> None:
        """Let the held responses (``hold_responses``) reach the bot."""
        await self._in_loop(self._release_responses())

    def watch(self, in_flight: InFlight) -> None:
        """Count a bot's events in hand (its core's ``InFlight``) for ``settled``."""
        self._watched.append(in_flight)

    async def delivered(self, timeout: float = 15.0) -> None:
        """Return once each connected bot has read every dispatch pushed to it so far. Discord may ask a client
        for a heartbeat at any time (op 1) and the client answers at once with the last sequence number it read;
        discord.py reads its gateway in order and schedules an event's handlers as it parses the event, so once
        the heartbeat acknowledges the last dispatch sent, every handler of what was pushed has been scheduled.
        A fixed sleep instead only guessed, and a loaded machine made an "it did not answer" check pass unseen."""
        async def ask() -> list[tuple[web.WebSocketResponse, int]]:
            pending = [(ws, seq) for ws, seq in self._sent.items() if not ws.closed and self._acked.get(ws, 0) < seq]
            for ws, _ in pending:
                await ws.send_str(json.dumps({"op": 1, "d": None}))
            return pending

        pending = await self._in_loop(ask())
        await self.wait_for(lambda: all(ws.closed or self._acked.get(ws, 0) >= seq for ws, seq in pending), timeout)

    async def settled(self, timeout: float = 15.0) -> None:
        """Return once every watched bot has read every dispatch pushed to it (``delivered``) and finished
        handling the events it took: the rest of a split answer is out and what the bot does on Discord's
        response is done (its answer remembered for replies, a refusal for an edit). A message shows here before
        its response reaches the bot, so a test that acted as soon as it saw one raced the bot. After this, a
        message the bot did not answer is one it was never going to answer."""
        await self.delivered(timeout)
        for in_flight in self._watched:
            if not await in_flight.drain(timeout):
                raise AssertionError(f"the bot was still busy after {timeout} s; rejected={self.rejected}")

    def visible(self, token: str) -> list[Sent]:
        return [m for m in self.messages if m.interaction == token and not m.deleted]

    async def answers(self, token: str, timeout: float = 15.0) -> list[Sent]:
        """The messages an interaction ended with, once it is no longer "thinking…"."""
        state = self.interactions[token]
        await self.wait_for(lambda: state.stage in ("resolved", "deleted") and self.visible(token), timeout)
        await self.settled(timeout)  # the further parts of a split answer, and the bot reading its responses
        return self.visible(token)

    # -- gateway ------------------------------------------------------------------------------------------

    async def _send_dispatch(self, event: str, data: dict[str, Any],
                             ws: web.WebSocketResponse | None = None) -> None:
        """To ``ws``, or to the connection of the shard the event belongs to (the guild's; DMs: shard 0)."""
        if ws is None and self._sockets:
            count = next(iter(self._sockets.values()))[1]
            guild = data.get("guild_id")
            ws = self._sockets[shard_of(int(guild) if guild else None, count)][0]
        ws = ws or self._ws
        assert ws is not None, "the bot is not connected"
        if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE") and not self.reads_content(data):
            data = withheld(data)
        replied = data.get("referenced_message")
        if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE") and replied and not self.reads_content(replied):
            # The replied-to message Discord sends along follows the same rule, by its own author and mentions.
            data = {**data, "referenced_message": withheld(replied)}
        self._seq += 1
        frame = json.dumps({"op": 0, "t": event, "s": self._seq, "d": data})
        self._frames.append((self._seq, frame))
        if ws.closed:  # between connections: Discord keeps the session's events for a RESUME to replay
            return
        self._sent[ws] = self._seq
        await ws.send_str(frame)

    def reads_content(self, data: dict[str, Any]) -> bool:
        if not self.identifies or self.identifies[-1]["intents"] & MESSAGE_CONTENT_INTENT:
            return True
        if "guild_id" not in data or str((data.get("author") or {}).get("id")) == str(p.BOT_ID):
            return True
        return any(str(u.get("id")) == str(p.BOT_ID) for u in data.get("mentions") or [])

    def _too_soon(self, shard_id: int) -> bool:
        bucket = shard_id % self.max_concurrency
        now = time.monotonic()
        last = [t for t, sid, _ in self.identify_times if sid % self.max_concurrency == bucket]
        self.identify_times.append((now, shard_id, 0))
        if last and now - last[-1] < IDENTIFY_WINDOW:
            self.identify_violations.append(f"shard {shard_id} identified {now - last[-1]:.2f} s after the "
                                            f"previous session start in bucket {bucket}")
            return True
        return False

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": int(self.heartbeat_interval * 1000)}}))
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            if frame["op"] == 1:
                self.heartbeats.append(time.monotonic())
                self._acked[ws] = max(self._acked.get(ws, 0), frame["d"] or 0)  # the last sequence it read
                await ws.send_str(json.dumps({"op": 11}))
            elif frame["op"] in (2, 6) and self.token_reset:  # IDENTIFY or RESUME with the old token
                await ws.close(code=4004, message=b"Authentication failed.")
                break
            elif frame["op"] == 6:  # RESUME: the events after the last one the bot read, then RESUMED
                self.resumes.append(frame["d"])
                if frame["d"]["session_id"] != p.ready(self.gateway_url)["session_id"] or self._sockets:
                    await ws.send_str(json.dumps({"op": 9, "d": False}))
                    continue
                for seq, missed in [(seq, f) for seq, f in self._frames if seq > (frame["d"]["seq"] or 0)]:
                    self._sent[ws] = seq
                    await ws.send_str(missed)
                await self._send_dispatch("RESUMED", {}, ws)
            elif frame["op"] == 2:
                self.identifies.append(frame["d"])
                shard_id, count = frame["d"].get("shard") or (0, 1)
                if not 0 <= shard_id < count:
                    await ws.close(code=4010, message=b"Invalid shard.")
                    break
                if self.sharding_required and count < self.recommended_shards:
                    await ws.close(code=4011, message=b"Sharding required.")
                    break
                if frame["d"]["intents"] & MESSAGE_CONTENT_INTENT and not self.allow_message_content:
                    await ws.close(code=4014, message=b"Disallowed intent(s).")
                    break
                if self._too_soon(shard_id):
                    await ws.send_str(json.dumps({"op": 9, "d": False}))
                    continue
                self.identify_times[-1] = (self.identify_times[-1][0], shard_id, count)
                if count > 1:
                    self._sockets[shard_id] = (ws, count)
                mine = shard_of(p.GUILD_ID, count) == shard_id
                await self._send_dispatch("READY", p.ready(self.gateway_url, shard=(shard_id, count), guilds=mine), ws)
                if mine:
                    await self._send_dispatch("GUILD_CREATE", p.guild(), ws)
        self.closes.append(ws.close_code)  # 1000: the bot closed the gateway cleanly
        return ws

