"""Discord API payloads as the real service sends them, for the fake Discord and the tests.

discord.py 2.7 reads some payloads strictly (an interaction needs ``member.flags``,
``attachment_size_limit``, ``version`` and ``token``), so these carry every field it reads.
"""

from __future__ import annotations

import itertools
from typing import Any

APP_ID = 1_100_000_000_000_000_001
BOT_ID = APP_ID
GUILD_ID = 1_100_000_000_000_000_002
CHANNEL_ID = 1_100_000_000_000_000_003
OWNER_ID = 1_100_000_000_000_000_004
MOD_ROLE_ID = 1_100_000_000_000_000_005
OTHER_ROLE_ID = 1_100_000_000_000_000_006
USER_ID = 1_100_000_000_000_000_007
OTHER_BOT_ID = 1_100_000_000_000_000_008
BOT_ROLE_ID = 1_100_000_000_000_000_009  # the role Discord makes for the bot when it joins (managed, tagged)
VOICE_CHANNEL_ID = 1_100_000_000_000_000_012  # a voice channel, whose text chat takes messages (no threads)
FORUM_ID = 1_100_000_000_000_000_013  # a forum: only posts (threads) are written in, never the forum itself
TOKEN = "fake-bot-token.never-real"
TIMESTAMP = "2021-02-10T12:00:00.000000+00:00"
ATTACHMENT_SIZE_LIMIT = 8 * 1024 * 1024

MANAGE_GUILD = 1 << 5
SEND_MESSAGES = 1 << 11
ATTACH_FILES = 1 << 15
SEND_MESSAGES_IN_THREADS = 1 << 38
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 31)  # view, send, embed, history, /

_ids = itertools.count(1_200_000_000_000_000_000)


def snowflake() -> str:
    return str(next(_ids))


def user(user_id: int = USER_ID, name: str = "member", bot: bool = False) -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": None, "avatar": None,
            "bot": bot, "public_flags": 0}


BOT_USER = user(BOT_ID, "dispute-bot", bot=True)


def application() -> dict[str, Any]:
    return {"id": str(APP_ID), "name": "dispute-bot", "icon": None, "description": "", "rpc_origins": [],
            "bot_public": True, "bot_require_code_grant": False, "owner": user(OWNER_ID, "owner"),
            "summary": "", "verify_key": "0" * 64, "team": None, "flags": 0, "bot": BOT_USER}


def role(role_id: int, name: str, permissions: int = 0, position: int = 1) -> dict[str, Any]:
    return {"id": str(role_id), "name": name, "permissions": str(permissions), "position": position, "color": 0,
            "hoist": False, "managed": False, "mentionable": False, "flags": 0}


def guild() -> dict[str, Any]:
    return {
        "id": str(GUILD_ID), "name": "Test server", "icon": None, "owner_id": str(OWNER_ID), "afk_timeout": 300,
        "verification_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
        "mfa_level": 0, "features": [], "emojis": [], "stickers": [], "large": False, "unavailable": False,
        "member_count": 3, "joined_at": TIMESTAMP, "premium_tier": 0, "preferred_locale": "en-US",
        "roles": [role(GUILD_ID, "@everyone", MEMBER_PERMISSIONS, 0), role(MOD_ROLE_ID, "Fact checkers"),
                  role(OTHER_ROLE_ID, "Readers"),
                  {**role(BOT_ROLE_ID, "dispute-bot"), "managed": True, "tags": {"bot_id": str(BOT_ID)}}],
        "channels": [{"id": str(CHANNEL_ID), "type": 0, "name": "general", "position": 0, "guild_id": str(GUILD_ID),
                      "permission_overwrites": [], "nsfw": False, "parent_id": None, "topic": None,
                      "rate_limit_per_user": 0, "last_message_id": None},
                     {"id": str(VOICE_CHANNEL_ID), "type": 2, "name": "Lounge", "position": 1,
                      "guild_id": str(GUILD_ID), "permission_overwrites": [], "nsfw": False, "parent_id": None,
                      "bitrate": 64000, "user_limit": 0, "rtc_region": None, "rate_limit_per_user": 0,
                      "last_message_id": None},
                     {"id": str(FORUM_ID), "type": 15, "name": "claims", "position": 2, "guild_id": str(GUILD_ID),
                      "permission_overwrites": [], "nsfw": False, "parent_id": None, "topic": None,
                      "rate_limit_per_user": 0, "last_message_id": None, "available_tags": [], "flags": 0,
                      "default_reaction_emoji": None, "default_sort_order": None, "default_forum_layout": 0}],
        "threads": [], "members": [], "voice_states": [], "presences": [], "stage_instances": [],
        "guild_scheduled_events": [], "soundboard_sounds": [],
    }


def ready(gateway_url: str, shard: tuple[int, int] = (0, 1), guilds: bool = True) -> dict[str, Any]:
    return {"v": 10, "user": BOT_USER, "guilds": [{"id": str(GUILD_ID), "unavailable": True}] if guilds else [],
            "session_id": f"fake-session-{shard[0]}", "resume_gateway_url": gateway_url, "shard": list(shard),
            "application": {"id": str(APP_ID), "flags": 0}, "private_channels": [], "relationships": []}


