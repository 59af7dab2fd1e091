"""Finding pull quotes reads, for each one-sentence paragraph, only the paragraphs that share its words, not all."""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

from index.chunking import Span
from index.pull_quotes import without_pull_quotes


def _paragraphs(count: int) -> tuple[str, list[Span]]:
    """``count`` one-sentence paragraphs of different words, as a news story of short paragraphs is written."""
    text, spans = "", []
    for n in range(count):
        sentence = f"Officials in district {n} counted item{n} complaints about roads{n} and water{n} on day{n}."
        spans.append(Span(len(text), len(text) + len(sentence)))
        text += sentence + "\n\n"
    return text, spans


def test_one_sentence_paragraphs_are_not_each_compared_with_every_other() -> None:
    """Each was looked for in every other paragraph: the square of the article's length (8,000 paragraphs, 64
    million comparisons). Counted as the calls of ``len`` it makes, which were one per pair of paragraphs."""
    text, spans = _paragraphs(400)
    calls = 0

    def count(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "c_call" and arg is len:
            calls += 1

    sys.setprofile(count)
    try:
        kept = without_pull_quotes(text, spans)
    finally:
        sys.setprofile(None)
    assert kept == spans
    assert calls < 10 * len(spans)  # was 320,020
    # and a repeat among them is still found
    quote = "Officials in district 7 counted item7 complaints"
    text += f"\u201c{quote}\u201d\n\n"
    spans.append(Span(len(text) - len(quote) - 4, len(text) - 2))
    assert without_pull_quotes(text, spans) == spans[:-1]
