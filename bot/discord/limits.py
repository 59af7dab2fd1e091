"""Discord's size limits, and text that is safe to show: what every message the bot sends must satisfy.

Discord rejects a whole message (HTTP 400, code 50035) when any part breaks a limit, and discord.py checks
only the 10-embed one, so every limit is enforced here, in pure functions the tests run without a network.
Long text is clipped at a word boundary (ending in "…"). Article and user text is markdown-escaped so a
quote shows verbatim and cannot break the layout; mention markup is escaped too, so ``<@123>`` in an article
shows as typed, not as a mention chip. Pings are prevented separately, by sending with ``allowed_mentions=none``.
"""

from __future__ import annotations

import re

import discord

from bot.discord.outgoing import Outgoing
from bot.render.plain import without_direction_changes
from bot.render.urls import percent_encoded

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL_LIMIT = 6000  # every embed of one message together

ELLIPSIS = "…"
_URL = re.compile(r"^https?://[^\s()<>\[\]]+$")
_BRACKET = re.compile(r"(\\*)([\[\]])")
# Mention markup: users, nicknames and roles (<@1>, <@!1>, <@&1>), channels (<#1>), custom emoji (<:x:1>,
# <a:x:1>), commands (</ask:1>), timestamps (<t:1>) and guide links (<id:home>), and @everyone / @here.
# allowed_mentions=none stops the pings, not the rendering: in an embed <@123456789> still showed as a
# mention chip. A backslash shows the markup as typed, as it does for any markdown character. "@everyone" and "@here"
# glued to other letters too ("x@everyone", "@everyoneKoo", "a@here.com"): Discord's markdown reads them wherever
# they stand (discord.py's ``escape_mentions`` escapes them there too), and the backslash does not show.
_MENTION = re.compile(r"<(?=[@#/]|a?:|t:|id:)|@(?=everyone|here)", re.IGNORECASE)