def member(user_id: int = USER_ID, roles: tuple[int, ...] = (), permissions: int = MEMBER_PERMISSIONS,
           name: str = "member") -> dict[str, Any]:
    return {"user": user(user_id, name), "roles": [str(r) for r in roles], "permissions": str(permissions),
            "joined_at": TIMESTAMP, "deaf": False, "mute": False, "flags": 0, "pending": False, "nick": None,
            "avatar": None, "premium_since": None, "communication_disabled_until": None}


# Channels a thread can be started on a message of (Start Thread from Message): text and announcement channels.
THREADABLE_TYPES = (0, 5)


def thread(thread_id: int, name: str = "Question", parent_id: int = CHANNEL_ID, owner_id: int = BOT_ID,
           auto_archive_duration: int = 1440) -> dict[str, Any]:
    """A public thread (by default one the bot opened in the test channel), as Discord describes it."""
    return {"id": str(thread_id), "guild_id": str(GUILD_ID), "parent_id": str(parent_id), "owner_id": str(owner_id),
            "name": name, "type": 11, "last_message_id": None, "rate_limit_per_user": 0, "message_count": 0,
            "member_count": 1, "total_message_sent": 0, "flags": 0,
            "thread_metadata": {"archived": False, "auto_archive_duration": auto_archive_duration,
                                "archive_timestamp": TIMESTAMP, "locked": False}}


def attachment(filename: str, url: str, size: int) -> dict[str, Any]:
    return {"id": snowflake(), "filename": filename, "size": size, "url": url, "proxy_url": url,
            "content_type": "text/plain; charset=utf-8"}


