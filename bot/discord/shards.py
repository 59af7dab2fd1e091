"""Shards across processes: which shards this process runs, and the identify gate they share.

A bot in more than 2,500 servers must shard (Discord recommends about 1,000 servers per shard). With
``DISCORD_SHARD_COUNT`` set the bot is an ``AutoShardedClient``; ``DISCORD_SHARD_IDS`` picks this process's
shards, so N processes (machines, containers) split the shards between them. Each IDENTIFY waits for its
rate-limit bucket's lease in the shared store (``bot.store.leases``), so processes starting together never
exceed Discord's ``max_concurrency`` session starts per 5 seconds, which would cost sessions and a backoff.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket

from bot.store.leases import LeaseGate

log = logging.getLogger(__name__)


class IdentifyGate:
    """``await gate.wait(shard_id)`` before each IDENTIFY; from discord.py's ``before_identify_hook``."""

    def __init__(self, leases: LeaseGate, holder: str | None = None) -> None:
        self.leases = leases
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}"
        self.max_concurrency = 1  # Discord's session_start_limit, set from GET /gateway/bot at start-up

    async def wait(self, shard_id: int) -> None:
        bucket = shard_id % max(self.max_concurrency, 1)
        waited = 0.0
        while True:
            delay = await asyncio.to_thread(self.leases.try_take, bucket, f"{self.holder} shard {shard_id}")
            if delay <= 0:
                break
            waited += delay
            await asyncio.sleep(delay)
        log.info("shard %d may identify (bucket %d, waited %.1f s for other processes)", shard_id, bucket, waited)

    def close(self) -> None:
        self.leases.close()
