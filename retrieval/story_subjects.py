"""The story's own main subjects: the names most of its articles share, read from the index.

"what happened with twitter and india?", "twitter india fight explain pls" ask for the story as a whole in the
words of its sides; searched, they were declined ("the articles never use the word “fight”"), as no one sentence
tells a whole story. Which names are the story's sides is read from the articles, never listed: a name most
articles write (three in four) and write often (a fifth as often as the most named), so another corpus about
another story has its own. A name only some articles write ("Koo", an app one report brings up) is a topic of
the story, asked about as such.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from retrieval.name_spans import Mention

SHARED_BY = 0.75  # of the articles that write the name
AS_OFTEN = 0.2  # of the most written name's count
_WORD = re.compile(r"[^\W\d_]{3,}")
_JOINS = frozenset({"and", "the", "for", "von", "van"})


def subject_words(named: Iterable[tuple[int, list[Mention]]], articles: int) -> frozenset[str]:
    """The words (lower case) of the names at least ``SHARED_BY`` of ``articles`` write, each written at least
    ``AS_OFTEN`` as often as the most written; ``named``: each sentence's article row and its names."""
    seen_in: dict[str, set[int]] = {}
    written: Counter[str] = Counter()
    for doc_row, mentions in named:
        for mention in mentions:
            if mention.law or mention.section:
                continue
            for word in _WORD.findall(mention.name.casefold()):
                if word not in _JOINS:
                    seen_in.setdefault(word, set()).add(doc_row)
                    written[word] += 1
    if not written or articles < 1:
        return frozenset()
    shared = max(1, math.ceil(SHARED_BY * articles))
    often = AS_OFTEN * max(written.values())
    return frozenset(w for w, docs in seen_in.items() if len(docs) >= shared and written[w] >= often)


def names_subject(word: str, subjects: frozenset[str]) -> bool:
    """Whether a word of a message names one of ``subjects``, as chat writes it: "india" for the articles'
    "Indian", "twitter's" for "Twitter" (a form a letter or two longer or shorter, of four letters or more)."""
    word = word.casefold().removesuffix("'s").removesuffix("’s")
    if word in subjects:
        return True
    return len(word) >= 4 and any(
        len(s) >= 4 and abs(len(s) - len(word)) <= 2 and (s.startswith(word) or word.startswith(s)) for s in subjects)
