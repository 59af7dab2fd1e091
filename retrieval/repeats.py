"""Whether a quote says again what another says: an article quoting a statement twice, or a widened quote holding
one shown already, is shown once (answers, related sentences, declines' closest passages, follow-ups)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from retrieval.types import Citation


@lru_cache(maxsize=8192)
def _words(text: str) -> str:
    """Cached: every answer compares its candidates with the same few dozen index sentences (about 55 calls a
    question, 1.4 ms of its 8 ms when each was read again)."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def says_again(text: str, quotes: Iterable[str]) -> bool:
    """Whether ``text`` says what one of ``quotes`` says, word for word (punctuation and case aside), or is
    contained in one, or contains one."""
    mine = _words(text)
    return any(mine and (mine in (theirs := _words(q)) or (theirs and theirs in mine)) for q in quotes)


def repeats(text: str, shown: list[Citation]) -> bool:
    """Whether ``text`` says again what a quote already shown says."""
    return says_again(text, (c.quote for c in shown))
