"""A PDF a moderator adds ("print to PDF", an e-paper page), turned once into a Markdown article.

The corpus holds only ``.txt``/``.md``: a PDF is read on add (``index.pdf_lines``, ``index.pdf_text``) and
stored as ``<its name>.md`` with front matter, as a saved web page is stored after its story is extracted, so
every build after reads it like a hand-written article and never opens the PDF again. Its metadata is read the
way a ``.txt`` article's is (``index.documents.parse_article``): the title from its first line unless the PDF
names a real one, the date from a ``date YYYY-MM-DD`` header or a stamp line under the headline. The PDF's
creation date is when the file was made (printed, exported), not when the story was published, and is never
used; an article with no date of its own is dated as an undated text file is, by the build's estimate.
"""

from __future__ import annotations

import re
from pathlib import Path

from index.documents import parse_article
from index.markdown_text import article_markdown
from index.pdf_lines import PdfRefused, read_pages
from index.pdf_text import article_text
from index.stamps import web_address
from index.web_article import MIN_ARTICLE_WORDS

PDF_SUFFIX = ".pdf"
NO_TEXT = "the PDF has no text layer (a scan?); save the page as text or give its web address"
_ADDRESS = re.compile(r"https?://[^\s<>\"]+")
_RULE = re.compile(r"[-+_=*~.\s]*")  # a line drawn with characters: "---", "+++", "* * *"
# What PDF writers put in the title field when nobody gave one: "Microsoft Word - story.docx", a file name,
# "Untitled", "Document1".
_NO_TITLE = re.compile(
    r"(?:microsoft\s+\w+\s+-\s+.*|.*\.(?:docx?|odt|rtf|pdf|html?|txt|indd|pages|pptx?)|untitled.*|document\s*\d*"
    r"|https?://\S+)",
    re.IGNORECASE,
)


def is_pdf(name: str) -> bool:
    return name.lower().endswith(PDF_SUFFIX)


def real_title(title: str | None) -> str | None:
    """The PDF's metadata title when it names the article: two words or more, and no program's placeholder."""
    if not title or _NO_TITLE.fullmatch(title) or len(re.findall(r"[^\W\d_]{2,}", title)) < 2:
        return None
    return title


def pdf_markdown(name: str, data: bytes) -> tuple[str, str]:
    """(the stem of the article's corpus file, its Markdown text) for the PDF ``data`` a moderator gave as
    ``name``; ``PdfRefused`` with the reason when it holds no article text or can't be read.

    CPU-bound (pypdf): the add calls it on the build thread, as it extracts a saved page.
    """
    pages = read_pages(data)
    text = article_text(pages.lines)
    words = sum(len(paragraph.split()) for paragraph in text.paragraphs)
    if words == 0:
        raise PdfRefused(NO_TEXT)
    if words < MIN_ARTICLE_WORDS:
        raise PdfRefused(f"the PDF has only {words} words of text (a scan?); save the page as text or give its "
                         "web address")
    stem = Path(name.replace("\\", "/")).stem
    # Read as the same text saved as .txt would be: its date header or stamp line, its first line as title. A
    # rule drawn above the text ("---") would open front matter, and the YAML read from the story's lines
    # escaped as an error: lines of rule characters at the top are no words of the article.
    paragraphs = list(text.paragraphs)
    while paragraphs and _RULE.fullmatch(paragraphs[0]):
        paragraphs.pop(0)
    doc = parse_article("\n\n".join(paragraphs), stem, f"{stem}.txt")
    title = real_title(pages.title) or doc.title
    paragraphs = doc.text.split("\n\n")
    if len(paragraphs) > 1 and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline is in the front matter already
    # A browser prints the page's address in its footer: the article's address, as a fetched page's url.
    printed = (web_address(found) for line in text.furniture for found in _ADDRESS.findall(line))
    url = doc.url or next((address for address in printed if address), None)
    meta = {"title": title, "date": doc.date, "source": Path(name.replace("\\", "/")).name, "url": url}
    return stem, article_markdown(meta, "\n\n".join(paragraphs))
