"""A bot grown past 2,500 servers is refused by the gateway unless it shards (close code 4011)."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from bot.core import CommandCore
from bot.discord.app import serve_discord
from tests.bot.discord.conftest import FakeFactory, settings_for

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_an_unsharded_bot_told_to_shard_reconnects_over_the_recommended_shards(
    discord_core: CommandCore, make_fake: FakeFactory
) -> None:
    """discord.py gave up with ConnectionClosed(4011): the process ended with a traceback, Slack's side with it,
    and a restart policy looped on it."""
    fake = make_fake(shards=2)
    fake.sharding_required = True
    serving = asyncio.create_task(serve_discord(discord_core, settings_for(fake)))
    try:
        async with asyncio.timeout(30):
            while not {(sid, count) for _, sid, count in fake.identify_times} >= {(0, 2), (1, 2)}:
                assert not serving.done(), serving.exception()
                await asyncio.sleep(0.05)
    finally:
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving
    assert (fake.identifies[0].get("shard") or [0, 1])[1] == 1  # refused unsharded first


async def test_too_few_configured_shards_stop_with_one_line(discord_core: CommandCore, make_fake: FakeFactory) -> None:
    fake = make_fake(shards=4)
    fake.sharding_required = True
    settings = settings_for(fake).model_copy(update={"discord_shard_count": 2})
    with pytest.raises(SystemExit, match="requires more shards than DISCORD_SHARD_COUNT=2"):
        async with asyncio.timeout(30):
            await serve_discord(discord_core, settings)
