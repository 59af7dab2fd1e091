"""Which articles tell another story than a topic of several words asks for.

"/timeline chirrup court challenge" listed every dated sentence naming Chirrup, its tax dispute in another country
too: each such sentence shares the rarest topic word and is close enough in meaning to pass the sentence's own
test (``retrieval.timeline_relevance.topic_relevance``). The sentence alone can't tell whose story it is ("A
spokesperson for Chirrup said on Tuesday …"); its article can. When some article names the whole topic, an article
that names less than half of its weight (``retrieval.timeline_relevance.MIN_LEXICAL_ONLY``) is another story, and
its sentences are kept only when they name the whole topic themselves. A topic of one word, or one no article names
whole, drops nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# The share of a topic's IDF weight an article names for it to name the whole topic (rounding aside).
_WHOLE = 0.999


def other_stories(doc_rows: Iterable[int], share: Callable[[int], float], least: float) -> set[int]:
    """The rows of ``doc_rows`` whose article names less than ``least`` of the topic's weight (``share``), when
    another of them names all of it; none otherwise."""
    shares = {row: share(row) for row in set(doc_rows)}
    if not any(s >= _WHOLE for s in shares.values()):
        return set()
    return {row for row, s in shares.items() if s < least}


def names_whole(sentence_share: float) -> bool:
    """Whether a sentence names the whole topic itself: kept whatever its article."""
    return sentence_share >= _WHOLE
