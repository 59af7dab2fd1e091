"""Sentence splitting and chunking with exact character offsets."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from index.abbreviations import joined_citations
from index.item_numbers import without_item_number
from index.note_marks import without_note_marks
from index.own_lines import keeps_break
from index.scripts import at_dandas
from index.sentence_spans import Segmenter
from index.tables import table_spans
from index.time_codes import without_time_code
from index.turn_labels import without_answer_label

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# The shortest line whose break ``_SOFT_BREAK`` may take for wrapping: a wrapped line is at least this long
# (``index.hyphens`` and ``index.page_breaks`` tell a wrapped line by it too).
WRAPPED_LINE_MIN = 40
# A single line break after a line of ordinary length is wrapping (a wire copy or an e-mail at 72-80
# columns), not the end of a sentence; pysbd would end one there. A short line before it (a heading, a
# caption, an address) or a list item, quote, table row or heading after it keeps its break.
_SOFT_BREAK = re.compile(rf"(?<=[^\n]{{{WRAPPED_LINE_MIN}}})\r?\n(?![ \t]*(?:[-*+>|#]|\d+[.)])(?:\s|$))")
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
def _segmenter() -> Segmenter:
    return Segmenter(language="en", clean=False, char_span=True)


def _trim(text: str, start: int, end: int) -> Span | None:
    """The sentence at ``start:end`` without the spaces around it, nor a note's mark at either end
    (``index.note_marks``), nor a transcript's time code opening it (``index.time_codes``), nor a numbered
    paragraph's or a thread post's number opening its line (``index.item_numbers``), nor an interview's "A:" label
    (``index.turn_labels``); None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    start, end = without_note_marks(text, start, end)
    start = without_time_code(text, start, end)
    start = without_item_number(text, start, end)
    start = without_answer_label(text, start, end)
    return Span(start, end) if end > start else None


def is_wrapped(text: str) -> bool:
    """Whether ``text`` may be wrapped at a fixed width (see ``WRAP_MAX``)."""
    return all(len(line) <= WRAP_MAX for line in text.splitlines())


def unwrap(text: str, wrapped: bool | None = None, width: WrapWidth | None = None) -> str:
    """``text`` with its wrapping line breaks turned into spaces, keeping its length, so that every offset
    into the result is one into ``text``. ``wrapped``: whether the whole article may be wrapped, and ``width``
    the width it is wrapped at (``wrap_width``; a part of it can't tell); by default judged on ``text``."""
    if not (is_wrapped(text) if wrapped is None else wrapped):
        return text
    width = wrap_width(text) if wrapped is None else width
    return _SOFT_BREAK.sub(lambda m: m.group() if _kept_break(text, m.start(), m.end(), width)
                           else " " * len(m.group()), text)


_WIDTH_LINES = 3  # fewer long lines than this show no width


@dataclass(frozen=True)
class WrapWidth:
    """How wide a text is wrapped, as its lines show it (``wrap_width``): ``usual``, the upper quartile of its long
    lines' lengths, which most lines of a wrapped paragraph run close to (the last line of a paragraph, a headline,
    a line left short by a long next word run shorter); ``full``, its longest line. Neither is wider than any line
    and next word the wrapper did not fit (a sentence running on in lower case): PDF text in proportional type is
    no fixed number of characters wide."""

    usual: int
    full: int


