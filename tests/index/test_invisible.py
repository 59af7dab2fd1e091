"""Invisible characters copied with a page's text are no part of the article's quotes or words."""

from __future__ import annotations

from index.chunking import split_sentences
from index.documents import parse_article
from index.furniture import story_sentences
from index.lexical import words

# An invented story, pasted from a page that writes a zero-width space after a closing quote, a soft hyphen
# where a long word may break, a no-break space between a day and its month, and a stray byte-order mark.
PASTED = (
    "Zarnovia orders Flitter to act\n"
    "date 2031-05-14\n\n"
    "The regulator’s order, dated May\u00a012, gave Flitter “48\u00a0hours” to act.\u200b Officials called it "
    "final.\n\n"
    "The company said 96 accounts were closed by Thurs\u00adday’s deadline.\ufeff The rest remain open.\n"
)


def _sentences(raw: str, filename: str) -> list[str]:
    doc = parse_article(raw, "zarnovia", filename)
    return [doc.text[s.start:s.end] for s in story_sentences(doc.text, split_sentences(doc.text))]


def test_no_quote_opens_with_an_invisible_character() -> None:
    sentences = _sentences(PASTED, "zarnovia.txt")
    assert "Officials called it final." in sentences  # was "\u200b Officials called it final."
    assert "The rest remain open." in sentences  # was "\ufeff The rest remain open."
    assert not any(ch in s for s in sentences for ch in "\u200b\u00ad\ufeff\u00a0")


def test_a_soft_hyphen_no_longer_splits_its_word_for_search() -> None:
    doc = parse_article(PASTED, "zarnovia", "zarnovia.txt")
    assert "Thursday" in words(doc.text)  # was "Thurs" and "day"


def test_a_front_matter_title_loses_its_invisible_characters_and_joiners_stay() -> None:
    raw = ("---\ntitle: \"Flitter\u200b fined \u00a0in Zarnovia\"\ndate: 2031-05-15\n---\n"
           "क्‍या बदला? The fine was set at 3 percent of revenue.\n")
    doc = parse_article(raw, "fine", "fine.md")
    assert doc.title == "Flitter fined  in Zarnovia"
    assert "\u200d" in doc.text  # a zero-width joiner shapes Devanagari letters: kept
