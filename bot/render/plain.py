"""Plain-text rendering for the terminal chat and the CLI."""

from __future__ import annotations

import re
import sys
import unicodedata

from bot.change_history import ChangeHistory
from bot.history_results import Feedback, GapReport
from bot.one_line import BIDI
from bot.render.list_text import Shown, as_written, source_line, sources_parts, timeline_parts
from bot.render.status import status_text
from bot.results import IndexChange, IndexStatus, Notice, Reply, Result, SourcesList
from retrieval.types import Answer, Citation, Timeline
from retrieval.wording import ALSO_IN_THE_ARTICLES

_UNPRINTABLE = re.compile(r"[^\n\t -~]")
# Embeddings, overrides and isolates: one left open in a summary reverses the rest of its chat line (the
# source's title and link included). The marks (LRM, RLM, ALM) stay: Arabic and Hebrew text needs them.
_DIRECTION_CHANGES = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_direction_changes(text: str) -> str:
    return _DIRECTION_CHANGES.sub("", text)


def _shown(ch: str) -> str:
    if ch in BIDI or unicodedata.category(ch) == "Cc":
        return ch.encode("unicode_escape").decode("ascii")
    return ch


def printable(text: str) -> str:
    """``text`` safe to write to a terminal: control characters (ESC and so every escape sequence, CR,
    backspace, C1 controls) and bidi overrides are shown escaped, as ``\\x1b``, instead of acting on the
    terminal. Line breaks and tabs stay; so does every other character, emoji and accents included."""
    return _UNPRINTABLE.sub(lambda m: _shown(m.group()), text)


# Sentences ranked next after the answer's: not the answer, but where it may be if the answer is wrong.
RELATED_HEADING = f"{ALSO_IN_THE_ARTICLES}:"  # a joined reply's text points a declined question here


def passage_text(marker: str, c: Citation, shown: Shown = as_written, quote_limit: int = sys.maxsize,
                 where: str = "") -> str:
    """A quote after its marker, on the line below it the source line (then ``where``): only the quote is cut,
    to ``quote_limit``, so that no passage loses its article."""
    return shown(f"{marker} {c.quoted}", quote_limit) + "\n    — " + shown(source_line(c) + where, sys.maxsize)


def answer_parts(answer: Answer, shown: Shown = as_written, quote_limit: int = sys.maxsize, locate: bool = True
                 ) -> tuple[str, list[str]]:
    """The answer's text, and its passages best first: the cited ones, the first under its heading, then the
    related ones, the first under theirs. Apart, so that a chat reply that can't hold every passage shows
    those that fit whole and counts the rest (``bot.render.whole``). ``locate``: each quote's article id and
    offsets, for checking it on the command line; chat replies leave them out."""
    head = shown(answer.text, sys.maxsize)
    if answer.searched_for:  # a follow-up, searched with words from earlier in the conversation
        head += "\n" + shown(f"(Searched for: {answer.searched_for})", sys.maxsize)

    def where(c: Citation) -> str:
        return f" [{c.doc_id} {c.start}-{c.end}]" if locate else ""

    cited = [passage_text(f"[{n}]", c, shown, quote_limit, where(c))
             for n, c in enumerate(answer.citations, start=1)]
    related = [passage_text("-", c, shown, quote_limit, where(c)) for c in answer.related]
    if cited:
        cited[0] = ("Sources:" if answer.answered else "Closest passages:") + "\n" + cited[0]
    if related:
        related[0] = f"{RELATED_HEADING}\n{related[0]}"
    passages = cited + related
    if passages:  # a blank line between the answer and its passages
        passages[0] = "\n" + passages[0]
    return head, passages


def render_answer(answer: Answer, locate: bool = True) -> str:
    """``locate``: as ``answer_parts``; chat fallbacks (a notification's text) leave them out."""
    head, passages = answer_parts(answer, locate=locate)
    return "\n".join([head, *passages]).rstrip()


# How to see the events a "what happened next?" reply leaves out, which come after those it lists
# (``Timeline.later``); every renderer says it where it says how to see the less supported ones.
NEXT_HINT = "ask “and then?” for the next ones"


def render_timeline(timeline: Timeline) -> str:
    searched, events = timeline_parts(timeline)
    if not timeline.events:
        said = no_events_text(timeline)
        return "\n".join(filter(None, [searched, said]))
    lines = [searched, *events] if searched else events
    if timeline.omitted:
        why = f"later; {NEXT_HINT}" if timeline.later else "less supported; name a topic to narrow the timeline down"
        lines.append(f"…and {timeline.omitted} more dated event{'s' if timeline.omitted != 1 else ''}, {why}.")
    return "\n".join(lines)


def no_events_text(timeline: Timeline, topic: str | None = None) -> str:
    """What a timeline without events says: its note alone when the topic names a time that can't be placed
    ("last week"), since nothing was looked up; otherwise that the articles give no dated events on it, and the
    note. ``topic``: the topic as the platform shows it (escaped), when not as written."""
    if timeline.asked_back:
        return timeline.note
    shown = topic if topic is not None else timeline.topic
    about = f" about “{shown}”" if timeline.topic else ""
    return f"The articles give no dated events{about}. {timeline.note}".rstrip()


def render_sources(sources: SourcesList) -> str:
    if not sources.sources:
        return "No articles are indexed."
    head, items = sources_parts(sources)
    return "\n".join([head, *items])


SOURCES_FILENAME = "sources.txt"


def sources_file(sources: SourcesList) -> tuple[str, bytes]:
    """The whole list as a text file, for a chat reply that can't list every article: a moderator needs the id
    of any of them for /remove-article, and nobody in a chat can open the server's index folder."""
    return SOURCES_FILENAME, (render_sources(sources) + "\n").encode("utf-8")


def sources_not_sent(count: int, how: str) -> str:
    """The end of a cut list whose ``sources.txt`` did not arrive (Discord refused the attachment, Slack would
    not share it in a channel the bot is not in): the list must not send anyone to a file that is not there,
    so it says how to read all ``count`` articles instead; ``how`` is the platform's way to get the file, and
    the command line on the bot's server lists every article wherever the bot may post."""
    return (f"{SOURCES_FILENAME} could not be sent here; for all {count}, {how} "
            "(or `dispute-bot sources` where the bot runs)")


def render_status(status: IndexStatus) -> str:
    """As chat shows it (no folder of the server's): the terminal's and Slack's, and Discord's embed."""
    return status_text(status, chat=True)


def render(result: Result, locate: bool = True) -> str:
    if isinstance(result, Answer):
        return render_answer(result, locate)
    if isinstance(result, Timeline):
        return render_timeline(result)
    if isinstance(result, SourcesList):
        return render_sources(result)
    if isinstance(result, IndexChange):
        return result.summary()
    if isinstance(result, IndexStatus):
        return render_status(result)
    if isinstance(result, Notice):
        return f"{result.text}\n{result.detail}" if locate and result.detail else result.text
    if isinstance(result, Reply):
        return result.text
    if isinstance(result, Feedback):
        more = [passage_text(f"[{n}]", c) for n, c in enumerate(result.alternatives, start=1)]
        return "\n".join([result.text, *more])
    if isinstance(result, GapReport | ChangeHistory):
        return "\n".join(result.lines())
    raise TypeError(f"cannot render {type(result).__name__}")
