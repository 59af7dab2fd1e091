"""PDF articles: read once on add into a .md article with front matter, refused with a reason when unreadable."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest

from index import pdf_lines
from index.embedding import DEFAULT_MODEL, EncoderProvider
from index.manage import Upload, add_articles
from index.pdf_article import NO_TEXT, pdf_markdown, real_title
from index.pdf_lines import Line, PdfRefused
from index.pdf_text import article_text
from retrieval.loaded import load_index
from tests.pdf_files import article_pdf, one_stream_on_every_page, paragraphs_pdf, scanned_pdf

PARAGRAPHS = [
    "Updated: Feb 12, 2021 14:05 IST",
    "Officials of the Ministry of Electronics and Information Technology met Twitter executives in New Delhi on "
    "Friday, and the government said 517 accounts were still visible in India after the blocking orders.",
    "The micro-blogging platform said it had acted on most of the accounts named in the orders and would keep "
    "talking to officials about the remaining ones, which it said belonged to news outlets, journalists and "
    "politicians.",
    "Both sides agreed to meet again next week, according to people familiar with the talks, and the ministry said "
    "its orders were not negotiable.",
]
HEADLINE = "Ministry and Twitter hold a second round of talks on blocking orders"


def converted(data: bytes, name: str = "Ledger talks.pdf") -> frontmatter.Post:
    stem, markdown = pdf_markdown(name, data)
    assert stem == Path(name).stem
    return frontmatter.loads(markdown)


def test_a_two_page_pdf_reads_as_the_article() -> None:
    """Wrapped lines joined into their paragraph (over the page break too), "govern-" "ment" mended and
    "micro-blogging" kept, the running header and page numbers gone; the headline over two lines is the
    title (the metadata's "Microsoft Word - talks.docx" is none), the stamp line the date."""
    post = converted(article_pdf())
    assert post.metadata == {"title": HEADLINE, "date": "2021-02-12", "source": "Ledger talks.pdf"}
    assert post.content.split("\n\n") == PARAGRAPHS
    assert "Example Ledger" not in post.content and "Page" not in post.content


def test_a_real_metadata_title_is_the_title_and_the_files_creation_date_is_no_date() -> None:
    """The PDF was made on 2023-05-05 (its CreationDate): that says nothing of when the story was published."""
    post = converted(article_pdf(title="Ministry, Twitter meet again over blocking orders", stamp=None))
    assert post.metadata == {"title": "Ministry, Twitter meet again over blocking orders", "source": "Ledger talks.pdf"}
    assert post.content.split("\n\n") == [HEADLINE, *PARAGRAPHS[1:]]  # the printed headline is the story's


def test_a_pdf_locked_only_against_copying_is_read() -> None:
    assert converted(article_pdf(owner_password="owner")).content.split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize(("data", "reason"), [
    (article_pdf(owner_password="owner", user_password="secret"), "the PDF is protected by a password"),
    (scanned_pdf(), "the PDF has no text layer (a scan?); save the page as text or give its web address"),
    (b"%PDF-1.4\nnot really a PDF", "the file could not be read as a PDF (is it damaged, or not a PDF?)"),
    (article_pdf()[:1500], "the file could not be read as a PDF (is it damaged, or not a PDF?)"),
])
def test_an_unreadable_pdf_is_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(PdfRefused) as refused:
        pdf_markdown("story.pdf", data)
    assert str(refused.value).startswith(reason)


def test_a_pdf_longer_than_an_article_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_lines, "MAX_PAGES", 1)
    with pytest.raises(PdfRefused, match="the PDF has 2 pages; an article has a few, and at most 1 are read"):
        pdf_markdown("story.pdf", article_pdf())


def test_pages_that_draw_more_than_an_article_are_refused_before_they_are_read() -> None:
    """Sixty pages drawing one 2 MB stream (a 16 KB file) were read page by page, some 6-16 s each, on the
    build thread; the pages' drawing instructions are now weighed first."""
    data = one_stream_on_every_page(60, 1_100_000)
    assert len(data) < 20_000
    with pytest.raises(PdfRefused, match="MB of drawing instructions, far more than an article's"):
        pdf_markdown("bomb.pdf", data)


def test_reading_stops_once_the_text_is_longer_than_an_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_lines, "MAX_TEXT_CHARS", 500)
    with pytest.raises(PdfRefused, match="the PDF holds over 500 characters of text"):
        pdf_markdown("story.pdf", article_pdf())


def test_a_rule_drawn_above_the_text_opens_no_front_matter() -> None:
    """A PDF whose text opens with "---" lines had them read as YAML front matter, and the YAML error escaped
    the add as a traceback (taking the add's other files with it)."""
    words = " ".join(PARAGRAPHS[1].split()[:12])
    stem, markdown = pdf_markdown("ruled.pdf", paragraphs_pdf((("---",), ("title: [broken",), ("---",),
                                                                (words, words, words), (words, words))))
    article = frontmatter.loads(markdown)
    assert stem == "ruled" and article["title"] == "title: [broken" and words in article.content


@pytest.mark.parametrize(("given", "title"), [
    ("Microsoft Word - talks.docx", None), ("talks-final.pdf", None), ("Untitled", None), ("Document1", None),
    ("", None), (None, None), ("Ledger", None), ("https://ledger.example.org/talks", None),
    ("Ministry and Twitter hold talks", "Ministry and Twitter hold talks"),
])
def test_only_a_real_metadata_title_names_the_article(given: str | None, title: str | None) -> None:
    assert real_title(given) == title


