"""Someone's words kept on the one line that records them: a moderator change in ``index history`` and
``/index-history``, and a line of the audit log (``bot.audit_log``).

A file name or article id is anyone's text. Holding a line break ("nope\\n2026-12-07 14:10 UTC remove (…) by
slack:U999 (alice): published"), it wrote a second, made-up record naming another moderator under the real one;
a carriage return or escape sequence could overwrite a line on a terminal. Every such character is shown as its
escape ("\\n", "\\x1b", "\\u2028"), visibly: the record says what was typed and cannot pass for another.
"""

from __future__ import annotations

import unicodedata

# Bidirectional embeddings, overrides, isolates and marks: they make a line read differently from what it holds.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Control characters (C0 with tab and line feed, DEL, C1 with NEL) and the line and paragraph separators.
_BREAKING = frozenset({"Cc", "Zl", "Zp"})


def _escaped(ch: str) -> str:
    if ch in BIDI or unicodedata.category(ch) in _BREAKING:
        return ch.encode("unicode_escape").decode("ascii")
    return ch


def on_one_line(text: str) -> str:
    """``text`` with every character that breaks, overwrites or reorders a line shown as its escape."""
    if text.isprintable():  # the usual case, at no cost (no control, separator or format character)
        return text
    return "".join(map(_escaped, text))
