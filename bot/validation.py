"""Cleaning what users type, before any of it reaches retrieval."""

from __future__ import annotations

import re
import unicodedata

# Mentions say whom a message is for, never what it asks: "@everyone how many accounts…" asks what the
# plain question asks. Adapters hand the text over with the platform's markup intact, so one pattern
# serves every platform: Discord users, nicknames and roles (<@1>, <@!1>, <@&1>) and channels (<#1>);
# Slack users (<@U1>, <@U1|ravi>), channels (<#C1|general>), broadcasts and user groups (<!everyone>,
# <!channel>, <!here>, <!subteam^S1|@team>); and broadcast words typed as plain text. Hashtags and
# @handles of accounts ("#ModiPlanningFarmerGenocide", "@TwitterIndia") are part of questions and stay.
_MENTION = re.compile(
    r"<@[!&]?[A-Za-z0-9]+(?:\|[^<>]*)?>"
    r"|<#[A-Za-z0-9]+(?:\|[^<>]*)?>"
    r"|<!(?:everyone|channel|here|subteam\^[A-Za-z0-9]+)(?:\|[^<>]*)?>"
    r"|(?<![\w@])@(?:everyone|here|channel)(?!\w)",
    re.IGNORECASE,
)


class InvalidInput(ValueError):
    """The message is meant for the user as is."""


REINDEX_USAGE = "Usage: /reindex [full]"


def reindex_full(text: str | None) -> bool:
    """Whether a typed ``/reindex`` asks for a full rebuild ("full"); anything else is refused, since a typo
    must not start a rebuild nobody asked for. Raises ``InvalidInput`` with the usage."""
    words = (text or "").lower().split()
    if any(word != "full" for word in words):
        raise InvalidInput(REINDEX_USAGE)
    return bool(words)


def strip_control(text: str) -> str:
    """Drop control and format characters (NUL, escape sequences, zero-width and bidi marks); line breaks
    and tabs become spaces so words on different lines stay apart."""
    out: list[str] = []
    for ch in text:
        if ch in "\n\r\t\v\f":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co"):
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def strip_mentions(text: str) -> str:
    """``text`` without user, role, channel and broadcast mentions, whitespace collapsed. Repeated until
    nothing changes, since removing one ("@here@here") can uncover another."""
    while (stripped := _MENTION.sub(" ", text)) != text:  # each pass shortens the text: it ends
        text = stripped
    return " ".join(text.split())


def clean_question(text: str | None, max_chars: int) -> str:
    cleaned = strip_mentions(strip_control(text or ""))
    if not cleaned or not any(ch.isalnum() for ch in cleaned):
        raise InvalidInput("Please ask a question about the dispute, e.g. “How many accounts were ordered "
                           "blocked?”")
    if len(cleaned) > max_chars:
        raise InvalidInput(f"That question is {len(cleaned):,} characters long; please keep it under "
                           f"{max_chars:,}.")
    return cleaned


def clean_topic(text: str | None, max_chars: int) -> str | None:
    """An empty topic means "everything"; a topic otherwise follows the question rules."""
    cleaned = strip_mentions(strip_control(text or ""))
    if not cleaned:
        return None
    if len(cleaned) > max_chars:
        raise InvalidInput(f"That topic is {len(cleaned):,} characters long; please keep it under "
                           f"{max_chars:,}.")
    return cleaned
