"""Sentence splitting locates pysbd's sentences without compiling a regex per sentence, and finds the same spans."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pysbd
import pysbd.segmenter
import pytest

from index.chunking import split_sentences
from index.sentence_spans import Segmenter


def test_a_long_paragraph_compiles_no_regex_per_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """pysbd searched for each sentence with a regex of its own: a 1 MB article spent 9 of its 20 s of splitting
    compiling them (and evicting every other cached regex)."""
    searches: list[str] = []

    def finditer(pattern: str, text: str, *args: Any) -> Any:
        searches.append(pattern)
        return re.finditer(pattern, text, *args)

    monkeypatch.setattr(pysbd.segmenter, "re", SimpleNamespace(**{**vars(re), "finditer": finditer}))
    paragraph = " ".join(f"Officials counted {n} complaints on day {n}." for n in range(200))
    assert len(split_sentences(paragraph)) == 200
    assert searches == []


@pytest.mark.parametrize("text", [
    "Koo grew fast. Koo grew fast. Koo grew fast.",  # the same sentence again: each is the next one along
    "It said so.   \n  Then it didn't.\u00a0\u00a0 The end.\t",  # the whitespace after each is its own
    "Mr. Smith went to Washington, D.C. on Feb. 3. He met Dr. Rao there. \u201cNo.\u201d He left.",
    "(a) First item. (b) Second item... (c) Third?! Yes.",
    "",
])
def test_the_spans_are_pysbds_own(text: str) -> None:
    ours = Segmenter(language="en", clean=False, char_span=True).segment(text)
    theirs = pysbd.Segmenter(language="en", clean=False, char_span=True).segment(text)
    assert [(s.sent, s.start, s.end) for s in ours] == [(s.sent, s.start, s.end) for s in theirs]
