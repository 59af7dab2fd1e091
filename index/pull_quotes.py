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
    repeats = set()
    for n, span in alone.items():
        words = _words(text[span.start:span.end])
        longer = (other for k, other in said.items() if k != n and len(other) > len(words))
        if len(words.split()) >= _MIN_WORDS and any(words in other for other in longer):
            repeats.add(span)
    return [span for span in spans if span not in repeats]
