"""Whether an event sentence names its article's subject only as "the company", "the platform", "the firm".

News names the organisation a story is about in its headline and lead, then writes "the company" for it ("A week
after the order, the company filed a challenge in the High Court"; "the company's regional head met the
director"). Judged sentence by sentence, a topic naming the organisation ("/timeline quillet") left those
events out: the sentence shares no word with the topic, and its meaning alone is not close enough. Such a
sentence counts for the topic when its article's title names the topic, the article names it more often than any
other name (the story is about it: ``most_named``) and the sentence refers to an organisation by one of these
nouns without naming another ("the analytics firm Appmetrix" names
its own). A sentence of another article saying "the company" stays out ("Tessary fines Bramblr …": its company
is Bramblr), so a topic lists its own story's steps without taking in every story's companies.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from index.lexical import terms

# Nouns news writes for the organisation it is about; not "the app" or "the service", which as often modify
# another noun ("the app analytics firm", "the service's terms" of another).
_SUBJECT_NOUN = re.compile(
    r"\b[Tt]he\s+(?:company|firm|platform|website|social\s+network)(?:['’]s)?\b(?!\s+[A-Z])(?!['’]?\s*\()")


def refers_to_subject(sentence: str) -> bool:
    """Whether ``sentence`` names an organisation only by a noun standing for its article's subject ("the
    company filed …", "the platform's lawyer …"), not followed by a name of its own ("the firm Appmetrix")."""
    return _SUBJECT_NOUN.search(sentence) is not None


# A name written inside a sentence (after a lowercase word, a figure or a comma), where capitals mark names rather
# than a sentence's opening: "the short-video platform Quillet", "to Quillet's regional head".
_NAME = re.compile(r"(?<=[a-z0-9,;])\s+([A-Z][a-z][\w-]*)")


@lru_cache(maxsize=256)
def most_named(text: str) -> frozenset[str]:
    """The search terms of the name an article writes most often inside its sentences (all of them on a tie): whom
    its "the company" stands for. An article titled "Norvalia orders Quillet to block 412 accounts" is about
    Quillet (named six times) more than Norvalia (once), and its "the company" is Quillet, not the country."""
    counts = Counter(t for name in _NAME.findall(text) for t in terms(name))
    top = max(counts.values(), default=0)
    return frozenset(t for t, n in counts.items() if n == top)