def lines(*texts: str, size: float = 11.0) -> list[Line]:
    """A paragraph's lines as a PDF places them: one under another, 15 points apart."""
    return [Line(text, y=700.0 - 15 * i, x=72.0, size=size) for i, text in enumerate(texts)]


def test_a_line_break_at_a_words_own_hyphen_keeps_it_and_other_hyphens_stay() -> None:
    page = lines("Koo, a micro-blogging site, grew as the rival micro-", "blogging platform met the ministry in",
                 "New Delhi over the COVID-", "19 rules and the 2020-", "21 orders; the deci-", "sion stands.")
    assert article_text([page]).paragraphs == [
        "Koo, a micro-blogging site, grew as the rival micro-blogging platform met the ministry in New Delhi over the "
        "COVID-19 rules and the 2020-21 orders; the decision stands."]


def test_paragraphs_end_at_a_gap_an_indent_or_a_change_of_type() -> None:
    headline = [Line("A headline in large type", y=760.0, x=72.0, size=18.0)]
    first = lines("The first paragraph runs", "over two lines.")
    gap = [Line("After a gap, the second.", y=first[-1].y - 30, x=72.0, size=11.0)]  # type: ignore[operator]
    indented = [Line("An indented third.", y=gap[0].y - 15, x=90.0, size=11.0)]  # type: ignore[operator]
    assert article_text([headline + first + gap + indented]).paragraphs == [
        "A headline in large type", "The first paragraph runs over two lines.", "After a gap, the second.",
        "An indented third."]


def test_a_numbered_paragraphs_hanging_indent_continues_it() -> None:
    """A judgment's numbered paragraphs: the number at the margin, the next lines indented under the text. The
    paragraph ran on; before, the indent cut it mid-sentence into two paragraphs, each quoted as a sentence."""
    numbered = [Line("12. The petitioner submits that the orders were issued without notice to the", y=700.0,
                     x=72.0, size=11.0),
                Line("holders of the accounts they named.", y=685.0, x=100.0, size=11.0),
                Line("(b) The second ground is that the Review Committee met only", y=655.0, x=72.0, size=11.0),
                Line("once.", y=640.0, x=100.0, size=11.0),
                Line("A paragraph of its own follows", y=610.0, x=72.0, size=11.0),
                Line("An indented line under it opens another.", y=595.0, x=100.0, size=11.0)]
    assert article_text([numbered]).paragraphs == [
        "12. The petitioner submits that the orders were issued without notice to the holders of the accounts they "
        "named.", "(b) The second ground is that the Review Committee met only once.",
        "A paragraph of its own follows", "An indented line under it opens another."]


def test_furniture_on_every_page_is_dropped_and_a_printed_address_kept_aside() -> None:
    """A browser's print to PDF: the time printed and the page's title over each page, its address and page
    counter under it."""
    def page(number: int, *body: str) -> list[Line]:
        return [Line("2/12/21, 2:05 PM Ministry and Twitter talks - The Example Ledger", y=820.0, x=20.0, size=8.0),
                *lines(*body),
                Line(f"https://ledger.example.org/tech/talks {number}/2", y=20.0, x=20.0, size=8.0)]

    read = article_text([page(1, "The story starts on the first", "page and"), page(2, "ends on the second.")])
    assert read.paragraphs == ["The story starts on the first page and ends on the second."]
    assert "https://ledger.example.org/tech/talks 1/2" in read.furniture


# --- added to a real index -------------------------------------------------------------------------


def test_a_pdf_is_added_as_a_markdown_article_and_unreadable_ones_are_refused(
    built_copy: tuple[Path, Path], encoder_provider: EncoderProvider
) -> None:
    corpus, index_dir = built_copy
    uploads = [Upload("Ledger talks.pdf", article_pdf()), Upload("scan.pdf", scanned_pdf()),
               Upload("locked.pdf", article_pdf(owner_password="o", user_password="secret"))]
    outcome = add_articles(uploads, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider,
                           max_bytes=1_000_000)
    assert outcome.stored == ["Ledger-talks.md"]
    assert [(r["file"], r["reason"]) for r in outcome.rejected] == [
        ("scan.pdf", NO_TEXT),
        ("locked.pdf", "the PDF is protected by a password; save it without one, or save the article as text")]
    assert {p.suffix for p in corpus.iterdir()} == {".txt", ".md"}  # the corpus holds no PDF
    assert not list(corpus.glob("scan*")) and not list(corpus.glob("locked*"))  # nor any part of a refused one
    stored = frontmatter.loads((corpus / "Ledger-talks.md").read_text(encoding="utf-8"))
    assert stored["title"] == HEADLINE and stored.content.split("\n\n") == PARAGRAPHS
    [doc] = [d for d in load_index(index_dir).docs if d.doc_id == "Ledger-talks"]
    assert (doc.title, doc.date, doc.date_estimated, doc.source) == (HEADLINE, "2021-02-12", False, "Ledger talks.pdf")
    assert "government said 517 accounts" in doc.text


def test_a_pdf_whose_text_is_over_the_article_limit_is_refused(tmp_path: Path,
                                                              encoder_provider: EncoderProvider) -> None:
    outcome = add_articles([Upload("talks.pdf", article_pdf())], tmp_path, tmp_path / "index", model=DEFAULT_MODEL,
                           encoder_provider=encoder_provider, max_bytes=300)
    assert outcome.stored == [] and outcome.report is None
    [(name, reason)] = [(r["file"], r["reason"]) for r in outcome.rejected]
    assert name == "talks.pdf" and reason.endswith("bytes is over the 300-byte limit")
    assert list(tmp_path.iterdir()) == []
