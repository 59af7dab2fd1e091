"""Links from article addresses that chat markup can carry whole."""

from __future__ import annotations

from urllib.parse import quote


def percent_encoded(url: str, characters: str) -> str:
    """``url`` with each of ``characters`` percent-encoded: a server reads ``%28`` as ``(``, while the raw
    character would end a Discord masked link or a Slack ``<url|label>`` early (Wikipedia's addresses,
    "…/Koo_(app)", hold brackets), and the link would otherwise have to be dropped."""
    return "".join(quote(ch, safe="") if ch in characters else ch for ch in url)
