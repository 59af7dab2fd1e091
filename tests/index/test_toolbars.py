"""A page's bars copied as text (``index.toolbars``): share buttons labelled by what they do, tags, and chrome
pieces run together on one line are furniture, never quoted; story lines sharing their words stay."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences
from index.documents import parse_article
from index.furniture import is_furniture, story_sentences

_STORY = "The regulator said the platform had overstated the number of removal demands it received."


@pytest.mark.parametrize("line", [
    "Share  Tweet  WhatsApp  Email  Print", "Tweet  Share  Save", "Share this article: Facebook Twitter LinkedIn",
    "Share on: WhatsApp, Copy link", "Listen to this article  4 min read", "Tags: Flickerpost, OOS, takedowns",
    "Topics: Twitter | India | blocking orders", "Filed under: Tech, Policy", "Trending Topics: Flickerpost, OOS",
    # A page's prompts and reading tools, and buttons alone or run together with a bar.
    "Subscribe to our newsletter", "Sign up for our daily newsletter", "Join our WhatsApp channel",
    "Download the app", "Read in app", "Scroll to continue with content", "Story continues below this ad",
    "Font size A A A", "Gift this article", "Save article", "Print this page", "Share via", "Read Comments",
    "Email", "Copy link", "Listen | 4 min read", "Share on Facebook  Share on X  Email",
    # A sign-up box's other lines, under its prompt in the story's middle.
    "Enter your email  Sign up", "Sign up", "By signing up you agree to our privacy policy.",
    # A share bar named for what the page is, a live blog's or a video's.
    "Share this live blog: Facebook | Twitter | WhatsApp", "Share this video: Facebook Twitter Email",
    "Get the day's top stories delivered to your inbox every morning.",
])
def test_page_bars_are_never_quoted(line: str) -> None:
    text = f"Regulator disputes a platform's report\n\n{line}\n\n{_STORY}\n\n{line}\n"
    kept = [text[s.start:s.end] for s in story_sentences(text, split_sentences(text))]
    assert kept == ["Regulator disputes a platform's report", _STORY]


@pytest.mark.parametrize("line", [
    "Share prices rose.  The company said so.", "Facebook said it would comply with the order.",
    "Twitter and Facebook", "Topics: the company said it would discuss how the rules apply to it, and more.",
    "Print and email newsletters were also blocked.", "Twitter", "Facebook",
    "Save the date, the minister said.", "Topics of discussion included the order.",
    "Download the app, the ministry urged citizens.", "Users can sign up now, the company said.",
    "The ministry asked users to sign up for the new app.",
])
def test_story_lines_with_button_words_are_kept(line: str) -> None:
    assert not is_furniture(line)


def test_the_tags_under_a_tags_heading_are_never_quoted() -> None:
    text = f"Regulator disputes a platform's report\n\n{_STORY}\n\nTopics\nFlickerpost\nTransparency reports\n"
    kept = [text[s.start:s.end] for s in story_sentences(text, split_sentences(text))]
    assert kept == ["Regulator disputes a platform's report", _STORY]


def test_a_credit_split_from_the_caption_it_ends_is_never_quoted() -> None:
    """"Photo: The logo on a screen. (File photo)": the description stays, "(File photo)" was a sentence."""
    caption = "Photo: The platform's logo on a screen. (File photo)"
    text = f"Regulator disputes a platform's report\n\n{caption}\n\n{_STORY}\n"
    kept = [text[s.start:s.end] for s in story_sentences(text, split_sentences(text))]
    assert kept == ["Regulator disputes a platform's report", "Photo: The platform's logo on a screen.", _STORY]


def test_a_share_bar_over_the_headline_is_no_title() -> None:
    """"Share on Facebook  Share on Twitter  Copy link" is buttons apart by runs of spaces: read with its spaces
    squeezed, it was taken for a headline and titled a pasted page."""
    raw = ("Home > World > Dravonia\nShare on Facebook  Share on Twitter  Share on WhatsApp  Copy link\n\n"
           "Students' hashtag trends worldwide as the platform blocks protest accounts\n\n"
           "A hashtag started by students was used more than 1.9 million times in 48 hours.\n")
    doc = parse_article(raw, "p", "p.txt")
    assert doc.title == "Students' hashtag trends worldwide as the platform blocks protest accounts"
