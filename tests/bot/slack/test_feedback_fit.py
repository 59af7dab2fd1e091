"""A 👎's next-best passages on Slack: within the blocks' limits (a section's 3,000 characters, 50 blocks,
the message's total text), the best passages whole with their source line, and the plain-text fallback (what
is sent when Slack refuses the blocks, and what notifications show) holding passages too, not only the thanks."""

from __future__ import annotations

from bot.history_results import Feedback
from bot.slack.render import render_feedback
from tests.bot.long_passages import URL, passage
from tests.bot.slack.slack_requests import strings
from tests.bot.slack.slack_rules import message_error, texts
from tests.bot.slack.stub_slack import StubSlack


def within_limits(payload: dict[str, object]) -> None:
    assert message_error(payload) is None, message_error(payload)
    blocks = payload["blocks"]
    assert isinstance(blocks, list) and len(blocks) <= 50
    assert all(len(t) <= 3000 for t in texts(blocks))
    total = sum(len(t) for t in texts(blocks))
    assert total <= StubSlack().block_text_limit, f"{total} characters of block text: msg_blocks_too_long"
    assert 0 < len(str(payload["text"])) <= 3000


def test_nine_passages_fit_and_the_fallback_carries_the_first() -> None:
    alternatives = [passage(n) for n in range(9)]
    message = render_feedback(Feedback(vote=-1, text="Thanks, your vote changed.", alternatives=alternatives))
    payload = message.payload()
    within_limits(payload)
    shown = "\n".join(strings(payload["blocks"]))
    assert alternatives[0].quote in shown and URL.replace("&", "&amp;") in shown
    fallback = str(payload["text"])
    assert fallback.startswith("Thanks, your vote changed.")
    assert alternatives[0].quote in fallback, "Slack refusing the blocks must not lose every passage"
    assert URL.replace("&", "&amp;") in fallback and "2021" in fallback


def test_long_passages_stay_within_the_message_text_and_are_counted() -> None:
    alternatives = [passage(n, 1400) for n in range(9)]
    payload = render_feedback(Feedback(vote=-1, text="Thanks.", alternatives=alternatives)).payload()
    within_limits(payload)
    shown = "\n".join(strings(payload["blocks"]))
    assert alternatives[0].quote in shown and "more passages not shown" in shown
    fallback = str(payload["text"])
    assert alternatives[0].quote in fallback, "the first passage whole, not cut off at the fallback's limit"
    assert "more passages not shown" in fallback.splitlines()[-1]
