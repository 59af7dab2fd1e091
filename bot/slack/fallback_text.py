"""The plain-text fallback of a Slack reply (a message's ``text``): what notifications show, what clients that
can't draw blocks show, and what is sent alone when Slack refuses the blocks. An answer's or a 👎's passages, a
timeline's events, /sources' articles and a report's lines are whole and in order while they fit in
``FALLBACK_LIMIT``, and the rest counted with how to see them (``bot.render.whole``). Cut at the limit instead,
the text ended in the middle of a passage, an event or an address, with nothing said of what came after it."""

from __future__ import annotations

import sys

from bot.history_results import Feedback, GapReport
from bot.render import plain
from bot.render.examples import TIMELINE_DAY, TIMELINE_TOPIC
from bot.render.list_parts import cli_hint, fitted_parts, parts_of
from bot.render.whole import fitted
from bot.results import Result
from bot.slack.blocks import FALLBACK_LIMIT, QUOTE_LIMIT
from bot.slack.mrkdwn import clip, literal
from retrieval.types import Answer, Timeline

# How to reach the events a timeline leaves out (Discord's footer says it too): a topic narrows it down.
TIMELINE_HINT = f"; name a topic to narrow it down (`/timeline {TIMELINE_TOPIC}`, `/timeline {TIMELINE_DAY}`)"
REPORT_HINT = "; narrow it down with a shorter period (`/report 1d`)"


def _as_shown(text: str, limit: int) -> str:
    """mrkdwn that Slack auto-links: escaped, formatting characters inert, web addresses whole."""
    return clip(literal(text, keep_urls=True), limit)


def _hint(result: Result) -> str:
    if isinstance(result, Timeline):
        return f"; {plain.NEXT_HINT}." if result.later else f"{TIMELINE_HINT}."
    if isinstance(result, GapReport):
        return f"{REPORT_HINT}."
    return cli_hint(result)


def fallback(result: Result, hint: str | None = None) -> str:
    """``result``'s fallback text; ``hint`` ends the line counting what is left out, when the message says how
    to see it another way (/sources' shared file)."""
    if isinstance(result, Answer):
        return fitted(*plain.answer_parts(result, _as_shown, QUOTE_LIMIT, locate=False), FALLBACK_LIMIT, clip)[0]
    if isinstance(result, Feedback):
        items = [plain.passage_text(f"[{n}]", c, _as_shown, QUOTE_LIMIT)
                 for n, c in enumerate(result.alternatives, start=1)]
        return fitted(_as_shown(result.text, sys.maxsize), items, FALLBACK_LIMIT, clip)[0]
    parts = parts_of(result, _as_shown)
    if parts is not None:
        return fitted_parts(parts, FALLBACK_LIMIT, clip, hint or _hint(result))[0]
    return _as_shown(plain.render(result, locate=False), FALLBACK_LIMIT)