def slash(name: str, options: dict[str, Any] | None = None, *, user_id: int = USER_ID, roles: tuple[int, ...] = (),
          permissions: int = MEMBER_PERMISSIONS, files: dict[str, dict[str, Any]] | None = None,
          app_permissions: int = MEMBER_PERMISSIONS | ATTACH_FILES | (1 << 34) | SEND_MESSAGES_IN_THREADS,
          channel: dict[str, Any] | None = None) -> dict[str, Any]:
    """An INTERACTION_CREATE for ``/name`` with string/bool ``options`` and attachment options ``files``, run in
    ``channel`` (the test channel by default) by a member with ``permissions`` there. ``app_permissions`` are
    the bot's own in the channel (by default those its invite URL asks for)."""
    types = {str: 3, bool: 5}
    opts = [{"name": k, "type": types[type(v)], "value": v} for k, v in (options or {}).items()]
    data: dict[str, Any] = {"id": snowflake(), "name": name, "type": 1, "options": opts}
    if files:
        opts += [{"name": k, "type": 11, "value": a["id"]} for k, a in files.items()]
        data["resolved"] = {"attachments": {a["id"]: a for a in files.values()}}
    channel = channel or {"id": str(CHANNEL_ID), "type": 0, "name": "general", "guild_id": str(GUILD_ID),
                          "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None}
    return {
        "id": snowflake(), "application_id": str(APP_ID), "type": 2, "data": data, "guild_id": str(GUILD_ID),
        "channel": channel, "channel_id": channel["id"], "member": member(user_id, roles, permissions),
        "token": f"itoken-{snowflake()}", "version": 1, "app_permissions": str(app_permissions), "locale": "en-US",
        "guild_locale": "en-US", "entitlements": [], "authorizing_integration_owners": {"0": str(GUILD_ID)},
        "context": 0, "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }



def autocomplete(name: str, option: str, typed: str, **kw: Any) -> dict[str, Any]:
    """An INTERACTION_CREATE of type 4: someone typing ``typed`` into ``/name``'s string ``option``, as Discord
    sends it at each keystroke (the option marked ``focused``)."""
    interaction = slash(name, {option: typed}, **kw)
    interaction["type"] = 4
    interaction["data"]["options"][0]["focused"] = True
    return interaction


def message(content: str, *, channel_id: int = CHANNEL_ID, author: dict[str, Any] | None = None,
            mentions: list[dict[str, Any]] | None = None, guild: bool = True, mention_everyone: bool = False,
            message_type: int = 0, mention_roles: tuple[int, ...] = (),
            replying_to: dict[str, Any] | None = None, resolved: bool = True,
            forwarding: dict[str, Any] | None = None) -> dict[str, Any]:
    """A MESSAGE_CREATE payload (``guild=False`` for a DM); ``replying_to``: the message it replies to, as
    Discord includes it (``referenced_message``), or only names it (``resolved=False``: Discord leaves it out
    at times, and the bot has to fetch it); ``forwarding``: the message it forwards, as Discord's forwards
    carry it (a reference of type 1 and a snapshot of the message; the forward itself has no text)."""
    payload: dict[str, Any] = {
        "id": snowflake(), "channel_id": str(channel_id), "author": author or user(), "content": content,
        "timestamp": TIMESTAMP, "edited_timestamp": None, "tts": False, "mention_everyone": mention_everyone,
        "mentions": mentions or [], "mention_roles": [str(r) for r in mention_roles], "attachments": [],
        "embeds": [], "pinned": False, "type": message_type, "flags": 0, "components": [],
    }
    if replying_to is not None:
        payload["type"] = 19
        payload["message_reference"] = {"message_id": replying_to["id"], "channel_id": replying_to["channel_id"]}
        if resolved:
            payload["referenced_message"] = replying_to
    if forwarding is not None:
        # Discord's reference names where the post was: its channel, and its server unless it was in a DM.
        payload["message_reference"] = {"type": 1, "message_id": forwarding["id"],
                                        "channel_id": forwarding["channel_id"],
                                        **{k: forwarding[k] for k in ("guild_id",) if k in forwarding}}
        payload["message_snapshots"] = [{"message": {
            k: forwarding[k] for k in ("type", "content", "embeds", "attachments", "timestamp", "edited_timestamp",
                                       "flags", "mentions", "mention_roles", "components")}}]
    if guild:
        payload["guild_id"] = str(GUILD_ID)
        payload["member"] = {k: v for k, v in member().items() if k != "user"}
    return payload


def button_click(custom_id: str, message: dict[str, Any], *, user_id: int = USER_ID,
                 roles: tuple[int, ...] = ()) -> dict[str, Any]:
    """An INTERACTION_CREATE for a click on the button ``custom_id`` of ``message`` (a message payload)."""
    return {
        "id": snowflake(), "application_id": str(APP_ID), "type": 3,
        "data": {"custom_id": custom_id, "component_type": 2}, "guild_id": str(GUILD_ID),
        "channel": {"id": message["channel_id"], "type": 0, "name": "general", "guild_id": str(GUILD_ID),
                    "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None},
        "channel_id": message["channel_id"], "member": member(user_id, roles), "message": message,
        "token": f"itoken-{snowflake()}", "version": 1, "app_permissions": str(MEMBER_PERMISSIONS),
        "locale": "en-US", "guild_locale": "en-US", "entitlements": [],
        "authorizing_integration_owners": {"0": str(GUILD_ID)}, "context": 0,
        "attachment_size_limit": 8 * 1024 * 1024,
    }


FOREIGN_GUILD_ID = 1_100_000_000_000_000_010  # a server the bot is not in (never in its cache)
FRIEND_ID = 1_100_000_000_000_000_011
USER_APP_PERMISSIONS = (1 << 14) | ATTACH_FILES | (1 << 18)  # embed links, attach files, external emoji


def user_installed(interaction: dict[str, Any], place: str) -> dict[str, Any]:
    """``interaction`` (from ``slash``) run through the user's own install of the app, not a server's: in a
    server the bot is not in (``place="server"``, context 0, a partial channel and no guild object), in a DM
    between the user and a friend (``"dm"``) or in a group DM (``"group"``), both context 2, a private
    channel. Discord names only the user's install in ``authorizing_integration_owners``."""
    runner = interaction["member"]["user"]
    owners = {"1": runner["id"]}
    base = {k: v for k, v in interaction.items() if k not in ("guild_id", "member", "guild_locale")}
    base.update(authorizing_integration_owners=owners, app_permissions=str(USER_APP_PERMISSIONS))
    channel_id = snowflake()
    if place == "server":
        channel = {"id": channel_id, "type": 0, "name": "chat", "guild_id": str(FOREIGN_GUILD_ID), "position": 0,
                   "permission_overwrites": [], "nsfw": False, "parent_id": None, "flags": 0,
                   "permissions": str(MEMBER_PERMISSIONS)}
        return {**base, "guild_id": str(FOREIGN_GUILD_ID), "member": interaction["member"], "channel": channel,
                "channel_id": channel_id, "context": 0, "guild_locale": "en-US",
                "guild": {"id": str(FOREIGN_GUILD_ID), "locale": "en-US", "features": []}}
    friends = [user(FRIEND_ID, "friend")] + ([user(FRIEND_ID + 1, "another")] if place == "group" else [])
    channel = {"id": channel_id, "type": 3 if place == "group" else 1, "recipients": friends, "flags": 0,
               "last_message_id": None}
    if place == "group":
        channel.update(name=None, icon=None, owner_id=str(FRIEND_ID))
    return {**base, "user": runner, "channel": channel, "channel_id": channel_id, "context": 2}


def bot_dm_slash(name: str, user_id: int) -> dict[str, Any]:
    """``/name`` in a DM with the bot: no server, no member, no roles. A server's install of the app offers it
    there, and Discord names that install by "0" (no server)."""
    interaction = slash(name, user_id=user_id)
    runner = interaction.pop("member")["user"]
    interaction.pop("guild_id")
    dm = str(CHANNEL_ID + 999)
    interaction.update(user=runner, channel_id=dm, context=1, authorizing_integration_owners={"0": "0"},
                       channel={"id": dm, "type": 1, "recipients": [runner]})
    return interaction
