"""Article bytes in a legacy encoding are read as the words their writer saw."""

from __future__ import annotations

import re

import pytest

from index.text_decoding import NotText, decode_article

SPANISH = ("El niño José Peña dijo que la compañía española había bloqueado las cuentas después de la orden del "
           "ministerio, según el periódico. ") * 3
FRENCH = "Le ministère a déclaré que la société française devait se conformer à l'ordonnance, a-t-il ajouté. " * 3


@pytest.mark.parametrize(("text", "encoding"), [
    (SPANISH, "latin-1"), (SPANISH, "cp1252"), (FRENCH, "latin-1"), (FRENCH, "cp1252"),
])
def test_a_legacy_encoding_reads_as_written(text: str, encoding: str) -> None:
    """A Latin-1 "Niño … Peña" scored as well in cp1257 (Baltic) and was stored as "Nińo … Peńa"."""
    assert decode_article(text.encode(encoding)) == text


def _zipped(member: str) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<document>The ministry wrote to the company again.</document>")
    return out.getvalue()


@pytest.mark.parametrize(("data", "kind"), [
    (_zipped("word/document.xml"), "a Word document (.docx), not text: save the story as plain text"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF, not text: add it with its .pdf name"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image, not text"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image, not text"),
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 The ministry wrote to the company again.\\par}",
     "a Rich Text (.rtf) document, not text"),
])
def test_a_document_or_image_under_a_text_name_is_refused_naming_what_it_is(data: bytes, kind: str) -> None:
    """A .docx or a screenshot renamed .txt was refused as "not UTF-8 text (invalid start byte at byte 10)", and a
    Rich Text file, which is text, was added with "{\\rtf1\\ansi" as its title and inside its quotes."""
    with pytest.raises(NotText, match=re.escape(kind)):
        decode_article(data)
