"""Questions asking what a short form stands for ("what is MeitY?", "NCRA stands for?", "full form of EIC").

The answer model reads them like any other "what is" question: every sentence naming MeitY is about as close,
none carries a figure, date or new name, and "what is meity" was declined over three passages that all named
it. An article that introduces a short form ("the Ministry of Electronics and Information Technology (MeitY)")
says exactly what it stands for, and the aliases mined at build time (``index.aliases``) know which short forms
the articles define. So the sentence that spells the short form out answers, quoted like any answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

from index.aliases import mine_aliases
from index.lexical import terms
from retrieval.answer import LEANS_BACK
from retrieval.features import Candidates

# Certain by construction: the article itself says what the short form stands for.
SPELLED_OUT = 1.0

_X = r"(?P<x>[A-Za-z][\w.&-]{1,11})"
_WHAT = r"(?:what|wat|wht)(?:\s+is|\s+was|\s*['’]s|s)?"
_WHAT_DOES = r"(?:what|wat|wht)\s+(?:does|do|did|dose)"  # chat's spellings, as ``_WHAT``
_ASKS = [re.compile(p, re.IGNORECASE) for p in (
    rf"{_X}",  # "MeitY?"
    rf"{_WHAT}\s+(?:the\s+|an?\s+)?{_X}",  # "what is meity", "whats the NCRA"
    rf"who\s+(?:is|are|was|were)\s+(?:the\s+)?{_X}",
    rf"(?:{_WHAT_DOES}\s+)?(?:the\s+)?{_X}\s+(?:stands?|stood)\s+for",
    # "what does COA mean" was declined: the articles never use the word "mean", and no pattern read it.
    rf"(?:{_WHAT_DOES}\s+)?(?:the\s+)?{_X}\s+(?:mean|means|meant)",
    rf"(?:{_WHAT}\s+)?(?:the\s+)?(?:full\s+form|expansion|meaning|long\s+form)\s+of\s+(?:the\s+)?{_X}",
    rf"(?:the\s+)?{_X}\s+(?:full\s+form|expansion|meaning|long\s+form)",
    rf"(?:{_WHAT}\s+)?(?:the\s+)?{_X}\s+short\s+for",
    rf"expand\s+(?:the\s+)?{_X}",
)]


def asked_short_form(text: str, aliases: Mapping[str, list[str]]) -> str | None:
    """The term of the short form the whole question asks to be spelled out, if an article defines it."""
    plain = " ".join(text.strip().rstrip("?!. ").split())
    for pattern in _ASKS:
        match = pattern.fullmatch(plain)
        if match:
            found = terms(match.group("x"))
            if len(found) == 1 and found[0] in aliases:
                return found[0]
    return None


def defines(sentence: str, term: str) -> bool:
    """Whether ``sentence`` introduces the short form ``term`` with what it stands for."""
    return term in mine_aliases([sentence])


def spelled_out(aliases: Mapping[str, list[str]], text: str, found: Candidates, probs: np.ndarray) -> np.ndarray:
    """``probs`` with the sentence that spells out the asked short form made the answer (the one the model
    rated highest, when several candidates do); unchanged for any other question, or when no candidate
    sentence spells it out."""
    term = asked_short_form(text, aliases)
    if term is None:
        return probs
    hits = [i for i, sentence in enumerate(found.texts) if defines(sentence, term)]
    if not hits:
        return probs
    out = probs.copy()
    # One that reads alone first: "Reacting to this, the Ministry ... (MeitY) said ..." is quoted with the
    # sentence before it, which says nothing of what MeitY is.
    best = max(hits, key=lambda i: (not LEANS_BACK.match(found.texts[i]), float(probs[i])))
    out[best] = max(float(out[best]), SPELLED_OUT)
    return out
