"""Where each slash command is offered: by whose install (a server's, or a user's own account) and in which
places (servers, the bot's DM, private channels: DMs and group DMs among friends).

A user can install the application to their account and run its commands in any server, the bot a member
or not, and in their private conversations. Each answer then goes through the interaction's webhook, which
needs no membership. ``/ask``, ``/timeline`` and ``/sources`` only read the articles and send nothing else:
no thread, no channel history, no message of the bot's own (the 👍/👎 buttons are routed by their custom id,
and a click comes back as an interaction like the command). They are offered everywhere when
``DISCORD_USER_INSTALL`` is on.

The moderator commands are offered only through a server's install: in its servers, and in the bot's own DM,
where only moderators listed by user id qualify (nobody has a role or Manage Server there). A user's install
would carry them into servers the operator never chose, whose Manage Server says nothing about the
articles: such a server's Manage Server makes no moderator (``bot.discord.identity.interaction_actor``), so
one that arrives from there anyway is refused by the core.

These are declarations for Discord, sent with the command sync. They hold for global commands only: commands
synced to ``DISCORD_GUILD_ID`` exist in that server alone, whatever they declare.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from discord import app_commands

T = TypeVar("T")


def offered_to_readers(user_install: bool) -> Callable[[T], T]:
    """For a read-only command. With ``user_install``: servers' and users' installs, in servers, the bot's DM
    and private channels. Without: servers' installs only, in servers and the bot's DM. Declaring a user's
    install is opt-in (``DISCORD_USER_INSTALL``): it is of use only once the Developer Portal's User Install is
    on, and declared for an application that does not offer it, Discord could refuse the whole command sync."""

    def declare(command: T) -> T:
        installs = app_commands.allowed_installs(guilds=True, users=user_install)
        places = app_commands.allowed_contexts(guilds=True, dms=True, private_channels=user_install)
        return installs(places(command))

    return declare


# A moderator command: for servers' installs only, in their servers and the bot's own DM, whatever
# ``DISCORD_USER_INSTALL`` says (the read-only commands' declaration without a user's install).
offered_where_installed = offered_to_readers(user_install=False)


def offered_to_moderators(admins_only: bool) -> Callable[[T], T]:
    """A moderator command where it is installed (``offered_where_installed``). ``admins_only``: the moderators
    are the servers' Manage Server holders alone (``ModeratorPolicy.admins_only``), so the command is shown to
    them only (``default_member_permissions``), in servers only: every other member saw commands the core
    refuses them, and in a DM, where only listed users are moderators, nobody is one. With users or roles
    listed it stays visible to all, since they may lack Manage Server; a server's admins can narrow it in
    Server Settings → Integrations."""
    if not admins_only:
        return offered_where_installed

    def declare(command: T) -> T:
        installs = app_commands.allowed_installs(guilds=True, users=False)
        places = app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
        return app_commands.default_permissions(manage_guild=True)(installs(places(command)))

    return declare
