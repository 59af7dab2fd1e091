"""A result as Discord text alone (``bot.discord.render.render_plain``), for a channel where the bot lacks Embed
Links: an answer's quotes, a 👎's next-best passages, a timeline's events, /sources' articles and the lines of a
moderator's report, whole and in order while they fit in a message's 2,000 characters, and the rest counted with
how to see them. The whole text cut at the limit ended in the middle of a quote, an event or an article's
address, and said nothing of what came after it."""

from __future__ import annotations

from bot.discord.limits import CONTENT_LIMIT, ELLIPSIS, FIELD_VALUE_LIMIT, clip, safe
from bot.discord.outgoing import Outgoing
from bot.history_results import Feedback, GapReport
from bot.render.list_parts import cli_hint, fitted_parts, parts_of
from bot.render.plain import NEXT_HINT, answer_parts, passage_text, sources_file, sources_not_sent
from bot.render.plain import render as plain_text
from bot.render.whole import fitted
from bot.results import Result, SourcesList
from retrieval.types import Answer, Timeline

# A quote no longer than an embed's field holds one: a longer one would leave no room for the others.
QUOTE_LIMIT = FIELD_VALUE_LIMIT
# How to see the events and report lines a reply leaves out: as the embeds' footers say it.
TIMELINE_HINT = "narrow it down with /timeline topic:…"
REPORT_HINT = "narrow it down with /report since:…"


def _shown(text: str, limit: int) -> str:
    """Article and user text as the plain reply always showed it: markdown and mention markup escaped."""
    return safe(text, limit, keep_lines=True)


def _hint(result: Result) -> str:
    if isinstance(result, Timeline):
        return f"; {NEXT_HINT if result.later else TIMELINE_HINT}"
    if isinstance(result, GapReport):
        return f"; {REPORT_HINT}"
    return cli_hint(result)


def plain_content(result: Result) -> str:
    """The text of ``result``'s one message, escaped as a message's text must be and within its limit."""
    if isinstance(result, Answer):
        text, _ = fitted(*answer_parts(result, _shown, QUOTE_LIMIT, locate=False), CONTENT_LIMIT, clip)
    elif isinstance(result, Feedback):
        passages = [passage_text(f"[{n}]", c, _shown, QUOTE_LIMIT)
                    for n, c in enumerate(result.alternatives, start=1)]
        text, _ = fitted(_shown(result.text, CONTENT_LIMIT), passages, CONTENT_LIMIT, clip)
    elif (parts := parts_of(result, _shown)) is not None:
        text, _ = fitted_parts(parts, CONTENT_LIMIT, clip, _hint(result))
    else:
        text = _shown(plain_text(result, locate=False), CONTENT_LIMIT)
    return text or ELLIPSIS


def plain_sources(sources: SourcesList) -> Outgoing:
    """The articles that fit; when some don't, the whole list goes with it as ``sources.txt`` (as the embeds'
    last page does), and the message sent without the file says how to read them all instead."""
    parts = parts_of(sources, _shown)
    if parts is None:
        return Outgoing(content=plain_content(sources))
    count, (name, data) = len(sources.sources), sources_file(sources)
    text, shown = fitted_parts(parts, CONTENT_LIMIT, clip, f"; all {count} are in the attached {name}.")
    if shown == count:
        return Outgoing(content=text)
    elsewhere = sources_not_sent(count, "run /sources where the bot may attach files")
    unattached, _ = fitted_parts(parts, CONTENT_LIMIT, clip, f"; {elsewhere}.")
    return Outgoing(content=text, files=((name, data),), unattached=Outgoing(content=unattached))
