"""A citation's abbreviation before its number ends no sentence.

Legal and scholarly writing cites by abbreviation: "under s. 12(3) of the act", "para. 12 of the rules", "vol. 44,
p. 211", "ss. 69A and 79". pysbd's English rules know "No." and "Art." but not these, and ended a sentence at
their full stop: "It relied on s." was quoted alone and "12(3) of the act." was left a fragment. So a sentence
ending in one of these abbreviations and followed by one opening with a figure is one sentence with it. Only a
listed abbreviation joins: "… held in the hall. 12 members abstained." stays two.
"""

from __future__ import annotations

import re

_CITING = re.compile(r"(?:^|[\s(\[])(?:s|ss|sec|secs|para|paras|vol|vols|p|pp|cl|cls|ch|sch|reg|regs|r|rr|fig|figs"
                     r"|sub-s|subs)\.\Z", re.IGNORECASE)
_FIGURE_OPENS = re.compile(r"\(?\d")


def joined_citations(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``sentences`` of ``text`` (start, end) with each one ending in a citing abbreviation joined to the next when
    that opens with a figure (see the module)."""
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        if out and _FIGURE_OPENS.match(text, start) and _CITING.search(text, out[-1][0], out[-1][1]):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out
