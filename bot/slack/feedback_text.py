"""The plain-text fallback of a 👎's reply (``bot.slack.render.render_feedback``): the thanks and the best
passages whole, each with its source line, within Slack's fallback limit, and a count of the rest. It is what
notifications show and what is sent alone when Slack refuses the blocks; cut at the limit instead, it ended in
the middle of a passage, without that passage's article."""

from __future__ import annotations

from bot.history_results import Feedback
from bot.render.plain import source_line
from bot.render.whole import fitting_whole, passages_not_shown
from bot.slack.blocks import FALLBACK_LIMIT, QUOTE_LIMIT
from bot.slack.mrkdwn import clip, literal


def feedback_fallback(feedback: Feedback) -> str:
    """mrkdwn that Slack auto-links (``literal`` with the addresses whole), the thanks first."""
    thanks = literal(feedback.text, keep_urls=True)
    items = [clip(literal(f"[{n}] {c.quoted}", keep_urls=True), QUOTE_LIMIT)
             + "\n    — " + literal(source_line(c), keep_urls=True)
             for n, c in enumerate(feedback.alternatives, start=1)]
    count = len(items)
    note = "…and " + passages_not_shown(count)
    shown = fitting_whole([1 + len(item) for item in items], FALLBACK_LIMIT - len(thanks), 1 + len(note))
    lines = [thanks, *items[:shown]]
    if shown < count:
        lines.append("…and " + passages_not_shown(count - shown))
    return clip("\n".join(lines), FALLBACK_LIMIT)
