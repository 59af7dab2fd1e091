"""A page's bars copied as text (``index.toolbars``): share buttons labelled by what they do, tags, and chrome
pieces run together on one line are furniture, never quoted; story lines sharing their words stay."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences
from index.furniture import is_furniture, story_sentences

_STORY = "The regulator said the platform had overstated the number of removal demands it received."


@pytest.mark.parametrize("line", [
    "Share  Tweet  WhatsApp  Email  Print", "Tweet  Share  Save", "Share this article: Facebook Twitter LinkedIn",
    "Share on: WhatsApp, Copy link", "Listen to this article  4 min read", "Tags: Flickerpost, OOS, takedowns",
    "Topics: Twitter | India | blocking orders", "Filed under: Tech, Policy",
])
def test_page_bars_are_never_quoted(line: str) -> None:
    text = f"Regulator disputes a platform's report\n\n{line}\n\n{_STORY}\n\n{line}\n"
    kept = [text[s.start:s.end] for s in story_sentences(text, split_sentences(text))]
    assert kept == ["Regulator disputes a platform's report", _STORY]


@pytest.mark.parametrize("line", [
    "Share prices rose.  The company said so.", "Facebook said it would comply with the order.",
    "Twitter and Facebook", "Topics: the company said it would discuss how the rules apply to it, and more.",
    "Print and email newsletters were also blocked.",
])
def test_story_lines_with_button_words_are_kept(line: str) -> None:
    assert not is_furniture(line)
