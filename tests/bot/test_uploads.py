"""Upload rules, asked by both adapters before they download a file."""

from __future__ import annotations

from bot.uploads import UploadRules

RULES = UploadRules(max_article_bytes=1_000_000, max_page_bytes=5_000_000)


def test_an_article_is_held_to_the_article_limit_and_a_saved_page_to_a_fetched_pages() -> None:
    assert RULES.limit("notes.md") == 1_000_000
    assert RULES.limit("story.html") == 5_000_000  # scripts and styles, a few KB of story
    assert RULES.limit("story.PDF") == 5_000_000  # fonts and pictures, a few KB of text
    assert RULES.refusal("story.pdf", 4_000_000) is None
    assert str(RULES.refusal("story.pdf", 5_000_001)).startswith("5,000,001 bytes is over the 5,000,000-byte limit")
    assert RULES.refusal("notes.md", 999_999) is None
    assert RULES.refusal("story.html", 4_000_000) is None
    assert str(RULES.refusal("notes.txt", 1_000_001)).startswith("1,000,001 bytes is over the 1,000,000-byte limit")


def test_a_file_of_another_type_is_refused_by_name_whatever_its_size() -> None:
    assert RULES.refusal("report.docx", 0) == ("only .txt, .md, PDF (.pdf) and saved web pages (.html) can be added "
                                               "(got '.docx')")
