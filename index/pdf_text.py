"""A PDF's lines read back as the article's paragraphs: the page's furniture dropped, wrapped lines joined.

A PDF keeps no paragraphs, only lines drawn at places. What a reader sees as the article is rebuilt from them:

- a running header or footer (the same line at the same height on most pages, page numbers aside), a page
  number, and a browser's print stamp ("2/12/21, 2:05 PM" over the page, the address and "1/3" under it)
  are page furniture, no part of the story, kept apart so the address can still name the article;
- a paragraph ends where the gap to the next line is wider than the text's line spacing, the type size
  changes (a headline), the next line is indented, or a stamp or byline stands on its own line
  (``index.own_lines.keeps_break``, as for wrapped text files);
- a word hyphenated across a line break is mended ("govern-" "ment"), unless the article writes that word
  with a hyphen elsewhere ("micro-blogging"), or what follows the hyphen is no lower-case word ("COVID-19").
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from index.hyphens import hyphenated_words, is_broken_word
from index.own_lines import address_line, keeps_break
from index.pdf_lines import Line

# A running header or footer is among a page's first or last three lines, and stands at the same height on two
# pages or more (a chapter's or a section's own header is on some of its pages only).
EDGE_LINES = 3
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"(?:page\s*)?[-–(]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?",
                          re.IGNORECASE)
_PAGE_COUNTER = re.compile(r"\s+\d{1,4}\s*(?:of|/)\s*\d{1,4}\s*\Z", re.IGNORECASE)
# A browser's print header opens with the moment the page was printed: "2/12/21, 2:05 PM", "12.02.21, 14:05".
_PRINTED_AT = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s+\d{1,2}:\d{2}\b")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*\Z")
_BROKEN_WORD = re.compile(r"([^\W\d_]+)-\Z")
_SOFT_HYPHEN = "\u00ad"
_BULLETS = ("•", "◦", "▪", "■", "●")
# A numbered paragraph's or a list item's mark before its text: "12.", "3.1", "(a)", "b)", "(iv)". A judgment, an
# order or a report sets its numbered paragraphs with a hanging indent: the number at the margin, the paragraph's
# next lines indented under its text, as a bullet's are.
_ITEM_NUMBER = re.compile(r"\(?(?:\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+|[a-z][.)]|[ivxlc]{1,6}[.)])\s",
                          re.IGNORECASE)


@dataclass(frozen=True)
class PdfText:
    """The article's paragraphs, and the furniture lines dropped from its pages (where an address may be)."""

    paragraphs: list[str]
    furniture: list[str]


def article_text(pages: Sequence[Sequence[Line]]) -> PdfText:
    """The paragraphs of a PDF whose pages hold ``pages``' lines (``index.pdf_lines.read_pages``)."""
    body, furniture = _without_furniture(pages)
    hyphenated = hyphenated_words(line.text for page in body for line in page)
    spacing = _line_spacing(body)
    paragraphs: list[str] = []
    current = ""
    previous: Line | None = None
    for page in body:
        for number, line in enumerate(page):
            if previous is not None and _breaks(previous, line, spacing, number == 0):
                paragraphs.append(current)
                current = ""
            current = _joined(current, line.text, hyphenated) if current else line.text
            previous = line
    if current:
        paragraphs.append(current)
    return PdfText(paragraphs, furniture)


def _shape(text: str) -> str:
    """A line with its numbers blanked: a running footer "Page 2 of 5" is "Page 3 of 5" on the next page."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _is_edge(index: int, count: int, lines: int = EDGE_LINES) -> bool:
    return index < lines or index >= count - lines


def _is_furniture_alone(index: int, line: Line, count: int) -> bool:
    """A page number, print stamp or printed address at a page's edge: furniture even on a page of its own."""
    if not _is_edge(index, count, 2):
        return False
    text = line.text
    return (_PAGE_NUMBER.fullmatch(text) is not None or _PRINTED_AT.match(text) is not None
            or (_PAGE_COUNTER.search(text) is not None and address_line(_PAGE_COUNTER.sub("", text)) is not None))


