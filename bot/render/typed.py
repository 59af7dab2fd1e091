"""A refused question given back to its asker, to copy: told it is too long, to slow down, or that the bot is
busy or restarting, the person who typed a slash command's question had lost it, since the command's text
goes with it and the refusal shows only to them. ``Notice.asked`` carries the text; the chat renderers show
it after the refusal, in a code block (nothing in it is formatted or pings anyone), cut to what fits.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FENCE = "```"
WHOLE = "What you typed, to copy:"
CUT = "What you typed (its first {shown:,} of {total:,} characters), to copy:"
_FENCES = re.compile(r"`{3,}")  # would close the block early: broken up with zero-width spaces
_ZERO_WIDTH = "\u200b"
NEAR = 0.7  # a space within the last 30% of what fits is a word's end worth cutting back to


def given_back(said: str, typed: str, limit: int, escape: Callable[[str], str] = str) -> str:
    """``said`` (the refusal, as the platform shows it), then ``typed`` in a code block, within ``limit``
    characters in all; ``typed`` is cut at a word when the whole can't fit. ``escape``: what the platform
    needs even inside a code block (Slack's ``&``, ``<``, ``>``)."""
    text = typed.strip()
    if not text:
        return said
    total, shown = len(text), text
    while shown:
        label = WHOLE if shown == text else CUT.format(shown=len(shown), total=total)
        body = escape(_FENCES.sub(lambda m: _ZERO_WIDTH.join(m.group()), shown))
        out = f"{said}\n{label}\n{FENCE}\n{body}\n{FENCE}"
        if len(out) <= limit:
            return out
        over = len(out) - limit
        shown = _at_word(shown[: max(0, len(shown) - over - 1)])
    return said


def _at_word(cut: str) -> str:
    """``cut`` back to its last space only when one is near its end (as ``clip`` does): always cut back, "why did
    twitter " and 2,400 characters of one pasted word (an address) were given back as "why did twitter"."""
    space = max(cut.rfind(" "), cut.rfind("\n"), cut.rfind("\t"))
    return (cut[:space] if space > len(cut) * NEAR else cut).rstrip()
