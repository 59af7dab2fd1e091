"""An article file's bytes as text: UTF-8, or the legacy encoding a Windows editor saved it in.

A moderator on Windows who saves a story from Notepad or Word as "ANSI" writes Windows-1252: curly quotes
and "é" are single bytes that are no UTF-8, and such a file was refused. A file that is not UTF-8 is read in
the encoding charset-normalizer detects, but only when the detection is confident (the decoded text is
orderly and reads as a language) and the result is text (no control characters); anything else, a binary
file above all, is still refused, with what to do. An accepted file is stored in the corpus as UTF-8
(``utf8_bytes``), so the corpus folder holds UTF-8 only and a build never has to guess again.

UTF-16 saved without a byte-order mark (PowerShell's and some exporters' "Unicode" without a signature) is read
as what it is: its English text is every other byte NUL, which is valid UTF-8, so it was taken as UTF-8 and
refused as "binary file (contains NUL bytes)", a text file called binary with nothing said of how to fix it.
"""

from __future__ import annotations

import logging
import re

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

# charset-normalizer's "chaos" (0: orderly text, 1: noise) above which a decoding is no text, and the least
# "coherence" (how well the letters fit a language it knows) that makes it confident which encoding it is.
MAX_CHAOS = 0.1
MIN_COHERENCE = 0.05
# Several encodings read many files identically (cp1250 and cp1252 for English with curly quotes), and
# others nearly as well: a Latin-1 "Niño … déjà" scored as orderly in cp1257 (chaos 0.0) as in cp1252 (0.011),
# and read "Nińo … déją" in it. Among the readings this close to the best, the one a Windows editor most
# likely wrote is taken: the articles are English, and Windows-1252 (Latin-1's superset) is the legacy
# encoding English text is saved in.
_PREFERRED = ("cp1252", "utf_16", "utf_32")
CHAOS_TOLERANCE = 0.02
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


# A NUL in at least this share of one byte position of the pairs, and in at most the other share of the other:
# UTF-16 text (little-endian: the high bytes, which are NUL for Latin letters), not a binary file.
_UTF16_NULS = 0.9
_UTF16_OTHER = 0.05


class NotText(ValueError):
    """The bytes are no text the bot can read; the message says so in a moderator's terms."""


_SAVE_AS_TEXT = "save the story as plain text (.txt) or as PDF and add that"
_NO_TEXT = "it has no text to quote; add the story's text, its PDF or its web address"
# What a file that is no text usually is, by its first bytes: a moderator renames "story.docx" to "story.txt",
# or attaches a screenshot under a .txt name. Each was refused as "not UTF-8 text (invalid start byte at byte
# 10)", which names nothing the moderator can act on; a Rich Text file is text and was added, its "{\\rtf1"
# control words the article's title and part of every quote.
_KINDS: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF", "add it with its .pdf name, and its text is read from it"),
    (b"{\\rtf", "a Rich Text (.rtf) document", _SAVE_AS_TEXT),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an older Word or Office document (.doc)", _SAVE_AS_TEXT),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _NO_TEXT),
    (b"\xff\xd8\xff", "a JPEG image", _NO_TEXT),
    (b"GIF8", "a GIF image", _NO_TEXT),
    (b"II*\x00", "a TIFF image", _NO_TEXT),
    (b"MM\x00*", "a TIFF image", _NO_TEXT),
)
# Office files are ZIP archives; what is inside names the program.
_ZIPPED = ((b"word/", "a Word document (.docx)"), (b"opendocument.text", "an OpenDocument text (.odt)"),
           (b"ppt/", "a PowerPoint file (.pptx)"), (b"xl/", "an Excel file (.xlsx)"))


def file_kind(data: bytes) -> str | None:
    """Why ``data`` is no article's text when its first bytes name what it is (a Word document, a PDF, an
    image), in one line that says what to do; None for anything else."""
    head = data[:16]
    for magic, kind, advice in _KINDS:
        if head.startswith(magic):
            return f"{kind}, not text: {advice}"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1") or (head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        return f"an image, not text: {_NO_TEXT}"
    if head.startswith(b"PK\x03\x04"):
        kind = next((name for marker, name in _ZIPPED if marker in data[:65536]), "a ZIP archive")
        return f"{kind}, not text: {_SAVE_AS_TEXT}"
    return None


def decode_article(data: bytes) -> str:
    """``data`` as text: UTF-8 as it is (a byte-order mark, if any, is left for the parser to skip), else
    the confidently detected encoding; ``NotText`` otherwise, naming what the file is when its first bytes
    say (``file_kind``)."""
    if (kind := file_kind(data)) is not None:
        raise NotText(kind)
    if (text := _bomless_utf16(data)) is not None:
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
    results = from_bytes(data)
    best = results.best()
    if best is not None:
        close = [m for m in results if m.chaos <= min(MAX_CHAOS, best.chaos + CHAOS_TOLERANCE)
                 and m.coherence >= MIN_COHERENCE]
        best = next((m for name in _PREFERRED for m in close if name in m.could_be_from_charset), best)
    text = str(best) if best is not None else ""
    if (best is None or best.chaos > MAX_CHAOS or best.coherence < MIN_COHERENCE or not text.strip()
            or _CONTROL.search(text)):
        raise NotText(f"not UTF-8 text ({utf8_error}), nor text in another encoding that could be told with "
                      "confidence: save it as UTF-8 (plain text)")
    named = next((name for name in _PREFERRED if name in best.could_be_from_charset), best.encoding)
    log.info("read a file that is not UTF-8 as %s", named)
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """``data`` as UTF-16 without a byte-order mark when one byte of nearly every pair is NUL and the other
    almost never is, and it decodes to text; None otherwise (a file with a mark is read by the detection)."""
    if len(data) < 4 or len(data) % 2 or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None
    pairs = len(data) // 2
    even, odd = data[0::2].count(0) / pairs, data[1::2].count(0) / pairs
    encoding = ("utf-16-le" if odd >= _UTF16_NULS and even <= _UTF16_OTHER
                else "utf-16-be" if even >= _UTF16_NULS and odd <= _UTF16_OTHER else None)
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text) or not text.strip():
        return None
    log.info("read a file that is not UTF-8 as %s without a byte-order mark", encoding)
    return text


def utf8_bytes(data: bytes) -> bytes:
    """``data`` as the corpus stores it: UTF-8 unchanged, text in another encoding re-encoded (with no
    byte-order mark); ``NotText`` for what ``decode_article`` refuses."""
    if (text := _bomless_utf16(data)) is not None:  # valid UTF-8 too, NULs and all
        return text.encode("utf-8")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_article(data).encode("utf-8")
    return data
