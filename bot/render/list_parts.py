"""Any list-like result as a head and whole items, for a platform's plain text (Discord's reply where the bot
may not embed links, Slack's fallback ``text``): a timeline's events, /sources' articles, and the lines of a
moderator's report (a build's, the status, the change history, the knowledge gaps). Cut at the platform's
limit, such a text ended in the middle of an event, a title or an address, and never said how many items were
left out nor how to see them; ``fitted_parts`` keeps whole items in order and counts the rest. Each platform
passes its escaping, its cut, its limit and its words for how to see the rest (``hint``)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from bot.change_history import ChangeHistory
from bot.cli_name import cli_command
from bot.history_results import CHAT_QUESTION_CHARS, GapReport
from bot.render.list_text import CHAT_ITEMS, Shown, sources_parts, timeline_parts
from bot.render.status import status_text
from bot.render.whole import Cut, fitted, more_line
from bot.results import CHAT_IDS, IndexChange, IndexStatus, Result, SourcesList
from retrieval.types import Timeline


@dataclass(frozen=True)
class Parts:
    """What comes first (empty for nothing), the items in order, what one is called (to count them), and how
    many the result itself already left out (a timeline's least supported or later events)."""

    head: str
    items: list[str]
    noun: str
    omitted: int = 0


def _lines(result: Result) -> list[str] | None:
    """A moderator's report as chat shows it, a line each (ids and questions cut as chat cuts them)."""
    if isinstance(result, GapReport):
        return result.lines(CHAT_QUESTION_CHARS)
    if isinstance(result, IndexChange):
        return result.summary(CHAT_IDS).split("\n")
    if isinstance(result, IndexStatus):
        return status_text(result, chat=True).split("\n")
    if isinstance(result, ChangeHistory):
        return result.lines()
    return None


def parts_of(result: Result, shown: Shown) -> Parts | None:
    """``result``'s head and items, each escaped by ``shown``; None for a result that is no list (an answer's
    passages are ``bot.render.plain.answer_parts``) or a list with nothing in it."""
    if isinstance(result, Timeline) and result.events:
        head, events = timeline_parts(result, shown, CHAT_ITEMS)
        return Parts(head, events, "event", result.omitted)
    if isinstance(result, SourcesList) and result.sources:
        return Parts(*sources_parts(result, shown, CHAT_ITEMS), "article")
    lines = _lines(result)
    if not lines:
        return None
    head, *rest = (shown(line, sys.maxsize) for line in lines)
    return Parts(head, rest, "change" if isinstance(result, ChangeHistory) else "line")


def cli_hint(result: Result) -> str:
    """How to see what a chat reply leaves out where the command line on the bot's server shows it: the status's
    files not read, the older changes, every article. Otherwise "." (the count ends the line)."""
    if isinstance(result, SourcesList):
        return f"; `{cli_command()} sources` where the bot runs lists them all."
    if isinstance(result, IndexStatus):
        return f"; `{cli_command()} index status` where the bot runs shows them all."
    if isinstance(result, ChangeHistory):
        return f"; `{cli_command()} index history --limit {len(result.changes)}` where the bot runs lists them."
    return "."


def fitted_parts(parts: Parts, room: int, cut: Cut, hint: str = ".") -> tuple[str, int]:
    """The text of ``parts`` within ``room`` (``bot.render.whole.fitted``): whole items in order, then a line
    counting the rest that ends with ``hint``; and how many items it shows."""
    return fitted(parts.head, parts.items, room, cut, lambda n: more_line(n, parts.noun, hint), parts.omitted)
