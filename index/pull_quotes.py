"""A pull quote is no sentence of its own: its words are the story's, printed again to catch the eye.

An opinion piece or a feature sets a line of its own text apart in large type, often in quote marks ("“A regulator
that acts without warning loses the trust it needs to act at all.”"), and a page copied as text keeps it as a
paragraph. Read as a sentence, it was quoted without the paragraph around it and counted as a second source of the
same words. A paragraph that is one sentence, whose words (six or more) stand in the same order inside another
(longer) paragraph of the article, is such a repeat and left out; the story's own sentence is quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from index.mention_dates import paragraph_at, paragraph_of

if TYPE_CHECKING:
    from index.chunking import Span

# A blank line of spaces or tabs only (``mention_dates.PARAGRAPH_BREAK`` takes any white space).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MIN_WORDS = 6


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


def without_pull_quotes(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans``, the sentences of ``text``, without those that are a pull quote (see the module)."""
    starts = paragraph_of(text, _PARAGRAPH_BREAK)
    paragraphs: dict[int, list[Span]] = {}
    for span in spans:
        paragraphs.setdefault(paragraph_at(starts, span.start), []).append(span)
    alone = {n: group[0] for n, group in paragraphs.items() if len(group) == 1}
    if not alone:
        return list(spans)
    said = {n: _words(" ".join(text[s.start:s.end] for s in group)) for n, group in paragraphs.items()}
    holding = _pairs_index(said)
    repeats = set()
    for n, span in alone.items():
        words = _words(text[span.start:span.end])
        split = words.split()
        if len(split) < _MIN_WORDS:
            continue
        # Only paragraphs holding the rarest of its word pairs can hold all its words in order.
        candidates = min((holding[pair] for pair in pairwise(split)), key=len)
        if any(k != n and len(said[k]) > len(words) and words in said[k] for k in candidates):
            repeats.add(span)
    return [span for span in spans if span not in repeats]


def _pairs_index(said: dict[int, str]) -> dict[tuple[str, str], set[int]]:
    """The paragraphs holding each pair of adjacent words. Each one-sentence paragraph was looked for in every
    other paragraph: an article of one-sentence paragraphs, as news often is, took the square of its length."""
    holding: dict[tuple[str, str], set[int]] = {}
    for n, words in said.items():
        for pair in pairwise(words.split()):
            holding.setdefault(pair, set()).add(n)
    return holding
