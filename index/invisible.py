"""Characters a reader never sees are no part of an article's words.

Text copied from a web page or a word processor carries invisible characters: a zero-width space (U+200B, a
break opportunity some sites put after punctuation), a word joiner (U+2060), a byte-order mark pasted mid-text
(U+FEFF), and soft hyphens (U+00AD, where a page may break a long word: "Thurs\u00adday"). Kept, a quote opened
with an invisible character ("\u200b Officials called it …"), and a soft hyphen split its word in two for
the keyword index ("Thurs" and "day", neither "Thursday"). A no-break space (U+00A0, and its narrow and
figure-width kin) is a space to every reader, but not to a rule that looks for a plain one ("March\u00a027").

The zero-width joiner and non-joiner (U+200D, U+200C) stay: they shape Indic scripts' letters and join emoji.
"""

from __future__ import annotations

import re

# Zero-width space, word joiner, byte-order mark (zero-width no-break space), soft hyphen.
_UNSEEN = re.compile("[\u200b\u2060\ufeff\u00ad]")
# No-break space, figure space, narrow no-break space: each one space wide, and read as one.
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})


def visible(text: str) -> str:
    """``text`` as a reader sees it: invisible characters gone, no-break spaces plain spaces (see the module)."""
    return _UNSEEN.sub("", text).translate(_SPACES)
