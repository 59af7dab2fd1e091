"""Either-or questions ("was the hearing held online or in person", "was it the ministry or the court that
issued the order", "who filed the petition, the company or the union?"): the answer is the sentence naming one
of the options.

Such a question shares its frame ("the hearing", "held") with many sentences, and the answer model, which reads
how much of the question a sentence holds, ranked first one that restates the frame and decides nothing ("The
talks are likely to happen this week." for "will the talks be in person or online"). A sentence that names one
of the options, in the articles' words, answers it; so when the first-ranked sentence names neither and another
about the same frame does, that one answers (``decided``). When no sentence names either option the model's
decision stands: an option put in other words ("online" for "through a video conference") is not recognised,
and declining every such question would decline answers the model finds ("called off" names no word of "was the
strike called off or postponed", "off" being a function word). Nothing is lifted over a question the model
declines.

Grammar, not topics: the options are read from where "or" stands (after an auxiliary opening the question, after
"was it", or after a comma closing a wh-question), whatever the words. "or" inside a wh-question's noun phrase
("who ordered the blocking of accounts or hashtags") and a yes/no question's tail ("... or not", "or nah") offer
no choice.
"""

from __future__ import annotations

import re

import numpy as np

from index.lexical import terms
from retrieval.comparisons import sides
from retrieval.coverage import sentence_terms
from retrieval.features import Candidates

_AUX = r"(?:was|were|is|are|am|did|does|do|has|have|had|will|would|can|could|should|shall|may|might|must)"
_OPENS = re.compile(rf"^\s*{_AUX}(?:n'?t)?\b", re.IGNORECASE)
# "was it meity or the home ministry that sent ...": the first option starts after "it"
_CLEFT = re.compile(rf"^\s*{_AUX}\s+it\s+(?P<a>.+?)\s+or\s+(?P<b>.+?)\s+(?:that|who|which)\s+\S", re.IGNORECASE)
# "who filed the petition, chatterly or the journalists union?"
_LISTED = re.compile(r"^\s*(?:who|what|which|where|when|how)\b[^,]*,\s*(?P<a>[^,]+?)\s+or\s+(?P<b>[^,]+?)\s*$",
                     re.IGNORECASE)
# what after "or" makes a yes/no question's tail, not an option
_TAIL = re.compile(r"^(?:not|nah|no|nope|naw|what|so|something|anything|otherwise|else|whatever|smth|sth)\b",
                   re.IGNORECASE)
MAX_OPTION_WORDS = 6
NEAR = 0.5  # a sentence off the frame is lifted only when rated at least this share of the first


def options(text: str) -> tuple[str, str] | None:
    """The two options an either-or question offers, as typed; None for any other question."""
    plain = " ".join(text.strip().rstrip("?!. ").split())
    if len(re.findall(r"\bor\b", plain, re.IGNORECASE)) != 1 or sides(plain) is not None:
        return None
    for pattern in (_CLEFT, _LISTED):
        found = pattern.match(plain)
        if found:
            return _checked(found["a"], found["b"])
    if not _OPENS.match(plain):
        return None
    before, after = re.split(r"\bor\b", plain, maxsplit=1, flags=re.IGNORECASE)
    b = after.strip()
    words = before.split()
    # The first option is as long as the second, read back from "or" (the words before it are the frame the
    # options share): "in person or online", "permanently or temporarily", "the ministry or the court".
    a = " ".join(words[1:][-max(1, min(len(b.split()), MAX_OPTION_WORDS)):])
    return _checked(a, b)


def _checked(a: str, b: str) -> tuple[str, str] | None:
    a, b = a.strip(" ,"), b.strip(" ,")
    if not a or not b or _TAIL.match(b) or len(b.split()) > MAX_OPTION_WORDS:
        return None
    return a, b


def key_word(option: str, other: str, first: bool, idf: dict[str, float]) -> str | None:
    """The word naming ``option``: its word nearest "or" that the other option lacks (``first``: the option
    after "or", whose first such word it is). "home" of "the home ministry" against "the interior ministry";
    "inconsistent" of "inconsistent with indian law", not "law", which the shared frame brings to the option
    read up to the question's end. None when that word is none the articles use ("vp" for their "Vice
    President"): no sentence can name the option in its own words."""
    theirs = set(terms(other))
    own = [t for t in terms(option) if t not in theirs]
    key = (own[0] if first else own[-1]) if own else None
    return key if key is not None and key in idf else None


def decided(text: str, found: Candidates, probs: np.ndarray, idf: dict[str, float]) -> np.ndarray:
    """``probs`` with the best-rated sentence naming an option put first when the first-ranked one names
    neither. Unchanged for any other question, when the first sentence names one, or when none does. The
    lifted sentence only takes the first one's place: a question the model would decline stays declined."""
    offered = options(text)
    if offered is None or not len(probs):
        return probs
    a, b = offered
    keys = {key_word(a, b, False, idf), key_word(b, a, True, idf)}
    like = found.column("answer_like") > 0
    if keys == {None} or not like.any():
        return probs
    top = int(np.argmax(np.where(like, probs, -1.0)))
    frame = {t for t in terms(text) if t in idf} - set(terms(a)) - set(terms(b))

    def deciding(i: int) -> bool:
        # A sentence naming an option but none of the frame's words ("the hearing was held in person" for
        # "will the talks be in person or online") is about something else, unless the model rates it near the
        # first (it may call the asked-about "twitter" "the company"). When one option is no word of the
        # articles ("vp" for their "Vice President"), the first sentence may name it in theirs: it gives way
        # only to a sentence the model rates near it.
        held = sentence_terms(found.texts[i])
        near = bool(probs[i] >= probs[top] * NEAR)
        about = not frame or bool(frame & held) or near
        return bool(like[i] and keys & held) and about and (None not in keys or near)

    hits = [i for i in range(len(probs)) if deciding(i)]
    if not hits or top in hits:
        return probs
    best = max(hits, key=lambda i: float(probs[i]))
    out = probs.copy()
    out[best] = max(float(out[best]), min(1.0, float(probs[top]) + 1e-3))
    return out
