"""A PDF's page break pasted as text (``index.page_breaks``): the page number and running header go, and the
paragraph the page cut reads as one again."""

from __future__ import annotations

from index.chunking import split_sentences
from index.documents import parse_article
from index.page_breaks import joined_pages

_LINE = "The regulator said the platform had received hundreds of orders between"
_CUT = (f"{_LINE}\nJanuary and August this year. In April the regulator fined the company\n\nPage 1 of 2\n"
        "ZEMBLAN MEDIA DIGEST - NOVEMBER 2025\n\n1.2 million crowns for not naming a local representative, a\n"
        "requirement it met in June.\n")


def test_a_sentence_cut_by_a_page_break_is_one_sentence_again() -> None:
    doc = parse_article(f"Zembla fines a platform over blocking orders\n\n{_CUT}", "z", "z.txt")
    sentences = [doc.text[s.start:s.end] for s in split_sentences(doc.text)]
    assert any(s.startswith("In April the regulator fined the company\n1.2 million crowns") for s in sentences)
    assert not any("DIGEST" in s or "Page 1" in s for s in sentences)


def test_a_page_ending_with_its_paragraph_keeps_the_paragraph_break() -> None:
    after = "The company said it would appeal the decision in court.\n"
    text = f"{_LINE}\nJanuary and August.\n\nPage 3\n\n{after}"
    assert joined_pages(text) == f"{_LINE}\nJanuary and August.\n\n{after}"


def test_a_running_header_above_the_number_goes_too_and_a_heading_after_a_blank_line_stays() -> None:
    text = f"{_LINE} them.\nTHE DAILY LEDGER\n2 of 5\n\nSecond penalty\n\nThe fine is the second.\n"
    assert joined_pages(text) == f"{_LINE} them.\n\nSecond penalty\n\nThe fine is the second.\n"


def test_text_without_a_page_number_is_untouched() -> None:
    text = "Headline over the story\n\nNOVEMBER 2025\n\nThe page goes on.\n"
    assert joined_pages(text) is text


def test_a_page_number_between_dashes_is_a_page_break_too() -> None:
    cut = "January and August this year, and in April the regulator fined"
    text = f"{_LINE}\n{cut}\n\n- 2 -\n\nthe company 1.2 million crowns.\n"
    assert joined_pages(text) == f"{_LINE}\n{cut}\nthe company 1.2 million crowns.\n"
