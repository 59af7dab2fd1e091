"""How long a sentence must be to be quoted as an answer: the one rule for the answer layer
(``retrieval.answer_like``) and for an added article, which must hold such a sentence (``index.documents``).

A statement needs ``MIN_WORDS`` words to say a fact; one giving a figure says it in fewer: "The order covered 430
accounts." (a correction's right figure, ``index.corrections``) was the best-scored sentence for "how many accounts
did the order cover" and could not answer, so the answer quoted another article's figure.
"""

from __future__ import annotations

import re

MIN_WORDS = 6
MIN_FIGURE_WORDS = 4
_FIGURE = re.compile(r"\d")


def long_enough(sentence: str) -> bool:
    """Whether ``sentence`` (stripped) has the words to be quoted as an answer."""
    return len(sentence.split()) >= (MIN_FIGURE_WORDS if _FIGURE.search(sentence) else MIN_WORDS)
