"""A page break as a PDF copied as text keeps it: the page's number ("Page 1 of 2") with the running header or
footer beside it ("QUINTARA MEDIA DIGEST - NOVEMBER 2025"), between blank lines, often in the middle of a
sentence. Left in, the header was a sentence that could be quoted, and the sentence the page cut was two: "In
April the regulator fined it" and "1.2 million crowns for …", neither an answer to "how much was it fined in
April". ``joined_pages`` takes the break out and joins the two halves of a cut paragraph again."""

from __future__ import annotations

import re

from index.chunking import WRAPPED_LINE_MIN

# A page's number alone on its line: "Page 2 of 3", "Page 2", "2 of 3", "Page 2/3", "- 2 -". A bare "2" may number
# a list's item or a table's row, and is none.
PAGE_MARK = re.compile(r"\s*(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s+of\s+\d{1,4}"
                       r"|[-–—]\s*\d{1,4}\s*[-–—])\s*", re.IGNORECASE)
# A running header or footer beside the page's number: a short line that ends no sentence. A wrapped line of a
# paragraph is longer; a paragraph's short last line ends its sentence.
_RUNNING_CHARS = 60
_RUNNING_LINES = 2  # each side of the number
_ENDS_SENTENCE = re.compile(r"[.!?…:;]['\"’”)\]]*\s*$")


def _running(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= _RUNNING_CHARS and not _ENDS_SENTENCE.search(stripped)


def _break_lines(lines: list[str], mark: int) -> tuple[int, int]:
    """The lines ``lo`` to ``hi`` (inclusive) of the page break around the page number on line ``mark``: the
    running header and footer lines next to it, with no blank line between. A break is between two pages' text:
    at the article's head or foot a short line beside the number is its headline ("Page 1" under it) or its
    last line, and stays."""
    lo = hi = mark
    while lo - 1 >= 0 and mark - (lo - 1) <= _RUNNING_LINES and _running(lines[lo - 1]):
        lo -= 1
    while hi + 1 < len(lines) and (hi + 1) - mark <= _RUNNING_LINES and _running(lines[hi + 1]):
        hi += 1
    if not any(line.strip() for line in lines[:lo]):
        lo = mark
    if not any(line.strip() for line in lines[hi + 1:]):
        hi = mark
    return lo, hi


def joined_pages(text: str) -> str:
    """``text`` without its page breaks (``_break_lines``); where the line before a break is a wrapped line that
    ends no sentence, the paragraph goes on after it, and the two halves are joined by one line break, as a
    wrapped paragraph's lines are. Any other break leaves a paragraph break: a page may end with a paragraph."""
    lines = text.split("\n")
    marks = [n for n, line in enumerate(lines) if PAGE_MARK.fullmatch(line)]
    if not marks:
        return text
    out: list[str] = []
    last = 0
    for mark in marks:
        lo, hi = _break_lines(lines, mark)
        if lo < last:  # within a break already taken out
            continue
        out += lines[last:lo]
        while out and not out[-1].strip():
            out.pop()
        last = hi + 1
        while last < len(lines) and not lines[last].strip():
            last += 1
        if not out or last >= len(lines):
            continue
        before = out[-1].rstrip()
        if not (len(before.strip()) >= WRAPPED_LINE_MIN and not _ENDS_SENTENCE.search(before)):
            out.append("")  # the page ended with a paragraph
    out += lines[last:]
    return "\n".join(out)
