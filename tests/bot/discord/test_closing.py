"""The bot closing while discord.py still has events to dispatch."""

from __future__ import annotations

import gc
import logging

import pytest

from bot.core import CommandCore
from tests.bot.discord.conftest import BotStarter
from tests.bot.discord.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.mark.filterwarnings("error::RuntimeWarning")
async def test_an_event_dispatched_after_the_bot_closed_is_dropped(
    start_bot: BotStarter, discord_core: CommandCore, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """discord.py dispatches "ready" ``guild_ready_timeout`` after a (re)connect's READY, and closing does not
    cancel that: a bot stopped in between (a shutdown, a token reset: tests/bot/discord/test_gateway.py) had its
    ``on_ready`` coroutine made with no loop left to run it, an AttributeError in discord.py's task and a
    RuntimeWarning "coroutine 'Client._run_event' was never awaited" whenever it was collected."""
    bot = await start_bot(discord_core, fake)
    await bot.close()
    with caplog.at_level(logging.DEBUG, logger="bot.discord.app"):
        bot.dispatch("ready")  # what discord.py's delayed READY does
        gc.collect()
    assert "dropped the event ready, dispatched after the client closed" in caplog.text
