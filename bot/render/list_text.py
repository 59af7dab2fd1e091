"""The items of the two long lists as plain text, each whole: a timeline's event with its date, its summary and
the articles reporting it; an article of /sources with its id, title, date and address. The terminal prints every
item at full length; a chat reply that can't hold them all shows those that fit and counts the rest
(``bot.render.whole``), its items' parts capped (``CHAT_ITEMS``) so that one event can't crowd out the others."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from bot.render.dates import shown_date, shown_event_date, shown_meant
from bot.render.lines import one_line
from bot.results import SourcesList, counted
from retrieval.types import Citation, Timeline, TimelineEvent, same_title_and_date

# A platform's way of showing a piece of text: escaped for its markup, and cut to at most the given length.
Shown = Callable[[str, int], str]
INDENT = "            — "  # a report under its event


def as_written(text: str, limit: int) -> str:
    """The terminal's way: nothing to escape, and a reply of any length."""
    return text


@dataclass(frozen=True)
class ItemLimits:
    """How long one item's parts may be (the terminal's: any length). In chat a web paragraph read as one
    sentence, or an event a dozen articles reported, left no room in a message for the events after it."""

    summary: int = sys.maxsize
    quote: int = sys.maxsize
    title: int = sys.maxsize
    reports: int = sys.maxsize


# As the Slack and Discord lists cap them (``bot.slack.listings``, ``bot.discord.render``).
CHAT_ITEMS = ItemLimits(summary=600, quote=300, title=200, reports=3)
WHOLE = ItemLimits()


def _capped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def source_line(c: Citation, title_limit: int = sys.maxsize) -> str:
    parts = [_capped(c.title or c.doc_id, title_limit),
             (shown_date(c.date, c.date_estimated) or c.date) if c.date else "undated"]
    if c.meant:
        parts.append(shown_meant(c.meant))
    if c.url:
        parts.append(c.url)
    return " · ".join(parts)


def also_in(c: Citation, copies: list[Citation], limits: ItemLimits = WHOLE) -> str:
    """The other sources of a report shown once (``TimelineEvent.reports``): a copy of the same title and
    date by its address (or id), another article by its source line."""
    if not copies:
        return ""
    names = [(copy.url or copy.doc_id) if same_title_and_date(c, copy) else source_line(copy, limits.title)
             for copy in copies[: limits.reports]]
    if len(copies) > limits.reports:
        names.append(f"{len(copies) - limits.reports} more")
    return "; also " + "; ".join(names)


def event_text(event: TimelineEvent, shown: Shown = as_written, limits: ItemLimits = WHOLE) -> str:
    """The date and summary, then a line per article reporting it (its own sentence when not the summary)."""
    when = shown_event_date(event.date, event.date_estimated, event.planned)
    lines = [shown(f"{when}  {_capped(one_line(event.summary), limits.summary)}", sys.maxsize)]
    reports = event.reports()
    for c, copies in reports[: limits.reports]:
        quote = "" if c.quote == event.summary else f"“{_capped(one_line(c.quote), limits.quote)}” "
        lines.append(INDENT + shown(f"{quote}({source_line(c, limits.title)}{also_in(c, copies, limits)})",
                                    sys.maxsize))
    if len(reports) > limits.reports:
        lines.append(f"{INDENT}and {counted(len(reports) - limits.reports, 'more source')}")
    return "\n".join(lines)


NEWEST_FIRST = "Newest first:"  # said over a timeline listing the newest events first (``Timeline.newest_first``)


def timeline_parts(timeline: Timeline, shown: Shown = as_written, limits: ItemLimits = WHOLE
                   ) -> tuple[str, list[str]]:
    """What was searched for (empty when the topic was searched as typed), and each event."""
    searched = shown(f"(Searched for: {timeline.searched_for})", sys.maxsize) if timeline.searched_for else ""
    if timeline.newest_first:
        searched = "\n".join(filter(None, [searched, NEWEST_FIRST]))
    return searched, [event_text(e, shown, limits) for e in timeline.events]


def sources_parts(sources: SourcesList, shown: Shown = as_written, limits: ItemLimits = WHOLE
                  ) -> tuple[str, list[str]]:
    """The count of articles, and each article on a line: its id (what /remove-article takes), title, date,
    source, address and chunks."""
    items = []
    for s in sources.sources:
        meta = " · ".join(x for x in (shown_date(s.date, s.date_estimated) or "undated", s.source, s.url) if x)
        title = _capped(s.title, limits.title)
        items.append(shown(f"- {s.doc_id}: {title} ({meta}; {counted(s.chunks, 'chunk')})", sys.maxsize))
    return shown(f"{counted(len(sources.sources), 'article')}:", sys.maxsize), items
