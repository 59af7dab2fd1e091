"""Block Kit building blocks for the Slack renderers (``bot.slack.render``, ``bot.slack.listings``): text
objects, sections and context lines within Slack's limits, and a list packed into as few sections as one
message carries. Pure functions; escaping is the caller's (``bot.slack.mrkdwn``), as the renderers' docstring
says which text goes where.
"""

from __future__ import annotations

from typing import Any

from bot.slack.mrkdwn import SECTION_LIMIT, clip, escape, split_text

CONTEXT_LIMIT = 2000  # kept below the 3,000 of a text object: context lines are meant to be short
MAX_BLOCKS = 50  # blocks in one message
# All the blocks' text together: Slack refuses a message over about 12,000 characters (msg_blocks_too_long),
# and its plain-text fallback would then carry only the first few events of a long timeline, without links.
MESSAGE_TEXT_LIMIT = 11_000
QUOTE_LIMIT = 1500  # one cited quote; a web paragraph read as one sentence would leave no room for the others
FALLBACK_LIMIT = 3000  # the notification/fallback ``text``; Slack allows 40,000 but nobody reads that


def mrkdwn_text(text: str, limit: int) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(text, limit), "verbatim": True}


def plain_text(escaped: str, limit: int) -> dict[str, Any]:
    """A ``plain_text`` object: shown as written, no formatting and no ``:emoji:`` codes. Slack decodes the
    three entities in it as in mrkdwn, so it is escaped all the same, and pings stay impossible."""
    return {"type": "plain_text", "text": clip(escaped, limit), "emoji": False}


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn_text(text, SECTION_LIMIT)}


def plain_section(escaped: str) -> dict[str, Any]:
    return {"type": "section", "text": plain_text(escaped, SECTION_LIMIT)}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [mrkdwn_text(text, CONTEXT_LIMIT)]}


def labelled(label: str, words: str) -> dict[str, Any]:
    """A context line of the bot's mrkdwn ``label`` then someone's ``words`` as written."""
    return {"type": "context", "elements": [mrkdwn_text(label, CONTEXT_LIMIT),
                                            plain_text(escape(words), CONTEXT_LIMIT)]}


def text_sections(escaped: str, max_sections: int) -> list[dict[str, Any]]:
    """Escaped text that is someone's words, or has none of the bot's formatting, as plain_text sections."""
    pieces = split_text(escaped) or ["(empty)"]
    if len(pieces) > max_sections:
        pieces = pieces[:max_sections]
        pieces[-1] = clip(pieces[-1] + " …", SECTION_LIMIT)
    return [plain_section(p) for p in pieces]


def pack(items: list[str], budget: int, noun: str, sep: str, hint: str = "", *, chars: int = MESSAGE_TEXT_LIMIT
         ) -> list[dict[str, Any]]:
    """One section per item when they fit in ``budget`` blocks, otherwise items share sections; never more
    than ``chars`` characters (what the message's other blocks leave of ``MESSAGE_TEXT_LIMIT``): what is left
    is counted in a closing note, with ``hint`` (how to see it) after the count."""
    separate = len(items) <= budget
    sections: list[str] = []
    total = 0
    for i, item in enumerate(items):
        item = clip(item, SECTION_LIMIT)
        join = not separate and bool(sections) and len(sections[-1]) + len(sep) + len(item) <= SECTION_LIMIT
        grow = len(sep) + len(item) if join else len(item)
        if total + grow > chars or not (separate or join or len(sections) < budget - 1):
            return [*map(section, sections), context(f"…and {len(items) - i} more {noun} not shown{hint}.")]
        if join:
            sections[-1] += sep + item
        else:
            sections.append(item)
        total += grow
    return [section(s) for s in sections]
