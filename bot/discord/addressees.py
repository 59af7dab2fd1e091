"""Whom a Discord message is said to, read off its mentions and its reply: what the core's rule on whom a follow-up
is for (``bot.addressed``) takes on Discord, and whether a message in the bot's thread replies to someone else.
"""

from __future__ import annotations

import discord

from bot.discord.pointed import reply_reference


def named(message: discord.Message, me: int, role: discord.Role | None) -> set[object]:
    """Whom ``message`` names, for the core's rule on whom a follow-up is for (``bot.addressed``, which Slack's
    thread replies take too): the people, roles and everyone it mentions, the bot's own role as the bot. A
    reply's ping (of the bot when it replies to its answer) names no one unless typed: "@Bob look at this"
    sent as a reply to the answer was answered as a follow-up, though said to Bob. The author is no one else."""
    reference = reply_reference(message)
    replied = reference.resolved if reference is not None else None
    pinged = {me, *([replied.author.id] if isinstance(replied, discord.Message) else [])}
    people = {user.id for user in message.mentions if user.id in message.raw_mentions or user.id not in pinged}
    roles = {me if role is not None and r == role.id else r
             for r in {*message.raw_role_mentions, *(r.id for r in message.role_mentions)}}
    return {*(people - {message.author.id}), *roles, *(["everyone"] if message.mention_everyone else [])}


def replies_to_others(message: discord.Message) -> bool:
    """A reply to someone else's message: in the bot's thread it is part of the people's own conversation.
    A reply to one's own message ("I mean …") still talks to the bot; one to a message Discord no longer has
    is left alone."""
    reference = reply_reference(message)
    if reference is None:
        return False  # a forward is the forwarder's own post, not a reply to anyone
    replied = reference.resolved
    return not isinstance(replied, discord.Message) or replied.author.id != message.author.id
