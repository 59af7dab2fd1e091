"""Real PDFs for the tests, written by fpdf2 as a newspaper's "print to PDF" would lay them out.

The article runs over two pages under a running header ("The Example Ledger | Technology") with a footer
page number ("Page 1 of 2"); its headline is wrapped over two lines in larger type, a stamp line dates it, a
word is hyphenated across a line break ("govern-" "ment"), another keeps its own hyphen ("micro-blogging"),
and a paragraph runs on from the first page to the second. Each line is placed by hand, as a PDF holds it.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime

from fpdf import FPDF

HEADLINE = ("Ministry and Twitter hold a second round", "of talks on blocking orders")
STAMP = "Updated: Feb 12, 2021 14:05 IST"
PAGE_ONE = (
    ("Officials of the Ministry of Electronics and Information Technology met Twitter",
     "executives in New Delhi on Friday, and the govern-",
     "ment said 517 accounts were still visible in India after the blocking orders."),
    ("The micro-blogging platform said it had acted on most of the accounts named in",
     "the orders and would keep talking to officials about the remaining ones, which"),
)
PAGE_TWO = (
    ("it said belonged to news outlets, journalists and politicians.",),
    ("Both sides agreed to meet again next week, according to people familiar with",
     "the talks, and the ministry said its orders were not negotiable."),
)
# When the file was written: nothing to do with when the story was published.
CREATED = datetime(2023, 5, 5, tzinfo=UTC)


class _Newspaper(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, "The Example Ledger | Technology", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def _paragraphs(pdf: FPDF, paragraphs: tuple[tuple[str, ...], ...]) -> None:
    pdf.set_font("Helvetica", size=11)
    for lines in paragraphs:
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)


def article_pdf(title: str | None = "Microsoft Word - talks.docx", stamp: str | None = STAMP,
                owner_password: str | None = None, user_password: str | None = None) -> bytes:
    """The two-page article. ``title``: the PDF's metadata title (a word processor's placeholder by default)."""
    pdf = _Newspaper()
    if title is not None:
        pdf.set_title(title)
    pdf.set_creation_date(CREATED)
    if owner_password is not None:
        pdf.set_encryption(owner_password, user_password)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    for line in HEADLINE:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    if stamp is not None:
        pdf.set_font("Helvetica", size=10)
        pdf.cell(0, 6, stamp, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    _paragraphs(pdf, PAGE_ONE)
    pdf.add_page()
    _paragraphs(pdf, PAGE_TWO)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A page that is only a picture (a scan), and an empty one: no text layer at all."""
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 260), "white"), x=10, y=10, w=180)
    pdf.add_page()
    return bytes(pdf.output())


def paragraphs_pdf(paragraphs: tuple[tuple[str, ...], ...]) -> bytes:
    """One page of ``paragraphs``, each its lines (a rule drawn as "---" may be one)."""
    pdf = FPDF()
    pdf.add_page()
    _paragraphs(pdf, paragraphs)
    return bytes(pdf.output())


def one_stream_on_every_page(pages: int, inflated_bytes: int) -> bytes:
    """A small PDF whose ``pages`` pages all draw one content stream that inflates to ``inflated_bytes`` of
    text operators: a few KB on disk, minutes of reading for a PDF reader that reads every page."""
    line = b"BT /F1 12 Tf 72 700 Td (The government said the accounts were blocked today.) Tj ET\n"
    content = zlib.compress(line * (inflated_bytes // len(line)), 9)
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(pages).encode() + b" >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Filter /FlateDecode /Length " + str(len(content)).encode() + b" >>\nstream\n" + content
               + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents 4 0 R >>"] * pages
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
