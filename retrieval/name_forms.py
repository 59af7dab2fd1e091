"""Whether two names the articles write are one thing's: "IT Act" and "Information Technology Act", "IT Ministry"
and "Ministry of Electronics and IT", "Ajay Sawhney" and "Ajay Prakash Sawhney".

A list answer (``retrieval.mentions``) listed each form on a line of its own, as if the articles named two laws.
News writing shortens a name in a few ways any article uses, read here from the two names alone: a run of words
written as its initials ("IT" for "Information Technology", matched word by word so the rest must agree), a
short form an article defines for the whole name (``index.aliases``: "MeitY"), its last words ("Prasad"), a
middle name left out, and "X Ministry" for "Ministry of X" (or of "… and X"). No list of known names.
"""

from __future__ import annotations

import re

from index.lexical import terms

_JOINERS = frozenset(["of", "and", "for", "the", "on", "in", "to", "&"])
_HEAD_OF = re.compile(r"^(?P<head>\S+)\s+of\s+(?:the\s+)?(?P<what>.+)$", re.IGNORECASE)


def same_thing(short: str, long: str, aliases: dict[str, list[str]] | None = None, people: bool = False) -> bool:
    """Whether ``short`` names what ``long`` does (both as written; ``long`` the longer); ``people``: both are
    people's names, where a middle name may be left out ("Data Act" is no "Data Protection Act")."""
    a, b = short.split(), long.split()
    if not a or len(a) > len(b) + 2:
        return False
    if [w.casefold() for w in b[-len(a):]] == [w.casefold() for w in a] and len(a) < len(b):
        return True  # its last words: "Prasad", "Shankar Prasad"
    if _spelled(a, b, aliases or {}):
        return True
    if people and _middle_left_out(a, b):
        return True
    return _head_first(a, b, aliases or {})


def _initials(letters: str, words: list[str]) -> int:
    """How many of ``words`` (from the first) ``letters`` is the initials of, every word's or the capitalised
    ones' with joining words between ("IT" of "Information Technology"); 0 for none."""
    want = letters.casefold()
    got = ""
    for n, word in enumerate(words, start=1):
        if word.casefold() in _JOINERS:
            if n == 1:
                return 0
            continue
        if not word[:1].isupper():
            return 0
        got += word[0].casefold()
        if got == want:
            return n
        if not want.startswith(got):
            return 0
    return 0


def written_as_initials(word: str) -> bool:
    """Written as initials: two capitals or more, and no lower-case word ("IT", "MeitY", "U.S.")."""
    letters = word.replace(".", "")
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and letters.isalpha()


def _spelled(a: list[str], b: list[str], aliases: dict[str, list[str]]) -> bool:
    """``a`` is ``b`` word by word, where a word of ``a`` in capitals may stand for a run of ``b``'s words it
    is the initials of, or that an article spells it out as."""
    if len(a) == len(b) and [w.casefold() for w in a] == [w.casefold() for w in b]:
        return False  # the same name: nothing shortened
    return _match(a, b, aliases)


def _match(a: list[str], b: list[str], aliases: dict[str, list[str]]) -> bool:
    if not a or not b:
        return not a and not b
    if a[0].casefold() == b[0].casefold() and _match(a[1:], b[1:], aliases):
        return True
    if not written_as_initials(a[0]):
        return False
    taken = _initials(a[0].replace(".", ""), b)
    if taken and _match(a[1:], b[taken:], aliases):
        return True
    spelled = aliases.get(" ".join(terms(a[0])))
    if spelled:
        for n in range(1, len(b) + 1):
            if terms(" ".join(b[:n])) == spelled and _match(a[1:], b[n:], aliases):
                return True
    return False


def _middle_left_out(a: list[str], b: list[str]) -> bool:
    """A person's middle name left out: "Ajay Sawhney" of "Ajay Prakash Sawhney" (first and last words the same,
    each a capitalised word, the rest in order)."""
    if len(a) < 2 or len(b) <= len(a) or not all(w[:1].isupper() and not written_as_initials(w) for w in b):
        return False
    fa, fb = [w.casefold() for w in a], [w.casefold() for w in b]
    if fa[0] != fb[0] or fa[-1] != fb[-1]:
        return False
    rest = iter(fb[1:-1])
    return all(w in rest for w in fa[1:-1])


def _head_first(a: list[str], b: list[str], aliases: dict[str, list[str]]) -> bool:
    """"IT Ministry" of "Ministry of Electronics and IT": the short form's last word heads the long one, and the
    words before it are what the long one is "of" (or one of the things joined there by "and")."""
    found = _HEAD_OF.match(" ".join(b))
    if len(a) < 2 or found is None or a[-1].casefold() != found.group("head").casefold():
        return False
    parts = [p.split() for p in re.split(r"\s*(?:,|\band\b|&)\s*", found.group("what")) if p]
    return any(_match(a[:-1], part, aliases) for part in parts)
