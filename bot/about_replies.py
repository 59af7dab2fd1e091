"""What the bot says about what it knows, from what it holds: its articles (how many, which, their dates), the
period they report, and the conversation's last answer. Plain text, the same on every platform.

One generic line ("Every quote names its article … and a link where the article has one") answered "how many
sources do you have?", "what articles do you have?", "how recent is your info?" and "source?" alike, none of
them, and promised links no article had. Links are named only where an article has one.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.render.dates import shown_date
from bot.results import counted
from retrieval.turns import Turn
from retrieval.types import SourceInfo

LISTED = 8  # articles named in a reply; /sources lists them all
TITLE_CHARS = 90
ASK_AGAIN = ("Asking it in other words often helps (the articles' own words work best), or /timeline lists the "
             "dated events.")


def _title(source: SourceInfo) -> str:
    title = " ".join((source.title or source.doc_id).split())
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS].rstrip() + "…"


def _named(source: SourceInfo) -> str:
    """“Title” (date), with its address when it has one."""
    when = shown_date(source.date, source.date_estimated) or "undated"
    return f"“{_title(source)}” ({when}{', ' + source.url if source.url else ''})"


def dates_of(sources: Sequence[SourceInfo]) -> str:
    """"dated 2021-02-10 to 2021-02-14, 2 undated": the span of the articles' own dates."""
    days = sorted(s.date[:10] for s in sources if s.date)
    undated = len(sources) - len(days)
    if not days:
        return "none of them dated"
    span = days[0] if days[0] == days[-1] else f"{days[0]} to {days[-1]}"
    estimated = " (some estimated from their text)" if any(s.date_estimated for s in sources) else ""
    return f"dated {span}{estimated}" + (f", {undated} undated" if undated else "")


def _reported(period: tuple[str, str] | None) -> str:
    return f" They report events from {period[0]} to {period[1]}." if period else ""


def stock_text(sources: Sequence[SourceInfo], period: tuple[str, str] | None) -> str:
    """How many articles, their dates and titles (the first ``LISTED``)."""
    if not sources:
        return "I have no articles indexed yet, so I can't answer anything; a moderator adds them."
    lines = [f"I have {counted(len(sources), 'article')}, {dates_of(sources)}:"]
    lines += [f"- {_named(s)}" for s in sources[:LISTED]]
    if len(sources) > LISTED:
        lines.append(f"…and {len(sources) - LISTED} more.")
    lines.append(f"{_reported(period)} /sources lists them with their ids.".strip())
    return "\n".join(lines)


def recent_text(sources: Sequence[SourceInfo], period: tuple[str, str] | None) -> str:
    """How recent the articles are, and that nothing later is known."""
    if not sources:
        return stock_text(sources, period)
    return (f"My {counted(len(sources), 'article')} {'are' if len(sources) != 1 else 'is'} {dates_of(sources)}."
            f"{_reported(period)} I know only what they say: nothing after them, and I don't follow the news. "
            "/sources lists them.")


def web_text(sources: Sequence[SourceInfo], period: tuple[str, str] | None) -> str:
    """That the bot searches no web, and what it reads instead."""
    return (f"No, I can't search the web or follow the news: I answer only from the {counted(len(sources), 'article')} "
            f"I have ({dates_of(sources)}), quoting them. /sources lists them; a moderator can add more "
            "(ask me “how do I add an article?”).")


def cited_text(last: Turn | None, sources: Sequence[SourceInfo], period: tuple[str, str] | None) -> str:
    """The articles the last answer quoted ("source?" right after it); with no answer before, the articles."""
    linked = any(s.url for s in sources)
    where = "title and date" + (", and a link where the article has one" if linked else "")
    if last is None:
        return f"Every quote names its article right under the answer: {where}. {stock_text(sources, period)}"
    if not last.answered or not last.doc_ids:
        return (f"Every quote names its article right under the answer: {where}. My last reply quoted none as an "
                f"answer, since the articles didn't answer “{last.question}”. /sources lists every article I have.")
    by_id = {s.doc_id: s for s in sources}
    quoted = [by_id[d] for d in last.doc_ids if d in by_id]
    named = "; ".join(_named(s) for s in quoted) or "articles since removed from the index"
    return (f"Every quote names its article right under the answer. That answer quoted "
            f"{counted(len(quoted), 'article') if quoted else 'articles'}: {named}. /sources lists all "
            f"{counted(len(sources), 'article')} I have.")


def noted_text(last: Turn | None, noted: str) -> str:
    """"ok", "lol" after a reply: ``noted`` ("Glad that helps") only after an answer."""
    if last is None:
        return "Ask me anything about the articles whenever you like."
    if not last.answered:
        return f"Sorry I couldn't answer “{last.question}”. {ASK_AGAIN}"
    return noted


def more_text(last: Turn | None, exhausted: bool = False) -> str:
    """What "more" gets when there is nothing more to show: no question before, a declined one, or none left."""
    if last is None:
        return ("More of what? Ask me a question about the articles; after an answer, “more” shows the next-best "
                "passages.")
    if exhausted:
        return f"That's all I found for “{last.question}”. {ASK_AGAIN}"
    return (f"I found no answer to “{last.question}”, so I have nothing more on it; its closest passages were shown "
            f"with it. {ASK_AGAIN}")


def more_heading(question: str) -> str:
    return f"More from the articles on “{question}”: the next-best passages after the answer."
