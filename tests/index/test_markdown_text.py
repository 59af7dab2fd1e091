"""A Markdown article is stored, split and quoted without its markup, and every offset still finds its words."""

from __future__ import annotations

import pytest

from index.chunking import ChunkSpec, chunk_sentences, split_sentences
from index.documents import parse_article
from index.manage import Upload, check_upload
from index.markdown_text import plain_text

ARTICLE = """---
title: Twitter and the ministry
date: 2021-02-10
url: https://example.org/twitter-ministry
---
# Twitter and the ministry

## What the company said

Twitter said [in a blog post](https://blog.twitter.com/x) that **it would not** comply with orders to block journalists.
The ministry called the post *unusual* and _regrettable_, and asked for the `#ModiPlanningFarmerGenocide` tag to go.

![Twitter's office in Delhi](https://example.org/office.jpg)

- Twitter blocked **250** accounts on [January 31](https://example.org/jan31).
- It restored them within six hours.

> The company has ~~not~~ responded to the notice, an official said.

1. Koo gained a million users in a week.
"""

# Each construct's sentence as a reader sees it.
CLEAN = [
    "Twitter and the ministry",
    "What the company said",
    "Twitter said in a blog post that it would not comply with orders to block journalists.",
    "The ministry called the post unusual and regrettable, and asked for the #ModiPlanningFarmerGenocide tag to go.",
    "• Twitter blocked 250 accounts on January 31.",  # a list item keeps a marker that is no markup
    "• It restored them within six hours.",
    "The company has responded to the notice, an official said.",  # "not" was struck: withdrawn
    # an ordered item's number, shown in the text, is no part of its sentence (``index.item_numbers``): quoted, its
    # digit read as a figure of the sentence
    "Koo gained a million users in a week.",
]
MARKUP = ("**", "](", "`", "![", "_regrettable_", "*unusual*", "~~", "> ", "- ", "# ", "https://")


def test_a_markdown_articles_sentences_are_its_words_without_markup_at_exact_offsets() -> None:
    doc = parse_article(ARTICLE, "tw", "tw.md")
    assert (doc.title, doc.date, doc.url) == ("Twitter and the ministry", "2021-02-10",
                                              "https://example.org/twitter-ministry")
    spans = split_sentences(doc.text)
    sentences = [doc.text[s.start : s.end] for s in spans]
    assert sentences == CLEAN
    assert not [m for m in MARKUP if m in doc.text], doc.text
    for chunk in chunk_sentences(doc.doc_id, doc.text, spans, ChunkSpec(max_chars=120)):
        assert doc.text[chunk.start : chunk.end] == chunk.text and not any(m in chunk.text for m in MARKUP)


def test_a_txt_article_keeps_its_asterisks_and_brackets() -> None:
    raw = "Twitter said [in a blog post](https://x.org) that **it would not** comply.\n\n- 250 accounts\n"
    assert parse_article(raw, "t", "t.txt").text == raw


@pytest.mark.parametrize("raw", [
    "Twitter met the ministry.\r\nIt said   nothing more.   \r\n\r\n\r\nKoo gained users.\r\n",
    "How the row unfolded\n\n| Day | What happened |\n| --- | --- |\n| Feb 11, 2021 | Twitter restored accounts |\n",
    "    An indented paragraph, as a copied page may have.\n\nThe next one.",
], ids=["crlf-and-spaces", "table", "indented"])
def test_markdown_without_markup_is_kept_exactly_as_written(raw: str) -> None:
    assert plain_text(raw) == raw


def test_markup_alone_leaves_empty_lines_and_adjacent_blocks_are_set_apart() -> None:
    raw = ("The ministry wrote to the company and asked for fifty accounts to go\n- Twitter refused the order\n"
           "\n* * *\n\n[1]: https://example.org/\n```\nquoted = code\n```\n<!-- draft -->\nLast *line*.\n")
    text = plain_text(raw)
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "The ministry wrote to the company and asked for fifty accounts to go", "• Twitter refused the order",
        "quoted = code", "Last line."]


def test_struck_words_are_dropped_with_their_markers_and_one_space_is_left() -> None:
    raw = ("Twitter blocked ~~every~~ all accounts named in the order.\n\n"
           "The ministry ~~**wrote** to~~ called the company ~~twice~~ ~~again~~ on [Feb 10](https://x.org).\n")
    doc = parse_article(raw, "tw", "tw.md")
    assert [doc.text[s.start : s.end] for s in split_sentences(doc.text)] == [
        "Twitter blocked all accounts named in the order.", "The ministry called the company on Feb 10."]
    assert not [w for w in ("every", "wrote", "twice", "again", "~~") if w in doc.text], doc.text


def test_footnote_marks_are_dropped_and_each_footnote_is_a_paragraph_of_its_own() -> None:
    raw = ("Twitter restored the accounts within six hours.[^1] The ministry sent a notice [^notice] the next day.\n"
           "[^1]: Twitter's statement to the press, Feb 1, 2021.\n"
           "\n"
           "Koo gained a million users in a week.\n"
           "\n"
           "[^notice]: The notice cited section 69A.\n"
           "\n"
           "    It threatened jail terms for staff.\n")
    doc = parse_article(raw, "tw", "tw.md")
    assert [doc.text[s.start : s.end] for s in split_sentences(doc.text)] == [
        "Twitter restored the accounts within six hours.", "The ministry sent a notice the next day.",
        "Twitter's statement to the press, Feb 1, 2021.",  # not glued to the sentence above it
        "Koo gained a million users in a week.",
        "The notice cited section 69A.", "It threatened jail terms for staff."]
    assert "[^" not in doc.text and "]:" not in doc.text, doc.text


@pytest.mark.parametrize(("body", "line"), [
    ("> " * 3000 + "Twitter blocked the accounts.\n", 5),
    ("Twitter blocked the accounts.\n\n" + "> " * 20 + "The ministry wrote again.\n", 7),
    ("Twitter blocked the accounts.\n\n" + "".join("  " * i + "- level\n" for i in range(12)), 16),  # the tenth list
])
def test_quotes_or_lists_nested_past_the_readers_limit_are_refused_saying_so(body: str, line: int) -> None:
    """markdown-it-py skips whatever lies past 20 levels without a word: 3,000 nested "> " were refused as "the
    article is empty", and a deep quote in a longer article was dropped from it."""
    raw = f"---\ntitle: Deep\ndate: 2021-02-10\n---\n{body}"
    with pytest.raises(ValueError, match=rf"nests quotes \(>\) or lists too deep.*\(from line {line}\)$"):
        check_upload(Upload("deep.md", raw.encode()), 100_000)
    assert parse_article(raw, "deep", "deep.txt").text == body.rstrip()  # a .txt is kept as written
    shallow = parse_article("> " * 19 + "The ministry wrote again.\n", "ok", "ok.md")
    assert shallow.text == "The ministry wrote again.\n"
