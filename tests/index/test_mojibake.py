"""Curly quotes, dashes and accents garbled by a Windows-1252 reading of UTF-8 are read as written."""

from __future__ import annotations

from index.chunking import split_sentences
from index.documents import parse_article
from index.mojibake import mojibake_mended

# An invented story pasted through a tool that read its UTF-8 as Windows-1252.
GARBLED = ("Flitterâ€™s reply â€” in full\n"
           "date 2031-05-17\n\n"
           "The regulator called the order an â€œemergency measureâ€\u009d. The company said RenÃ©e Vasko, "
           "its counsel, would reply by Thursdayâ€™s deadline.\n")


def test_a_garbled_story_is_titled_and_quoted_as_written() -> None:
    doc = parse_article(GARBLED, "reply", "reply.txt")
    assert doc.title == "Flitter’s reply — in full"  # was "Flitterâ€™s reply â€” in full"
    sentences = [doc.text[s.start:s.end] for s in split_sentences(doc.text)]
    assert "The regulator called the order an “emergency measure”." in sentences
    assert "Renée Vasko" in doc.text  # was "RenÃ©e Vasko"


def test_text_that_only_looks_garbled_is_left_alone() -> None:
    for written in ("«café» et naïve résumé “fine” — ok", "ÂNGELA and Ã alone", "5 °C in Oskarn"):
        assert mojibake_mended(written) == written
