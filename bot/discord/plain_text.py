"""A result as Discord text alone (``bot.discord.render.render_plain``), for a channel where the bot lacks Embed
Links: an answer's quotes and a 👎's next-best passages best first and whole, each with its source line, while
they fit in a message's 2,000 characters, and the rest counted. The whole text cut at the limit ended in the
middle of a quote or of its article's address, and said nothing of the passages after it."""

from __future__ import annotations

from bot.discord.limits import CONTENT_LIMIT, ELLIPSIS, FIELD_VALUE_LIMIT, clip, safe
from bot.history_results import Feedback
from bot.render.plain import answer_parts, passage_text
from bot.render.plain import render as plain_text
from bot.render.whole import count_line, whole_lines
from bot.results import Result
from retrieval.types import Answer

# A quote no longer than an embed's field holds one: a longer one would leave no room for the others.
QUOTE_LIMIT = FIELD_VALUE_LIMIT


def _shown(text: str, limit: int) -> str:
    """Article and user text as the plain reply always showed it: markdown and mention markup escaped."""
    return safe(text, limit, keep_lines=True)


def _fitted(head: str, passages: list[str]) -> str:
    """``head`` and the passages that fit whole after it. A long head (an answer to several questions) is cut
    to leave the best passage room, up to half the message: an answer shows what it quotes."""
    if passages:
        reserve = 1 + len(count_line(len(passages))) + min(1 + len(passages[0]), CONTENT_LIMIT // 2)
        head = clip(head, CONTENT_LIMIT - reserve)
    return clip("\n".join(whole_lines(head, passages, CONTENT_LIMIT)), CONTENT_LIMIT)


def plain_content(result: Result) -> str:
    """The text of ``result``'s one message, escaped as a message's text must be and within its limit."""
    if isinstance(result, Answer):
        text = _fitted(*answer_parts(result, _shown, QUOTE_LIMIT, locate=False))
    elif isinstance(result, Feedback):
        passages = [passage_text(f"[{n}]", c, _shown, QUOTE_LIMIT)
                    for n, c in enumerate(result.alternatives, start=1)]
        text = _fitted(_shown(result.text, CONTENT_LIMIT), passages)
    else:
        text = _shown(plain_text(result, locate=False), CONTENT_LIMIT)
    return text or ELLIPSIS
