"""Sentence splitting and chunking with exact character offsets."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from index.own_lines import keeps_break

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A single line break after a line of ordinary length is wrapping (a wire copy or an e-mail at 72-80
# columns), not the end of a sentence; pysbd would end one there. A short line before it (a heading, a
# caption, an address) or a list item, quote, table row or heading after it keeps its break.
_SOFT_BREAK = re.compile(r"(?<=[^\n]{40})\r?\n(?![ \t]*(?:[-*+>|#]|\d+[.)])(?:\s|$))")
# Text wrapped at a fixed width has no line longer than this. A text with a longer line (a web page copied
# with a paragraph per line) is not wrapped anywhere, so each of its single line breaks is a real one: a
# headline over 40 characters was glued to the byline or first sentence after it.
WRAP_MAX = 150


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class ChunkSpec:
    """Chunking settings; they are recorded in the manifest because changing them changes every vector."""

    max_chars: int = 600
    overlap_sentences: int = 1

    def to_dict(self) -> dict[str, int]:
        return {"max_chars": self.max_chars, "overlap_sentences": self.overlap_sentences}


@dataclass(frozen=True)
class Chunk:
    """A window of consecutive sentences of one document.

    ``first_sentence``/``last_sentence`` index the document's sentence list (end exclusive), which lets
    answer selection work sentence by sentence inside a retrieved chunk.
    """

    doc_id: str
    start: int
    end: int
    text: str
    first_sentence: int
    last_sentence: int

    @property
    def content_hash(self) -> str:
        return text_hash(self.text)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def is_wrapped(text: str) -> bool:
    """Whether ``text`` may be wrapped at a fixed width (see ``WRAP_MAX``)."""
    return all(len(line) <= WRAP_MAX for line in text.splitlines())


def unwrap(text: str, wrapped: bool | None = None) -> str:
    """``text`` with its wrapping line breaks turned into spaces, keeping its length, so that every offset
    into the result is one into ``text``. ``wrapped``: whether the whole article may be wrapped (a part of
    it can't tell); by default judged on ``text``."""
    if not (is_wrapped(text) if wrapped is None else wrapped):
        return text
    return _SOFT_BREAK.sub(lambda m: m.group() if _stamp_break(text, m.start(), m.end()) else " " * len(m.group()),
                           text)


def _stamp_break(text: str, start: int, end: int) -> bool:
    """Whether the break at ``text[start:end]`` has a stamp line on either side: wire copy puts "Feb 12, 2021"
    under a headline of 40 characters or more, and the two were read as one sentence (and title)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return keeps_break(text[line_start:start], text[end : len(text) if line_end < 0 else line_end])


# pysbd's time grows with the square of a paragraph's length (98 KB: 6 s, 393 KB: 95 s, under the build lock):
# a long paragraph (a web page saved as one line) is read in windows of this many characters. Each window's
# last sentence may run on past it, so it is read again at the start of the next window.
PIECE_CHARS = 5000


def _located(part: str) -> list[tuple[int, int]]:
    """pysbd's sentences of ``part`` as (start, end) offsets into it. Located by searching forward from the
    last one: pysbd's own spans are right for plain text, but the search stays exact where it normalises."""
    out: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(part) if part.strip() else ():
        sentence = piece.sent.strip()
        if not sentence:
            continue
        found = part.find(sentence, cursor)
        if found < 0:
            found = piece.start
        out.append((found, found + len(sentence)))
        cursor = found + len(sentence)
    return out


def _paragraph_sentences(paragraph: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(paragraph):
        end = min(len(paragraph), start + PIECE_CHARS)
        found = _located(paragraph[start:end])
        following = end
        if end < len(paragraph) and len(found) > 1:
            found.pop()  # cut off by the window: read again, whole, at the start of the next one
            following = max(start + found[-1][1], start + 1)  # always onwards
        out += [(start + s, start + e) for s, e in found]
        start = following
    return out


def split_sentences(text: str) -> list[Span]:
    """Sentences as trimmed spans of ``text``.

    Paragraphs are split first because headings and captions ("Twitter vs India") carry no full stop
    and would otherwise be glued to the next sentence; pysbd then splits each paragraph.
    """
    spans: list[Span] = []
    para_start = 0
    bounds = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    bounds.append((len(text), len(text)))
    wrapped = is_wrapped(text)
    for gap_start, gap_end in bounds:
        paragraph = unwrap(text[para_start:gap_start], wrapped)
        for start, end in _paragraph_sentences(paragraph):
            span = _trim(text, para_start + start, para_start + end)
            if span is not None:
                spans.append(span)
        para_start = gap_end
    return spans


def chunk_sentences(doc_id: str, text: str, sentences: list[Span], spec: ChunkSpec) -> list[Chunk]:
    """Greedy windows of whole sentences up to ``max_chars``, overlapping by whole sentences."""
    chunks: list[Chunk] = []
    i = 0
    n = len(sentences)
    while i < n:
        j = i + 1
        while j < n and sentences[j].end - sentences[i].start <= spec.max_chars:
            j += 1
        start, end = sentences[i].start, sentences[j - 1].end
        chunks.append(Chunk(doc_id, start, end, text[start:end], i, j))
        if j >= n:
            break
        i = max(i + 1, j - spec.overlap_sentences)
    return chunks
