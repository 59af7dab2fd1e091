"""Aliases an article defines for itself: "Ministry of Electronics and Information Technology (MeitY)".

News writing names an organisation in full once, with its short form in parentheses, and uses the short
form afterwards; a reader (or a question) may use either. Mined at build time from every article, they
let lexical matching treat the two forms as one term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.lexical import terms

# Bump when mining changes: an unchanged corpus is then rebuilt (vectors are reused).
ALIASES_VERSION = 1

_CAP_WORD = r"[A-Z][\w'’.&-]*"
_JOINER = r"(?:of|and|for|the|on|in|&|de|la)"
# "Long Name (SHORT)": up to ten words, capitalised or joining words, ending on a capitalised word.
_LONG_SHORT = re.compile(
    rf"((?:{_CAP_WORD}|{_JOINER})(?:\s+(?:{_CAP_WORD}|{_JOINER})){{0,9}})\s+\(([A-Za-z][\w.&-]{{1,11}})\)"
)
# "SHORT (Long Name)" and "Long Name, known as SHORT".
_SHORT_LONG = re.compile(
    rf"\b([A-Z][A-Za-z.&-]{{1,11}})\s+\(((?:{_CAP_WORD})(?:\s+(?:{_CAP_WORD}|{_JOINER})){{1,9}})\)"
)
_KNOWN_AS = re.compile(
    rf"((?:{_CAP_WORD})(?:\s+(?:{_CAP_WORD}|{_JOINER})){{1,9}}),?\s+(?:also\s+)?(?:known|called)\s+as\s+(?:the\s+)?"
    rf"[\"“]?({_CAP_WORD}(?:\s+{_CAP_WORD}){{0,3}})"
)


def _initials_match(short: str, long_words: list[str]) -> bool:
    """The short form is made from the long form's capitals ("MeitY" from Ministry ... Technology)."""
    letters = [c for c in short if c.isalpha()]
    caps = [w[0] for w in long_words if w[:1].isupper()]
    if not letters or not caps or letters[0].upper() != caps[0]:
        return False
    # Every capital of the short form appears, in order, among the long form's letters.
    pool = "".join(long_words).lower()
    pos = 0
    for ch in (c.lower() for c in short if c.isupper()):
        pos = pool.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _trim_long(long: str, short: str) -> list[str] | None:
    """Drop leading words the short form does not start with ("the", "said the ...")."""
    words = long.split()
    first = next((c for c in short if c.isalpha()), "").upper()
    while words and not (words[0][:1].upper() == first and words[0][:1].isupper()):
        words.pop(0)
    return words if len(words) >= 2 and _initials_match(short, words) else None


def mine_aliases(texts: Iterable[str]) -> dict[str, list[str]]:
    """Short-form term -> the long form's terms, for every pair the texts define."""
    found: dict[str, list[str]] = {}

    def add(short: str, long_words: list[str]) -> None:
        short_terms = terms(short)
        long_terms = terms(" ".join(long_words))
        if len(short_terms) == 1 and len(long_terms) >= 2 and short_terms[0] not in long_terms:
            found.setdefault(short_terms[0], long_terms)

    for text in texts:
        for match in _LONG_SHORT.finditer(text):
            words = _trim_long(match.group(1), match.group(2))
            if words:
                add(match.group(2), words)
        for match in _SHORT_LONG.finditer(text):
            if _initials_match(match.group(1), match.group(2).split()):
                add(match.group(1), match.group(2).split())
        for match in _KNOWN_AS.finditer(text):
            add(match.group(2), match.group(1).split())
    return found


def expand_terms(query_terms: Iterable[str], aliases: dict[str, list[str]]) -> list[str]:
    """The query's terms plus the other form of any alias it uses, for lexical search."""
    out = list(query_terms)
    present = set(out)
    for short, long_terms in aliases.items():
        if short in present:
            out.extend(t for t in long_terms if t not in present)
        elif all(t in present for t in long_terms):
            out.append(short)
    return out
