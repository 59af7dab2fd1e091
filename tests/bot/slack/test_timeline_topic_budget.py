"""A timeline's heading counts against the message's block text: a topic as long as a question allows (about
1,000 characters, the more when full of ``*_~``, which ``literal`` keeps apart with word joiners) took the
blocks past Slack's 12,000 characters, and Slack refused them (``msg_blocks_too_long``): the asker got only the
fallback text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.slack.render import render
from retrieval.types import Timeline
from tests.bot.long_lists import long_timeline
from tests.bot.slack.slack_rules import block_errors, texts
from tests.bot.slack.stub_slack import StubSlack

TOPICS = {
    "words": "why did twitter block the accounts of farmers and journalists " * 16,
    "markers": "*farm* _laws_ ~protest~ " * 42,
}


@pytest.mark.parametrize("topic", TOPICS.values(), ids=TOPICS.keys())
@pytest.mark.parametrize("searched", [False, True])
def test_a_long_topic_keeps_a_full_timeline_within_slacks_block_text(topic: str, searched: bool) -> None:
    timeline: Timeline = replace(long_timeline(60), topic=topic, searched_for=topic if searched else None)
    message = render(timeline)
    assert block_errors(message.blocks) == []
    total = sum(len(text) for text in texts(message.blocks))  # as the stub Slack counts them
    assert total <= StubSlack().block_text_limit, f"{total} characters of block text: msg_blocks_too_long"
    heading = message.blocks[0]["text"]["text"]
    assert heading.startswith("*Timeline about “") and "…”" in heading and len(heading) < 1000, heading
    assert "more events not shown" in message.blocks[-1]["elements"][0]["text"]  # what did not fit is counted, not lost


def test_a_short_topic_is_shown_whole() -> None:
    message = render(replace(long_timeline(3), topic="blocking orders"))
    assert message.blocks[0]["text"]["text"].startswith("*Timeline about “blocking orders”*: 3 dated events")
