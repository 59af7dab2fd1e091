"""A PDF's text as lines with where each stands on its page, read by pypdf.

pypdf gives a page's text line by line in the order it was drawn (a column's lines before the next column's),
but a paragraph's end, a headline's larger type and a page's running header are visible only in where and
how large a line is drawn. Each line here keeps its baseline, left edge and type size, taken from pypdf's
text visitor, so that ``index.pdf_text`` can tell those apart. Everything a moderator can be told about a
PDF that can't be read (encrypted, damaged, too long) is said here, as ``PdfRefused``.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# A news article printed to PDF is a few pages; an e-paper edition some dozens. Reading a book-length PDF would
# hold the build thread for minutes (pypdf reads each page's drawing operators in Python).
MAX_PAGES = 60
# The page cap alone bounds nothing: sixty pages may all draw one content stream, and a 16 KB file whose stream
# inflates to 2 MB of text operators held the build thread 6.6 s a page. Pages' drawing instructions are
# weighed (inflating is fast) before any is read, and the text read is counted as it comes.
MAX_CONTENT_BYTES = 2_000_000  # a text page draws some tens of KB; 2 MB is some 15 s of reading here
MAX_TEXT_CHARS = 2_000_000  # twice the default largest article (MAX_ARTICLE_BYTES, 1 MB)

# pypdf names some ligatures by their own characters ("ﬁ" in "ﬁnancial"); a search for "financial" must find it.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})


class PdfRefused(ValueError):
    """Why a PDF can't be added, in the moderator's terms."""


@dataclass(frozen=True)
class Pages:
    """What a PDF holds for an article: each page's non-blank lines, and the title its metadata gives (as
    written: often a file name, "Microsoft Word - story.docx", which is no title)."""

    lines: list[list[Line]]
    title: str | None


@dataclass(frozen=True)
class Line:
    """One line of a page. ``y`` (points from the page's foot), ``x`` and ``size`` (the type's height in
    points) are None where pypdf drew the line without saying where."""

    text: str
    y: float | None = None
    x: float | None = None
    size: float | None = None


def _opened(data: bytes) -> Any:
    """pypdf's reader of ``data``, decrypted when it opens without a password (a PDF locked only against
    printing or copying is encrypted too, and its text is readable)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfRefused("the PDF is protected by a password; save it without one, or save the article as text")
        _ = len(reader.pages)  # where a damaged file's page tree fails
    except PdfRefused:
        raise
    except (DependencyError, FileNotDecryptedError, NotImplementedError) as exc:
        raise PdfRefused(f"the PDF is encrypted in a way that can't be opened here ({exc}); save it without "
                         "protection, or save the article as text") from exc
    except Exception as exc:  # pypdf meets a damaged file with whatever exception the damage causes
        log.warning("a PDF could not be opened: %r", exc)
        raise PdfRefused("the file could not be read as a PDF (is it damaged, or not a PDF?)") from exc
    return reader


def read_pages(data: bytes) -> Pages:
    """The lines of each page of the PDF ``data`` and its metadata title; ``PdfRefused`` when it can't be read.

    CPU-bound (pypdf parses in Python): call it from a worker thread, as the add does.
    """
    reader = _opened(data)
    count = len(reader.pages)
    if count > MAX_PAGES:
        raise PdfRefused(f"the PDF has {count} pages; an article has a few, and at most {MAX_PAGES} are read")
    _weigh(reader)
    pages = []
    read = [0]  # characters of text read so far, over every page
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(_lines_of(page, read))
        except PdfRefused:
            raise
        except Exception as exc:  # likewise, page by page
            log.warning("page %d of a PDF could not be read: %r", number, exc)
            raise PdfRefused(f"page {number} of the PDF could not be read (is the file damaged?)") from exc
    try:
        title = reader.metadata.title if reader.metadata is not None else None
    except Exception:  # a damaged information dictionary costs the title, not the article
        title = None
    return Pages(pages, " ".join(str(title).split()) or None if title is not None else None)


def _weigh(reader: Any) -> None:
    """``PdfRefused`` when the pages' drawing instructions, inflated, weigh more than an article's could."""
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            contents = page.get_contents()
            total += len(contents.get_data()) if contents is not None else 0
        except Exception as exc:  # as in read_pages: a damaged page is said to be one
            log.warning("page %d of a PDF could not be read: %r", number, exc)
            raise PdfRefused(f"page {number} of the PDF could not be read (is the file damaged?)") from exc
        if total > MAX_CONTENT_BYTES:
            raise PdfRefused(f"the PDF's pages hold over {MAX_CONTENT_BYTES // 1_000_000} MB of drawing "
                             "instructions, far more than an article's; save the story's own pages, or the "
                             "article as text")


def _lines_of(page: Any, read: list[int]) -> list[Line]:
    """A page's lines as pypdf's plain text gives them, each placed where its first piece of text is drawn.
    ``read``: the characters read from earlier pages, counted on; past ``MAX_TEXT_CHARS`` reading stops."""
    from pypdf import mult

    pieces: list[tuple[str, Sequence[float], float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text:
            read[0] += len(text)
            if read[0] > MAX_TEXT_CHARS:  # raised inside pypdf's reading, which it ends
                raise PdfRefused(f"the PDF holds over {MAX_TEXT_CHARS:,} characters of text, far more than an "
                                 "article; save the story's own pages, or the article as text")
            pieces.append((text, mult(tm, cm), size))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    current: list[str] = []
    where: tuple[float, float, float] | None = None
    for text, matrix, size in pieces:
        for i, part in enumerate(text.split("\n")):
            if i:  # a line ends here
                lines.append(_line("".join(current), where))
                current, where = [], None
            if part.strip() and i == 0 and where is None and not any(p.strip() for p in current):
                scale = math.hypot(matrix[2], matrix[3]) or 1.0
                where = (float(matrix[5]), float(matrix[4]), abs(size * scale))
            current.append(part)
    lines.append(_line("".join(current), where))
    return [line for line in lines if line.text]


def _line(text: str, where: tuple[float, float, float] | None) -> Line:
    cleaned = " ".join(text.translate(_LIGATURES).split())
    if where is None:
        return Line(cleaned)
    y, x, size = where
    return Line(cleaned, round(y, 1), round(x, 1), round(size, 1) if size else None)
