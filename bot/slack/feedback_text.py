"""The plain-text fallback of a 👎's reply (``bot.slack.render.render_feedback``): the thanks and the best
passages whole, each with its source line, within Slack's fallback limit, and a count of the rest. It is what
notifications show and what is sent alone when Slack refuses the blocks; cut at the limit instead, it ended in
the middle of a passage, without that passage's article."""

from __future__ import annotations

from bot.history_results import Feedback
from bot.render.plain import passage_text
from bot.render.whole import whole_lines
from bot.slack.blocks import FALLBACK_LIMIT, QUOTE_LIMIT
from bot.slack.mrkdwn import clip, literal


def feedback_fallback(feedback: Feedback) -> str:
    """mrkdwn that Slack auto-links (``literal`` with the addresses whole), the thanks first."""
    thanks = literal(feedback.text, keep_urls=True)
    items = [passage_text(f"[{n}]", c, _as_shown, QUOTE_LIMIT) for n, c in enumerate(feedback.alternatives, start=1)]
    return clip("\n".join(whole_lines(thanks, items, FALLBACK_LIMIT)), FALLBACK_LIMIT)


def _as_shown(text: str, limit: int) -> str:
    return clip(literal(text, keep_urls=True), limit)
