"""A message's words read from its rich_text blocks when its ``text`` holds nothing but the bot's mention."""

from __future__ import annotations

from bot.slack.mrkdwn import plain_from_slack
from bot.slack.rich_text import rich_text, said

SECTION = {"type": "rich_text_section", "elements": [
    {"type": "user", "user_id": "UBOT"}, {"type": "text", "text": " is <this> true & sourced? "},
    {"type": "broadcast", "range": "here"}, {"type": "link", "url": "https://news.example/a", "text": "the story"}]}
LIST = {"type": "rich_text_list", "style": "bullet", "elements": [
    {"type": "rich_text_section", "elements": [{"type": "text", "text": "who ordered it?"}]},
    {"type": "rich_text_section", "elements": [{"type": "text", "text": "when?"}]}]}
QUOTE = {"type": "rich_text_quote", "elements": [{"type": "text", "text": "1,178 accounts"},
                                                 {"type": "emoji", "name": "eyes"}]}
BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "not rich text"}},
          {"type": "rich_text", "elements": [SECTION, LIST, QUOTE]}]


def test_rich_text_is_written_as_slacks_raw_text() -> None:
    assert rich_text(BLOCKS).split("\n") == [
        "<@UBOT> is &lt;this&gt; true &amp; sourced? <!here><https://news.example/a|the story>",
        "who ordered it?", "when?", "1,178 accounts:eyes:"]
    assert plain_from_slack(rich_text(BLOCKS), "UBOT").startswith("is <this> true & sourced? <!here>the story")
    assert rich_text(None) == rich_text([{"type": "rich_text"}]) == ""


def test_the_blocks_are_read_only_when_the_text_says_nothing_but_the_mention() -> None:
    assert said({"text": "<@UBOT> who ordered it?", "blocks": BLOCKS}, "UBOT") == "<@UBOT> who ordered it?"
    assert said({"text": "<@UBOT>", "blocks": BLOCKS}, "UBOT") == rich_text(BLOCKS)
    assert said({"text": "<@UBOT>", "blocks": [{"type": "rich_text", "elements": [
        {"type": "rich_text_section", "elements": [{"type": "user", "user_id": "UBOT"}]}]}]}, "UBOT") == "<@UBOT>"
    assert said({"text": "", "blocks": BLOCKS}, None) == rich_text(BLOCKS)