def wrap_width(text: str) -> WrapWidth | None:
    """The width ``text`` is wrapped at (``WrapWidth``); None when too few of its lines say."""
    lines = [line.rstrip() for line in text.splitlines()]
    lengths = sorted(len(line) for line in lines if len(line.strip()) >= WRAPPED_LINE_MIN)
    if len(lengths) < _WIDTH_LINES:
        return None
    not_fitted = [len(line) + len(after.split()[0]) for line, after in pairwise(lines)
                  if len(line.strip()) >= WRAPPED_LINE_MIN and after.strip()[:1].islower()]
    room = min(not_fitted, default=lengths[-1])
    return WrapWidth(min(lengths[(3 * (len(lengths) - 1)) // 4], room), min(lengths[-1], room))


def _kept_break(text: str, start: int, end: int, width: WrapWidth | None) -> bool:
    """Whether the break at ``text[start:end]``, after a line long enough to be wrapped, is a real one: a stamp
    line, byline or the like on either side (``keeps_break``), or a headline over the paragraph it titles
    (``is_headline``)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before, after = text[line_start:start], text[end : len(text) if line_end < 0 else line_end]
    if keeps_break(before, after):
        return True
    previous = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : max(line_start - 1, 0)]
    return is_headline(before, after, previous, width)


_ENDS_CLAUSE = re.compile(r"[.!?…,;:\-–—]['\"’”)\]]*$")
_OPENS_SENTENCE = re.compile(r"[\"'“‘(]?[A-Z0-9]")
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "over",
                          "the", "to", "vs", "with"})
_TITLE_CASE_SHARE = 0.7


def is_headline(line: str, after: str, previous: str, width: WrapWidth | None) -> bool:
    """Whether ``line`` of wrapped text is a headline over the paragraph that opens on ``after`` rather than the
    first line of a paragraph wrapped onto it. A headline of 40 or more characters was read into the first sentence
    under it (titled "headline + first sentence", and the sentence quoted with the headline before it).

    A headline opens its block (nothing, a blank line or a finished sentence above it), ends no sentence or clause,
    and the paragraph under it begins one; and it is short of the text's wrap ``width``: the first word of ``after``
    would have fitted on it, where a wrapper would have put it. Its usual width, taken short; the full width for a
    headline in title case ("Twitter Restores Most Accounts After …"), as prose is seldom mostly capitalised."""
    line, after, previous = line.strip(), after.strip(), previous.strip()
    if (_ENDS_CLAUSE.search(line) or not _OPENS_SENTENCE.match(line) or not _OPENS_SENTENCE.match(after)
            or (previous and len(previous) >= WRAPPED_LINE_MIN and not _ENDS_CLAUSE.search(previous))):
        return False
    if width is None:
        return False
    return len(line) + 1 + len(after.split()[0]) <= (width.full if _title_case(line) else width.usual)


def _title_case(line: str) -> bool:
    """Whether most of ``line``'s words, but its small joining words, are capitalised."""
    words = [word for word in line.split() if any(ch.isalpha() for ch in word)]
    counted = [word for word in words if word.lower() not in _SMALL_WORDS]
    capitalised = sum(word.lstrip("\"'“‘(")[:1].isupper() for word in counted)
    return len(words) >= 3 and bool(counted) and capitalised >= _TITLE_CASE_SHARE * len(counted)


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
        out += at_dandas(part, found, found + len(sentence))  # a Hindi sentence ends at its danda
        cursor = found + len(sentence)
    return joined_citations(part, out)  # "under s. 12(3) of the act" is one sentence


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


def _whole_tables(sentences: list[tuple[int, int]], tables: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``sentences`` of a paragraph with what lies in one of its ``tables`` read as one sentence, the table; a
    sentence running into a table from its caption ends where the table begins."""
    for first, last in tables:
        outside = [s for s in sentences if s[1] <= first or last <= s[0]]
        cut = [(start, end) for s in sentences if not (s[1] <= first or last <= s[0])
               for start, end in ((s[0], first), (last, s[1])) if end > start]
        sentences = sorted([*outside, *cut, (first, last)])
    return sentences


def split_sentences(text: str) -> list[Span]:
    """Sentences as trimmed spans of ``text``.

    Paragraphs are split first because headings and captions ("Twitter vs India") carry no full stop
    and would otherwise be glued to the next sentence; pysbd then splits each paragraph. A small table pasted
    as text is one sentence (``index.tables``).
    """
    spans: list[Span] = []
    para_start = 0
    bounds = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    bounds.append((len(text), len(text)))
    wrapped = is_wrapped(text)
    width = wrap_width(text) if wrapped else None
    for gap_start, gap_end in bounds:
        paragraph = unwrap(text[para_start:gap_start], wrapped, width)
        for start, end in _whole_tables(_paragraph_sentences(paragraph), table_spans(text[para_start:gap_start])):
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
