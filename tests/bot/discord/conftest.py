"""Fixtures running the real bot (real discord.py code path) against the fake Discord on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.actors import ModeratorPolicy
from bot.core import CommandCore
from bot.discord.app import DisputeBot, build_bot
from bot.settings import Settings
from tests.bot.conftest import CoreFactory, HistoryFactory
from tests.bot.discord import payloads as p
from tests.bot.discord.fake_discord import FakeDiscord

FakeFactory = Callable[..., FakeDiscord]
BotStarter = Callable[..., Awaitable[DisputeBot]]
MODERATORS = ModeratorPolicy(role_ids=frozenset({str(p.MOD_ROLE_ID)}))
# What a refusal adds under ``MODERATORS`` in the fake's server: who moderates there, and how to become one.
BECOME = "Here that is members with Manage Server and members of the roles the bot's operator listed: to become " \
         "one, ask the bot's operator to list you, or a member with Manage Server for one of those roles."


@pytest.fixture(autouse=True)
def _restore_endpoints() -> Iterator[None]:
    """``build_bot`` points discord.py's class-level endpoints at the fake; put them back afterwards."""
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    yield
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest.fixture
def make_fake() -> Iterator[FakeFactory]:
    fakes: list[FakeDiscord] = []

    def factory(**options: Any) -> FakeDiscord:
        fakes.append(FakeDiscord(**options).start())
        return fakes[-1]

    yield factory
    for fake in fakes:
        fake.stop()


@pytest.fixture
def fake(make_fake: FakeFactory) -> FakeDiscord:
    return make_fake()


def settings_for(fake: FakeDiscord, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "discord_token": p.TOKEN, "discord_guild_id": p.GUILD_ID, "discord_moderator_role_ids": [p.MOD_ROLE_ID],
        "discord_api_base": fake.api_base, "discord_gateway_url": fake.gateway_url, **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def discord_core(make_core: CoreFactory, seed_index_dir: Path) -> CommandCore:
    """A core over the shared seed index whose moderators are the members with ``MOD_ROLE_ID``."""
    return make_core(seed_index_dir, Path("/nonexistent-corpus"), MODERATORS)


@pytest.fixture
def talking_core(make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory) -> CommandCore:
    """A core that keeps conversations (a SQLite history), so a follow-up can lean on earlier turns."""
    return make_core(seed_index_dir, Path("/nonexistent-corpus"), MODERATORS, history=make_history())


@pytest.fixture
def writable_discord_core(make_core: CoreFactory, corpus_copy: Path, tmp_path: Path,
                          seed_index_dir: Path) -> CommandCore:
    """A core over its own corpus copy and a copy of the seed index (much faster than building one)."""
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index_dir.resolve(), index_dir)
    return make_core(index_dir, corpus_copy, MODERATORS)


@pytest_asyncio.fixture
async def start_bot() -> AsyncIterator[BotStarter]:
    """``await start_bot(core, fake)``: the bot, logged in, commands synced, gateway READY."""
    running: list[tuple[DisputeBot, asyncio.Task[None]]] = []

    async def start(core: CommandCore, fake: FakeDiscord, settings: Settings | None = None,
                    **options: Any) -> DisputeBot:
        bot = build_bot(core, settings or settings_for(fake), guild_ready_timeout=0.05, **options)
        fake.watch(core.in_flight)
        task = asyncio.create_task(bot.start(p.TOKEN))
        running.append((bot, task))
        async with asyncio.timeout(15):
            while not bot.is_ready():
                if task.done():
                    task.result()  # raises what stopped the bot
                    raise AssertionError("the bot stopped before it was ready")
                await asyncio.sleep(0.02)
        return bot

    yield start
    for bot, task in running:
        await bot.close()
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(task, 5)
    await asyncio.sleep(0.05)  # let event handlers scheduled while closing run, rather than be dropped


@pytest_asyncio.fixture
async def bot(start_bot: BotStarter, discord_core: CommandCore, fake: FakeDiscord) -> DisputeBot:
    return await start_bot(discord_core, fake)
