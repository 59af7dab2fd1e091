"""Delivering a command's result where its interaction can't carry it: in the channel, or by direct message.

An interaction's token lives 15 minutes; after that Discord refuses every use of it (401, 50027), and asks bots to
stop using a token that answered so. A public ``/ask`` or ``/timeline`` that took longer (a slow machine, a long
queue, a rebuild holding the index) lost its answer there: the edit was refused, the apology too, and the asker
was left with "The application did not respond". The bot's own token still works, so the result goes out as an
ordinary message in the channel, naming the asker (who is the only one notified: ``allowed_mentions`` lists them
alone), after the stale "thinking…" is deleted. Where the bot can't post (a server that only installed the
commands, a user's install in a place the bot is not, a DM among friends, no Send Messages, a locked thread, or a
refusal), and for anything private, the result goes to the asker by direct message. Nothing more goes through the
dead token.

A thread a moderator closed (archived and locked) before or while a command there was answered takes nothing
through the interaction either, nor from the bot (400, 50083): the asker, who sees at most a "thinking…", gets the
result by direct message (``to_asker``).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import replace

import discord

from bot.discord.limits import CONTENT_LIMIT
from bot.discord.outgoing import Outgoing, without_files
from bot.discord.render import render_plain
from bot.results import Result

log = logging.getLogger(__name__)

Interaction = discord.Interaction[discord.Client]
INVALID_WEBHOOK_TOKEN = 50027


def token_expired(exc: BaseException, interaction: Interaction) -> bool:
    """Whether ``exc`` says ``interaction``'s token takes nothing more: Discord answers 401, 50027 to any use of one
    older than 15 minutes. A 429 that discord.py gave up on (no wait to honour: Discord's edge refusing a client
    whose requests keep failing, or a limit that outlasted its retries) past those 15 minutes is the same dead end:
    taken for a failure of the bot's, it was logged as an error and an apology (and a timeline's text-only resend)
    sent through the dead token, and the result was lost."""
    if not isinstance(exc, discord.HTTPException):
        return False
    if exc.status == 401 or exc.code == INVALID_WEBHOOK_TOKEN:
        return True
    return exc.status == 429 and interaction.is_expired()


async def deliver_late(interaction: Interaction, messages: list[Outgoing], *, command: str, private: bool,
                       result: Result | None = None, thinking: int | None = None, in_channel: bool = False
                       ) -> discord.Message | None:
    """``messages`` (those not delivered yet) after ``interaction`` expired: the first message posted in the
    channel, or None when they went by direct message. ``result``: what they render, for a channel that takes no
    embeds; ``thinking``: the id of the public "thinking…" still up, deleted first. ``in_channel``: a private
    result the user's DMs refuse is posted in the channel, naming them (a moderator's change: its result was
    only logged, and nothing told them whether their article went in)."""
    log.warning("/%s by %s outlasted its interaction (Discord's 15 minutes to answer through it)", command,
                interaction.user.id)
    if private or any(m.ephemeral for m in messages):
        if not await to_asker(interaction, messages, command, OUTLASTED) and in_channel:
            return await _naming_asker(interaction, messages, command, result)
        return None
    channel = _channel(interaction)
    await take_down(interaction, thinking)
    if channel is None or not may_send(interaction):
        await to_asker(interaction, messages, command, OUTLASTED)
        return None
    shaped = fitted(interaction, messages, result)
    parts = with_asker(shaped, interaction.user, command)
    shown, refused_at = await _in_channel(interaction, channel, parts, len(parts) - len(shaped))
    if refused_at is not None:
        await to_asker(interaction, messages if refused_at <= len(parts) - len(shaped) else parts[refused_at:],
                       command, OUTLASTED)
    return shown


async def _naming_asker(interaction: Interaction, messages: list[Outgoing], command: str,
                        result: Result | None) -> discord.Message | None:
    """A private result the user takes no DM of, in the channel, where the bot can post there: the user alone
    notified (``_in_channel``)."""
    channel = _channel(interaction)
    if channel is None or not may_send(interaction):
        log.warning("/%s's late result to %s: no DM taken and the channel takes none; only logged", command,
                    interaction.user.id)
        return None
    shaped = fitted(interaction, messages, result)
    parts = with_asker(shaped, interaction.user, command, NO_DM)
    shown, _ = await _in_channel(interaction, channel, parts, len(parts) - len(shaped))
    return shown


async def _in_channel(interaction: Interaction, channel: discord.PartialMessageable, parts: list[Outgoing],
                      answer_at: int) -> tuple[discord.Message | None, int | None]:
    """``parts`` sent in ``channel``, the first notifying the asker alone: the message at ``answer_at`` (the
    answer's first), and the index of the part the channel refused (None: all went)."""
    shown: discord.Message | None = None
    for n, part in enumerate(parts):
        kwargs = part.send_kwargs()
        if n == 0:  # the asker alone is notified; every other mention stays text, as in all the bot sends
            kwargs["allowed_mentions"] = discord.AllowedMentions(everyone=False, roles=False, replied_user=False,
                                                                 users=[interaction.user])
        try:
            sent = await channel.send(**kwargs)
        except discord.HTTPException as exc:
            log.warning("channel %s refused the late result for %s (%s %s)", interaction.channel_id,
                        interaction.user.id, exc.code, exc.text)
            return shown, n
        if n == answer_at:
            shown = sent
    return shown, None


async def take_down(interaction: Interaction, thinking: int | None) -> None:
    """Delete the public "thinking…" ``thinking`` (its id) with the bot's own token, once the interaction's is dead:
    its own message, deleting it needs no permission, and a stale "thinking…" above the answer misleads. Only where
    the bot itself is (``seated``); elsewhere ``bot.discord.withdrawing`` took it down while the token worked."""
    channel = _channel(interaction)
    if thinking is not None and channel is not None and seated(interaction):
        with contextlib.suppress(discord.HTTPException):
            await channel.get_partial_message(thinking).delete()


def _channel(interaction: Interaction) -> discord.PartialMessageable | None:
    if interaction.channel_id is None:
        return None
    return interaction.client.get_partial_messageable(interaction.channel_id, guild_id=interaction.guild_id)


def seated(interaction: Interaction) -> bool:
    """Whether the bot itself is where the command was run: a server that installed it, or its own DM with the
    asker. A user's install runs commands in servers the bot is not in and in DMs among friends too."""
    if interaction.guild_id is None:
        return interaction.context.dm_channel
    return interaction.is_guild_integration()


def may_send(interaction: Interaction) -> bool:
    """Whether the bot itself can post where the command was run, by what Discord said when it was: where it is
    (``seated``), with Send Messages (in a thread, Send Messages in Threads, and in a locked one Manage Threads).
    A DM needs no permission."""
    if not seated(interaction):
        return False
    if interaction.guild_id is None:
        return True
    allowed = interaction.app_permissions
    channel = interaction.channel
    if isinstance(channel, discord.Thread):
        return allowed.send_messages_in_threads and (not channel.locked or allowed.manage_threads)
    return allowed.send_messages


def fitted(interaction: Interaction, messages: list[Outgoing], result: Result | None) -> list[Outgoing]:
    """``messages`` as the bot's permissions in the channel let it send them: without Embed Links, the same result
    as text (``render_plain``); without Attach Files, without the picture. The interaction's webhook took embeds
    whatever the bot's permissions; the bot's own messages need Embed Links for them."""
    allowed = interaction.app_permissions
    if not allowed.embed_links and result is not None:
        messages = render_plain(result)
    if not allowed.attach_files:
        messages = [without_files(m) if m.files else m for m in messages]
    return messages


def with_asker(messages: list[Outgoing], asker: discord.abc.User, command: str, why: str | None = None
               ) -> list[Outgoing]:
    """``messages`` opening with a mention of ``asker`` and why the result came this way (``why``, by default
    ``OUTLASTED``): in the first message's text, or before it when that is a full page already."""
    lead = f"<@{asker.id}> {(why or OUTLASTED).format(command=command)}"
    first = messages[0]
    if not first.content:
        return [replace(first, content=lead), *messages[1:]]
    if len(lead) + 1 + len(first.content) <= CONTENT_LIMIT:
        return [replace(first, content=f"{lead}\n{first.content}"), *messages[1:]]
    return [Outgoing(content=lead), *messages]


OUTLASTED = "Your /{command} finished after the 15 minutes Discord gives a command to answer:"
NO_DM = ("Your /{command} finished after the 15 minutes Discord gives a command to answer, and your direct messages "
         "take none from me, so here is its result:")
NOT_TAKEN = ("Discord would not take my answer to your /{command} where you asked it (a thread closed by a moderator, "
             "or a channel I can't reach), so here it is:")


async def to_asker(interaction: Interaction, messages: list[Outgoing], command: str, why: str) -> bool:
    """``messages`` to the user who ran ``command``, privately, after a line saying ``why`` (``OUTLASTED``,
    ``NOT_TAKEN``); False when their DMs refused it."""
    log.warning("/%s by %s: sending the result by direct message", command, interaction.user.id)
    return await by_dm(interaction.user, why.format(command=command), messages,
                       f"/{command}'s result to {interaction.user.id}")


async def by_dm(user: discord.User | discord.Member, why: str, messages: Iterable[Outgoing], what: str) -> bool:
    """``why``, then ``messages``, to ``user`` by direct message: the one way left to reach someone whose command
    or question can't be answered where it was asked. A user who takes no DMs from the server's members is
    logged (``what`` names what was lost), and False returned: only a moderator's change is then posted in the
    channel for them (``deliver_late``)."""
    try:
        await user.send(why, allowed_mentions=discord.AllowedMentions.none())
        for message in messages:
            await user.send(**message.send_kwargs())
    except discord.HTTPException as exc:
        log.warning("could not send %s by direct message (%s %s)", what, exc.code, exc.text)
        return False
    return True