def _without_furniture(pages: Sequence[Sequence[Line]]) -> tuple[list[list[Line]], list[str]]:
    """Each page's lines without its furniture, and the furniture lines (each repeated one once)."""
    seen_on: dict[tuple[str, float | None], set[int]] = defaultdict(set)
    for number, page in enumerate(pages):
        for index, line in enumerate(page):
            if _is_edge(index, len(page)):
                seen_on[(_shape(line.text), line.y)].add(number)
    running = {key for key, found in seen_on.items() if len(found) >= 2}
    body: list[list[Line]] = []
    furniture: list[str] = []
    for page in pages:
        kept = []
        for index, line in enumerate(page):
            repeated = _is_edge(index, len(page)) and (_shape(line.text), line.y) in running
            if repeated or _is_furniture_alone(index, line, len(page)):
                if line.text not in furniture:
                    furniture.append(line.text)
            else:
                kept.append(line)
        body.append(kept)
    return body, furniture


def _line_spacing(pages: Sequence[Sequence[Line]]) -> float | None:
    """The usual distance from one line of a paragraph to the next, in multiples of its type size. Most
    pairs of lines are within a paragraph; the lower third is taken so that short paragraphs don't count."""
    ratios = [
        (a.y - b.y) / b.size
        for page in pages for a, b in itertools.pairwise(page)
        if a.y is not None and b.y is not None and b.size and 0 < a.y - b.y <= 3 * b.size
    ]
    return statistics.quantiles(ratios, n=3)[0] if len(ratios) >= 2 else (ratios[0] if ratios else None)


def _breaks(before: Line, after: Line, spacing: float | None, new_page: bool) -> bool:
    """Whether ``after`` starts a paragraph of its own."""
    if keeps_break(before.text, after.text) or after.text.startswith(_BULLETS):
        return True
    ends_sentence = _SENTENCE_END.search(before.text) is not None
    if new_page or before.y is None or after.y is None or not before.size or not after.size:
        return new_page and ends_sentence  # a paragraph runs on over a page break unless it ended there
    size = max(before.size, after.size)
    if abs(before.size - after.size) > 0.15 * size:
        return True  # a headline over the story, a caption under a photo
    drop = before.y - after.y
    if drop <= 0 or drop > 3 * size:
        return ends_sentence  # the next column, or past a picture: the paragraph goes on unless it ended
    if (before.x is not None and after.x is not None and after.x - before.x > 0.8 * size
            and not _opens_item(before.text)):
        return True  # an indented first line (a list item's next line is indented under its text)
    return spacing is not None and drop / after.size > spacing * 1.3


def _opens_item(text: str) -> bool:
    """Whether a line opens a list item or a numbered paragraph, whose next line may hang indented under its text:
    "12. The petitioner submits …" over "the orders were …" had been cut into two paragraphs mid-sentence, and each
    half quoted as a sentence."""
    return text.startswith(_BULLETS) or _ITEM_NUMBER.match(text) is not None


def _joined(paragraph: str, line: str, hyphenated: set[str]) -> str:
    """``paragraph`` followed by its next ``line``, a word broken over the line break mended."""
    if paragraph.endswith(_SOFT_HYPHEN):
        return paragraph[:-1] + line
    broken = _BROKEN_WORD.search(paragraph)
    if broken is None:
        dash = paragraph.endswith(("-", "–", "—")) and not paragraph.endswith((" -", " –", " —"))
        return paragraph + line if dash else f"{paragraph} {line}"  # "2020-" "21", "ministry—" "which"
    if not is_broken_word(broken.group(1), line, hyphenated):
        return paragraph + line  # "COVID-" "19", "Indo-" "Pacific", or the article writes it with a hyphen
    return paragraph[:-1] + line
