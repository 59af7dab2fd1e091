"""Discord users → platform-neutral ``Actor``s; the core, not the adapter, decides what they may do."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import discord

from bot.actors import Actor, home

NOT_INSTALLED = home("discord", "?")  # ``Actor.installed_in`` of a command from a server that never installed the bot


def actor_for(user: discord.User | discord.Member) -> Actor:
    """The facts the core's moderator policy needs: role ids, and whether the member has Manage Server in
    the server they wrote from.

    Manage Server counts from the permissions Discord resolved for an interaction (exact even when the
    guild is not cached) or from the cached roles. Role ids are the member's own, as Discord sent them:
    ``Member.roles`` keeps only the roles in the bot's cache, which has none for a server the bot is not in
    (its commands still work there) or whose GUILD_CREATE is still to come at start-up. The @everyone role
    (the server's own id) is left out so it can never make everybody a moderator.
    """
    if not isinstance(user, discord.Member):
        return Actor(platform="discord", user_id=str(user.id), name=str(user))
    resolved = user.resolved_permissions
    # A message that came before its server's GUILD_CREATE (at start-up, or after an outage) has a member of no
    # server (``guild`` None, though typed otherwise): Manage Server is then unknown, so no admin, and the home
    # unnamed; listed roles still count. Reading its permissions raised, and the asker got the apology instead
    # of an answer.
    guild: discord.Guild | None = user.guild
    if guild is None:
        return Actor(platform="discord", user_id=str(user.id), name=str(user),
                     role_ids=frozenset(str(role_id) for role_id in user._roles))
    admin = user.guild_permissions.manage_guild or bool(resolved and resolved.manage_guild)
    # discord.py exposes the payload's role ids only as this attribute; a message's or an interaction's
    # member always carries them.
    roles = frozenset(str(role_id) for role_id in user._roles if role_id != guild.id)
    return Actor(platform="discord", user_id=str(user.id), name=str(user), role_ids=roles, platform_admin=admin,
                 home=home("discord", guild.id))


def interaction_actor(interaction: discord.Interaction[Any]) -> Actor:
    """The actor of a command or a click. In a server that never installed the application (a user's own
    install runs its commands there too, the bot no member), Manage Server is no fact the policy may use:
    anyone can make a server and have it there. Role ids stay: a role the operator listed is a role of the
    operator's server, whoever's install the command came through."""
    actor = actor_for(interaction.user)
    if interaction.guild_id is None or interaction.is_guild_integration():
        return actor
    # No installation of this server served it: the policy then trusts no admin here, and the help and the
    # refusal say so (``trusts_admins_of``) rather than name Manage Server to someone who holds it in vain.
    return replace(actor, platform_admin=False, installed_in=NOT_INSTALLED)


def conversation_key(channel: object) -> str | None:
    """The conversation a message or command belongs to: a thread or a DM. A plain channel is not one
    conversation (many people ask unrelated things there); a question there starts one in its thread."""
    if isinstance(channel, discord.Thread):
        return thread_conversation(channel.id)
    if isinstance(channel, discord.DMChannel | discord.GroupChannel):
        return dm_conversation(channel.id)
    return None


def dm_conversation(channel_id: int) -> str:
    """The conversation of a DM or group DM: all of it, as the bot sees one person (or a few) there."""
    return f"discord:dm:{channel_id}"


def thread_conversation(thread_id: int) -> str:
    """The conversation of a thread. A thread opened on a message has that message's id, so a reply to one of
    the bot's answers goes on with the conversation of the thread on it, or of the /ask it answered in a plain
    channel (renamed to this key), even after a restart."""
    return f"discord:thread:{thread_id}"
