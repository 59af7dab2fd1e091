"""Questions asking what a word or phrase of the articles means ("what does "non-compliance" mean here?").

Every sentence using the phrase is about as close to such a question as the one explaining it, and the answer
model picked one that only uses it ("An acknowledgment to the receipt of the non-compliance notice has also
been formally communicated") over the one saying what it stands for ("the government registered the failure
to remove the accounts as non-compliance of its orders"). English explains a phrase in a few set ways: the
thing is registered, described, called or known *as* it, or the phrase *means* or *refers to* something. A
candidate explaining the asked phrase so answers before one merely using it. Short forms ("what does MeitY
mean") are ``retrieval.definitions``' to spell out.
"""

from __future__ import annotations

import re

import numpy as np

from retrieval.features import Candidates

_OPEN, _CLOSE = "[\"“‘']?", "[\"”’']?"
_PHRASE = rf"{_OPEN}(?P<x>[^\W\d_][\w-]*(?:\s+[\w-]+){{0,3}}?){_CLOSE}"
_HERE = r"(?:\s+(?:here|in\s+(?:this|that)\s+(?:context|case|story|article)|in\s+the\s+articles?))?"
# "what does X mean (here)", "what does the government mean by X", "what is meant by X", "meaning of X", "define X"
_ASKS = [re.compile(p, re.IGNORECASE) for p in (
    rf"(?:what|wat)\s+(?:does|do|did)\s+(?:the\s+)?{_PHRASE}\s+(?:mean|means|refer\s+to|stand\s+for){_HERE}",
    rf"(?:what|wat)\s+(?:does|do|did)\s+(?:\S+\s+){{1,4}}?mean\s+by\s+(?:the\s+)?{_PHRASE}{_HERE}",
    rf"(?:what|wat)\s+(?:is|was)\s+meant\s+by\s+(?:the\s+)?{_PHRASE}{_HERE}",
    rf"(?:what\s+(?:is|was)\s+)?the\s+meaning\s+of\s+(?:the\s+)?{_PHRASE}{_HERE}",
    rf"(?:meaning\s+of|define|explain)\s+(?:the\s+)?{_PHRASE}{_HERE}",
)]


def asked_phrase(text: str) -> str | None:
    """The phrase the whole question asks the meaning of; None for any other question."""
    plain = " ".join(text.strip().rstrip("?!. ").split())
    for pattern in _ASKS:
        match = pattern.fullmatch(plain)
        if match:
            return match.group("x")
    return None


def explains(sentence: str, phrase: str) -> bool:
    """Whether ``sentence`` says what ``phrase`` stands for: something registered, described, called or known
    as it ("registered the failure ... as non-compliance"; not "such as", which gives an example), or the
    phrase followed by "means", "refers to", "is defined as" or "i.e."."""
    x = re.escape(phrase).replace(r"\ ", r"\s+")
    before = rf"(?<!such\s)\b(?:as|called|termed|dubbed)\s+(?:an?\s+|the\s+)?{_OPEN}{x}\b"
    after = rf"\b{x}{_CLOSE}\s*,?\s*(?:(?:means|meant|refers\s+to|is\s+defined\s+as|that\s+is\s+to\s+say)\b|i\.e\.)"
    return re.search(before, sentence, re.IGNORECASE) is not None or \
        re.search(after, sentence, re.IGNORECASE) is not None


def explained(text: str, found: Candidates, probs: np.ndarray, threshold: float) -> np.ndarray:
    """``probs`` with the best-rated candidate explaining the asked phrase put first, when the question is
    answered at all (its best sentence reaches ``threshold``): an explanation is no reason to answer a question
    the model would decline. Unchanged for any other question, or when no candidate explains the phrase."""
    phrase = asked_phrase(text)
    if phrase is None or not len(probs):
        return probs
    like = found.column("answer_like") > 0
    top = float(probs[like].max()) if like.any() else 0.0
    hits = [i for i, sentence in enumerate(found.texts) if like[i] and explains(sentence, phrase)]
    if top < threshold or not hits:
        return probs
    best = max(hits, key=lambda i: float(probs[i]))
    out = probs.copy()
    out[best] = max(float(out[best]), min(1.0, top + 1e-3))
    return out