def clip(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word boundary when one is near, marked with "…"."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space > len(cut) * 0.7:
        cut = cut[:space]
    cut = cut.rstrip()
    if (len(cut) - len(cut.rstrip("\\"))) % 2:  # never leave half of a markdown escape behind
        cut = cut[:-1]
    return cut + ELLIPSIS


def _escape_brackets(text: str) -> str:
    """Escape every ``[`` and ``]`` that escaping left live (preceded by an even run of backslashes)."""
    return _BRACKET.sub(lambda m: m.group(1) + ("" if len(m.group(1)) % 2 else "\\") + m.group(2), text)


def escape_mentions(text: str) -> str:
    """Markdown-escaped ``text`` with its mention markup shown as typed (``_MENTION``). Only after
    ``escape_markdown``: that doubles every backslash already there, so each one added here escapes."""
    return _MENTION.sub(lambda m: "\\" + m.group(), text)


def safe(text: str, limit: int, *, keep_lines: bool = False) -> str:
    """User or article text, shown literally (markdown and mentions escaped), within ``limit``; runs of
    whitespace become one space unless ``keep_lines``.

    ``escape_markdown`` escapes a masked link only when one piece of text holds all of it; pieces shown
    side by side ("[" in one title, "](https://…)" in the next) could still form one, so every bracket is
    escaped: only ``link`` makes links."""
    text = without_direction_changes(text)
    if not keep_lines:
        text = " ".join(text.split())
    return clip(escape_mentions(_escape_brackets(discord.utils.escape_markdown(text))), limit)


def link(label: str, url: str | None) -> str:
    """A masked link when ``url`` is a plain http(s) URL; only the label otherwise (no odd schemes).
    Brackets in the address are percent-encoded: a raw ``)`` would end the link early."""
    url = percent_encoded(url, "()[]<>") if url else url
    if url and len(url) <= 512 and _URL.match(url):
        return f"[{label}]({url})"
    return label


def _common_length(lengths: list[int], total: int) -> int:
    """The largest length that, with every longer text cut to it, leaves at most ``total`` characters (at
    least 1: Discord refuses an empty field)."""
    low, high = 1, max(lengths)
    while low < high:
        mid = (low + high + 1) // 2
        if sum(min(n, mid) for n in lengths) <= total:
            low = mid
        else:
            high = mid - 1
    return low


def _clip_keeping_last_line(text: str, limit: int) -> str:
    """``text`` within ``limit``, cut before its last line when that line takes under half the room: clipped
    at the end, a passage lost its source and a masked link was left half written."""
    body, newline, last = text.rpartition("\n")
    if not newline or not body.strip() or len(last) > limit // 2:
        return clip(text, limit)
    return clip(body, limit - len(last) - 1) + "\n" + last


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Enforce every per-embed limit on ``embed`` (in place). Over 6,000 in total, the longest texts shrink to
    one common length, so a huge quote is cut before a title is touched, and a cut is shared: taken whole from
    the longest part, one after another, it left the first of several equal fields (a reply's best passages)
    as a bare "…". A field keeps its last line (a passage's source: date and link) while it can."""
    parts: dict[str, str] = {
        "title": clip(embed.title or "", TITLE_LIMIT),
        "description": clip(embed.description or "", DESCRIPTION_LIMIT),
        "footer": clip(embed.footer.text or "", FOOTER_LIMIT),
        "author": clip(embed.author.name or "", AUTHOR_LIMIT),
    }
    fields = embed.fields[:FIELD_COUNT_LIMIT]
    inline = [bool(f.inline) for f in fields]
    for i, f in enumerate(fields):  # Discord refuses empty field names and values
        parts[f"name{i}"] = clip(f.name or "\u200b", FIELD_NAME_LIMIT)
        parts[f"value{i}"] = clip(f.value or "\u200b", FIELD_VALUE_LIMIT)
    if sum(len(text) for text in parts.values()) > EMBED_TOTAL_LIMIT:
        cap = _common_length([len(text) for text in parts.values()], EMBED_TOTAL_LIMIT)
        for key, text in parts.items():
            if len(text) > cap:
                parts[key] = _clip_keeping_last_line(text, cap) if key.startswith("value") else clip(text, cap)
    embed.title = parts["title"] or None
    embed.description = parts["description"] or None
    if parts["footer"]:
        embed.set_footer(text=parts["footer"], icon_url=embed.footer.icon_url)
    if parts["author"]:
        embed.set_author(name=parts["author"], url=embed.author.url, icon_url=embed.author.icon_url)
    embed.clear_fields()
    for i, is_inline in enumerate(inline):
        embed.add_field(name=parts[f"name{i}"], value=parts[f"value{i}"], inline=is_inline)
    return embed


def problems(message: Outgoing) -> list[str]:
    """Every Discord limit ``message`` breaks (empty when Discord would accept it)."""
    found: list[str] = []
    if message.content and len(message.content) > CONTENT_LIMIT:
        found.append(f"content has {len(message.content)} characters")
    if not message.content and not message.embeds:
        found.append("empty message")
    if len(message.embeds) > EMBEDS_PER_MESSAGE:
        found.append(f"{len(message.embeds)} embeds")
    total = sum(len(e) for e in message.embeds)
    if total > EMBED_TOTAL_LIMIT:
        found.append(f"embeds total {total} characters")
    for n, e in enumerate(message.embeds):
        checks = [("title", e.title, TITLE_LIMIT), ("description", e.description, DESCRIPTION_LIMIT),
                  ("footer", e.footer.text, FOOTER_LIMIT), ("author", e.author.name, AUTHOR_LIMIT)]
        if len(e.fields) > FIELD_COUNT_LIMIT:
            found.append(f"embed {n} has {len(e.fields)} fields")
        for f in e.fields:
            checks += [("field name", f.name, FIELD_NAME_LIMIT), ("field value", f.value, FIELD_VALUE_LIMIT)]
            if not f.name or not f.value:
                found.append(f"embed {n} has an empty field")
        found += [f"embed {n} {what} has {len(text)} characters" for what, text, limit in checks
                  if text and len(text) > limit]
    return found
