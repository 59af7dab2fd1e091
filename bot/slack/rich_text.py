"""A message's words rebuilt from its ``rich_text`` blocks, as Slack's raw text would have them.

Slack sends a person's message with both a ``text`` and the ``rich_text`` blocks the composer made. Some
clients' messages (a mention written in a thread's rich-text composer, reported by other apps) arrive with
``text`` holding only the mention, the words being in the blocks alone: the bot read an empty question and
answered "Please ask a question". The blocks are read only then (``said``); everything else keeps ``text``.
"""

from __future__ import annotations

from typing import Any

from bot.slack.mrkdwn import escape, plain_from_slack

# Block elements that hold others (a list holds sections), each a line or more of the message.
_CONTAINERS = ("rich_text_section", "rich_text_list", "rich_text_quote", "rich_text_preformatted")


def _leaf(element: dict[str, Any]) -> str:
    """One rich-text element as Slack's raw text writes it: text escaped, mentions and links as markup (which
    ``plain_from_slack`` and the core read as they read ``text``)."""
    kind = element.get("type")
    if kind == "text":
        return escape(str(element.get("text") or ""))
    if kind == "link":
        url, label = str(element.get("url") or ""), str(element.get("text") or "")
        return f"<{url}|{escape(label)}>" if label else f"<{url}>"
    if kind == "user":
        return f"<@{element.get('user_id')}>"
    if kind == "usergroup":
        return f"<!subteam^{element.get('usergroup_id')}>"
    if kind == "channel":
        return f"<#{element.get('channel_id')}>"
    if kind == "broadcast":
        return f"<!{element.get('range')}>"
    if kind == "emoji":
        return f":{element.get('name')}:"
    if kind == "date":
        return escape(str(element.get("fallback") or ""))
    return ""


def _lines(element: dict[str, Any]) -> list[str]:
    if element.get("type") in _CONTAINERS:
        inner = [e for e in element.get("elements") or [] if isinstance(e, dict)]
        if element.get("type") == "rich_text_list":
            return [line for item in inner for line in _lines(item)]
        return ["".join(_leaf(e) if e.get("type") not in _CONTAINERS else "\n".join(_lines(e)) for e in inner)]
    return [_leaf(element)]


def rich_text(blocks: object) -> str:
    """The raw text the ``rich_text`` blocks of a message say, one line per section ("" when none)."""
    lines = [line for block in (blocks if isinstance(blocks, list) else []) if isinstance(block, dict)
             and block.get("type") == "rich_text"
             for element in block.get("elements") or [] if isinstance(element, dict) for line in _lines(element)]
    return "\n".join(lines)


def said(event: dict[str, Any], bot_user_id: str | None) -> str:
    """The raw text of a person's message: its ``text``, unless that says nothing besides the bot's mention while
    its rich-text blocks say more; then what the blocks say."""
    raw = str(event.get("text") or "")
    if plain_from_slack(raw, bot_user_id) or not event.get("blocks"):
        return raw
    rebuilt = rich_text(event.get("blocks"))
    return rebuilt if plain_from_slack(rebuilt, bot_user_id) else raw
