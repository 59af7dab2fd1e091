"""Words hyphenated across a wrapping line break (``index.hyphens``), as a PDF pasted as text breaks them."""

from __future__ import annotations

from index.chunking import split_sentences
from index.documents import parse_article
from index.hyphens import mended

PDF_PASTE = """Blocking Orders and Platform Responses: A Briefing Note

The Ministry of Electronics and Information Technology issued
orders to Twitter under Section 69A of the Information Tech-
nology Act, 2000, directing it to block 1,178 accounts. Twitter
said the orders were inconsistent with its micro-blogging rules
and that blocking the accounts would have penal con-
sequences for free speech, as it told the whole micro-
blogging community. COVID-19 rules and the Indo-
Pacific ties were not at issue in the long-running dispute.
"""


def test_a_word_broken_over_a_wrapping_line_break_is_quoted_whole() -> None:
    """Quoted "Information Tech- nology Act" and "penal con- sequences": neither half is a word a question asks."""
    doc = parse_article(PDF_PASTE, "p", "p.txt")
    sentences = [" ".join(doc.text[s.start:s.end].split()) for s in split_sentences(doc.text)]
    assert sentences[1] == ("The Ministry of Electronics and Information Technology issued orders to Twitter under "
                            "Section 69A of the Information Technology Act, 2000, directing it to block 1,178 "
                            "accounts.")
    assert sentences[2:] == [
        "Twitter said the orders were inconsistent with its micro-blogging rules and that blocking the accounts would "
        "have penal consequences for free speech, as it told the whole micro-blogging community.",  # written so
        "COVID-19 rules and the Indo-Pacific ties were not at issue in the long-running dispute."]  # no lower case


def test_text_that_is_not_wrapped_keeps_its_hyphens() -> None:
    """A web page copied a paragraph per line (a line over 150 characters) is wrapped nowhere: a hyphen ending its
    line is the writer's."""
    text = ("A long line " * 15 + "\nThe ministry said on Wednesday that its most senior and fresh-\n"
            "faced officials met Twitter's executives again.\n")
    assert mended(text) == text
