"""The Discord client: intents, endpoints, command sync, and ``serve_discord`` for ``dispute-bot run``.

Intents are the non-privileged Guilds, Guild Messages and DM Messages, plus the privileged Message
Content intent when the application has it enabled: without it the bot still answers slash commands,
mentions and DMs, but not un-mentioned follow-ups in its threads. If Discord refuses the privileged
intent (close code 4014) the bot logs how to enable it and reconnects without it instead of failing.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.core import CommandCore
from bot.discord.commands import Tree, register
from bot.discord.feedback import FeedbackButton
from bot.discord.messages import Conversations
from bot.discord.shards import IdentifyGate
from bot.settings import Settings
from bot.store.leases import LeaseGate

log = logging.getLogger(__name__)

TOKEN_REJECTED = ("dispute-bot: Discord rejected DISCORD_TOKEN; copy the bot token again from the Developer Portal "
                  "(Bot → Reset Token)")
AUTHENTICATION_FAILED = 4004  # the gateway's close code for a token that is (no longer) valid
SHARDING_REQUIRED = 4011  # the gateway's close code for a session that would hold too many servers (2,500+)
DISCORD_GATEWAY_DEFAULT = "wss://gateway.discord.gg/"
INVITE_SCOPES = ("bot", "applications.commands")
INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,  # threads on the bot's own replies, for follow-up questions
    embed_links=True,  # answers are embeds
    attach_files=True,  # the timeline picture
    read_message_history=True,  # needed to reply to a message
)


def invite_url(application_id: int, guild_id: int | None = None) -> str:
    """The URL a server admin opens to add the bot, with the scopes and permissions it needs."""
    guild = discord.Object(guild_id) if guild_id else discord.utils.MISSING
    return discord.utils.oauth_url(application_id, permissions=INVITE_PERMISSIONS, scopes=INVITE_SCOPES, guild=guild)


def apply_endpoints(settings: Settings) -> None:
    """Point discord.py at ``DISCORD_API_BASE`` and ``DISCORD_GATEWAY_URL`` (a proxy, or the tests' fake).

    discord.py keeps both in class attributes, so this is process-wide: REST, interaction callbacks and
    webhooks all go through ``Route.BASE``; a plain ``Client`` connects straight to the default gateway.
    """
    Route.BASE = settings.discord_api_base.rstrip("/")
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url or DISCORD_GATEWAY_DEFAULT)


def bot_intents(message_content: bool) -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True  # servers, channels, roles (role-based moderators), threads
    intents.guild_messages = True  # mentions and thread follow-ups
    intents.dm_messages = True
    intents.message_content = message_content  # privileged; see the module docstring
    return intents


class DisputeBot(discord.Client):
    """A client whose commands and message handling all go through one ``CommandCore``."""

    def __init__(self, core: CommandCore, settings: Settings, *, message_content: bool = True,
                 **options: Any) -> None:
        # The bot has no voice features: skip discord.py's warnings about missing voice libraries.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        # No mention in anything the bot sends can ping: not @everyone, roles, users or the replied-to user.
        super().__init__(intents=bot_intents(message_content), allowed_mentions=discord.AllowedMentions.none(),
                         **options)
        self.core = core
        self.settings = settings
        self.tree: app_commands.CommandTree[discord.Client] = Tree(self)
        register(self.tree, core, settings.discord_user_install)
        self.conversations = Conversations(self, core, seen=core.shared.deduper())
        # 👍/👎 on answers sent before a restart still reach the core: routed by custom_id, not by message.
        self.add_dynamic_items(FeedbackButton)

    async def setup_hook(self) -> None:
        if self.application_id:
            log.info("invite the bot with: %s", invite_url(self.application_id, self.settings.discord_guild_id))
        self._trust_server_admins()
        if self.settings.discord_sync_commands:
            await self.sync_commands()
        else:  # another process (shard) registers them; N processes syncing at once would race for nothing
            log.info("not registering slash commands (DISCORD_SYNC_COMMANDS=false)")

    def _trust_server_admins(self) -> None:
        """Only its owner can add a private application to a server, so each server's Manage Server members
        may moderate; a public one can be added to any server, so only the servers the operator named count."""
        policy = self.core.moderators
        if "discord" not in policy.admin_homes:
            return  # nothing restricts Discord's admins (a policy built without server names)
        if self.application is not None and not self.application.bot_public:
            self.core.moderators = policy.trusting("discord")
            log.info("private application: Manage Server makes a moderator in every server the bot is in")
        elif not policy.admin_homes.get("discord"):
            log.warning("the application is public and no DISCORD_MODERATOR_GUILD_IDS is set: Manage Server "
                        "makes nobody a moderator (anyone can add a public bot to a server of their own); name "
                        "your server(s) there, or use DISCORD_MODERATOR_ROLE_IDS")

    async def sync_commands(self) -> None:
        """Register the slash commands: with one guild (instant, for testing) or globally.

        Global commands can take a while to show up in clients; a guild's appear at once.
        """
        guild_id = self.settings.discord_guild_id
        where = f"in guild {guild_id}" if guild_id else "globally"
        try:
            if guild_id:
                guild = discord.Object(guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
            else:
                synced = await self.tree.sync()
        except discord.HTTPException as exc:
            log.error("could not register the slash commands %s (is the bot in that server, invited with the "
                      "applications.commands scope?): %s", where, exc)
            return
        log.info("registered %d slash commands %s", len(synced), where)

    async def close(self) -> None:
        """Refusals waiting to delete themselves go first, while the connection still takes requests."""
        if not self.is_closed():
            await self.conversations.notices.withdraw_all()
        await super().close()

    def dispatch(self, event: str, /, *args: Any, **kwargs: Any) -> None:
        """An event discord.py dispatches once the client has closed is dropped. After a (re)connect's READY it
        waits ``guild_ready_timeout`` (2 s) for the servers before dispatching "ready", and does not cancel that
        wait on close: a bot stopped meanwhile (a shutdown, a token reset) had its ``on_ready`` coroutine made
        but never run (the closed client has no loop to schedule it on), an AttributeError in discord.py's task
        and a RuntimeWarning "coroutine 'Client._run_event' was never awaited" at exit."""
        if self.is_closed() and self.loop is discord.utils.MISSING:
            log.debug("dropped the event %s, dispatched after the client closed", event)
            return
        super().dispatch(event, *args, **kwargs)

    async def on_ready(self) -> None:
        log.info("connected to Discord as %s in %d servers", self.user, len(self.guilds))

    async def on_message(self, message: discord.Message) -> None:
        await self.conversations.handle(message)

    async def on_message_edit(self, before: discord.Message, after: discord.Message) -> None:
        await self.conversations.handle_edit(before, after)

    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        self.conversations.answers_in_flight.deleted(payload.channel_id, payload.message_id)

    async def on_raw_bulk_message_delete(self, payload: discord.RawBulkMessageDeleteEvent) -> None:
        for message_id in payload.message_ids:
            self.conversations.answers_in_flight.deleted(payload.channel_id, message_id)


class ShardedDisputeBot(DisputeBot, discord.AutoShardedClient):
    """The same bot over the shards in ``DISCORD_SHARD_IDS`` (all when unset) of ``DISCORD_SHARD_COUNT``. DMs
    arrive on shard 0, so the process running shard 0 answers them; nothing else here depends on the shard."""

    def __init__(self, core: CommandCore, settings: Settings, *, gate: IdentifyGate | None = None,
                 **options: Any) -> None:
        super().__init__(core, settings, shard_count=settings.discord_shard_count,
                         shard_ids=settings.discord_shard_ids, **options)
        self.gate = gate

    async def setup_hook(self) -> None:
        if self.gate is not None:
            try:
                self.gate.max_concurrency = (await self.fetch_session_start_limits()).max_concurrency
            except discord.DiscordException as exc:  # keep the safe default of one session start per 5 s
                log.warning("could not read Discord's session start limit (%s); identifying one at a time", exc)
        await super().setup_hook()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Wait for this shard's bucket in the shared store instead of discord.py's per-process 5 s sleep."""
        if self.gate is None or shard_id is None:
            await super().before_identify_hook(shard_id, initial=initial)
            return
        await self.gate.wait(shard_id)

    async def on_ready(self) -> None:
        log.info("connected to Discord as %s in %d servers, shards %s of %d", self.user, len(self.guilds),
                 sorted(self.shards), self.shard_count)


def build_bot(core: CommandCore, settings: Settings, *, message_content: bool = True,
              gate: IdentifyGate | None = None, sharded: bool = False, **options: Any) -> DisputeBot:
    """A ready-to-start bot for ``settings``' endpoints; ``options`` go to ``discord.Client``. Sharded (an
    ``AutoShardedClient``) when ``DISCORD_SHARD_COUNT`` is set, or over as many shards as Discord recommends
    when ``sharded``."""
    apply_endpoints(settings)
    if sharded or settings.discord_shard_count is not None:
        return ShardedDisputeBot(core, settings, gate=gate, message_content=message_content, **options)
    return DisputeBot(core, settings, message_content=message_content, **options)


async def serve_discord(core: CommandCore, settings: Settings) -> None:
    """Run the bot until it is closed or cancelled. The token is only handed to discord.py, never logged."""
    if settings.discord_token is None:
        raise SystemExit("dispute-bot: DISCORD_TOKEN is not set")
    token = settings.discord_token.get_secret_value()
    message_content = True
    gate = None
    if settings.discord_shard_count is not None:  # identifies serialised through the store, across processes
        leases = await asyncio.to_thread(LeaseGate.open, settings.database_url.get_secret_value())
        gate = IdentifyGate(leases)
    try:
        await _serve(core, settings, token, gate, message_content)
    finally:
        if gate is not None:
            gate.close()


async def _serve(core: CommandCore, settings: Settings, token: str, gate: IdentifyGate | None,
                 message_content: bool) -> None:
    sharded = False
    while True:
        bot = build_bot(core, settings, message_content=message_content, gate=gate, sharded=sharded)
        try:
            async with bot:
                await bot.start(token)
            return
        except discord.LoginFailure:
            raise SystemExit(TOKEN_REJECTED) from None
        except discord.ConnectionClosed as exc:
            # A token reset while the bot runs (in the portal, or by Discord after a leak) closes the gateway
            # with 4004 and discord.py gives up: the same one line as at start-up, not a traceback.
            if exc.code == AUTHENTICATION_FAILED:
                raise SystemExit(TOKEN_REJECTED) from None
            if exc.code != SHARDING_REQUIRED:
                raise
            # Grown past 2,500 servers, an unsharded bot is refused (4011): the process ended with a traceback,
            # Slack's side too, and a restart policy looped. Sharded as Discord recommends, one process holds on.
            if settings.discord_shard_count is not None:
                raise SystemExit(f"dispute-bot: Discord requires more shards than DISCORD_SHARD_COUNT="
                                 f"{settings.discord_shard_count} (close code 4011); raise it (docs/deploy.md)"
                                 ) from None
            if sharded:
                raise SystemExit("dispute-bot: Discord refused the shard count it recommended (close code 4011); "
                                 "set DISCORD_SHARD_COUNT above it (docs/deploy.md)") from None
            log.warning("Discord requires sharding (close code 4011: the bot is in 2,500 or more servers); "
                        "reconnecting over the shards Discord recommends, in this process. To spread them over "
                        "processes, set DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS (docs/deploy.md).")
            sharded = True
        except (aiohttp.ClientConnectionError, OSError) as exc:
            # Signing in failed before any gateway session (discord.py reconnects once connected): no network,
            # a proxy, or a wrong DISCORD_API_BASE. An 87-line traceback said less.
            raise SystemExit(f"dispute-bot: cannot reach Discord at {settings.discord_api_base} "
                             f"({type(exc).__name__}: {exc}); check the network or DISCORD_API_BASE") from None
        except discord.PrivilegedIntentsRequired:
            if not message_content:
                raise
            log.warning("the Message Content intent is not enabled for this application, so follow-ups in the "
                        "bot's threads need a mention; enable it under Developer Portal → Bot → Privileged "
                        "Gateway Intents. Reconnecting without it.")
            message_content = False
