"""Cleaning what users type, before any of it reaches retrieval."""

from __future__ import annotations

import unicodedata


class InvalidInput(ValueError):
    """The message is meant for the user as is."""


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


def clean_question(text: str | None, max_chars: int) -> str:
    cleaned = strip_control(text or "")
    if not cleaned or not any(ch.isalnum() for ch in cleaned):
        raise InvalidInput("Please ask a question about the dispute, e.g. “How many accounts were ordered "
                           "blocked?”")
    if len(cleaned) > max_chars:
        raise InvalidInput(f"That question is {len(cleaned):,} characters long; please keep it under "
                           f"{max_chars:,}.")
    return cleaned


def clean_topic(text: str | None, max_chars: int) -> str | None:
    """An empty topic means "everything"; a topic otherwise follows the question rules."""
    cleaned = strip_control(text or "")
    if not cleaned:
        return None
    if len(cleaned) > max_chars:
        raise InvalidInput(f"That topic is {len(cleaned):,} characters long; please keep it under "
                           f"{max_chars:,}.")
    return cleaned
