"""Which chat.postMessage / chat.postEphemeral calls Slack refuses before looking at the message itself, in the
order it checks them: the token's scope, a channel that is named and exists, the bot's place in it, and for an
ephemeral message a recipient who is in that channel (Slack's documented errors for the two methods)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from typing import Any

# A conversation's id (C public, G private or group DM, D DM) or, for chat.postMessage, a user's (U, W in
# Enterprise Grid: the app's DM with them); Slack also takes a channel's name with its "#".
CONVERSATION_ID = re.compile(r"^[CDG][A-Z0-9]+$")
USER_ID = re.compile(r"^[UW][A-Z0-9]+$")
CHANNEL_NAME = re.compile(r"^#[a-z0-9_-]{1,80}$")


def channel_exists(method: str, channel: object) -> bool:
    if not isinstance(channel, str):
        return False
    if CONVERSATION_ID.match(channel) or CHANNEL_NAME.match(channel):
        return True
    return method == "chat.postMessage" and bool(USER_ID.match(channel))


def post_refusal(method: str, params: Mapping[str, Any], scopes: Set[str], outside: Set[str],
                 members: Mapping[str, Set[str]]) -> dict[str, Any] | None:
    """Slack's answer refusing this post, or None if it gets as far as the message."""
    error = post_error(method, params, scopes, outside, members)
    if error is None:
        return None
    return {"ok": False, "error": error, **({"needed": "chat:write"} if error == "missing_scope" else {})}


def post_error(method: str, params: Mapping[str, Any], scopes: Set[str], outside: Set[str],
               members: Mapping[str, Set[str]]) -> str | None:
    """``outside``: channels the bot is not in; ``members``: for the channels whose members a test names, who
    they are (others hold everyone)."""
    if "chat:write" not in scopes:
        return "missing_scope"
    channel = params.get("channel")
    if not channel_exists(method, channel):
        return "channel_not_found"
    if channel in outside:
        return "not_in_channel"
    listed = members.get(str(channel))
    if method == "chat.postEphemeral" and listed is not None and params.get("user") not in listed:
        return "user_not_in_channel"
    return None
