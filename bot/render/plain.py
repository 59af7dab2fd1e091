"""Plain-text rendering for the terminal chat and the CLI."""

from __future__ import annotations

from bot.history_results import Feedback, GapReport
from bot.render.dates import shown_date
from bot.results import IndexChange, IndexStatus, Notice, Result, SourcesList
from retrieval.types import Answer, Citation, Timeline


def source_line(c: Citation) -> str:
    parts = [c.title or c.doc_id]
    if c.date:
        parts.append(shown_date(c.date, c.date_estimated) or c.date)
    if c.url:
        parts.append(c.url)
    return " · ".join(parts)


def render_answer(answer: Answer) -> str:
    lines = [answer.text, ""]
    if answer.searched_for:  # a follow-up, searched with words from earlier in the conversation
        lines[1:1] = [f"(Searched for: {answer.searched_for})"]
    heading = "Sources:" if answer.answered else "Closest passages:"
    if answer.citations:
        lines.append(heading)
    for n, c in enumerate(answer.citations, start=1):
        lines.append(f"[{n}] “{c.quote}”")
        lines.append(f"    — {source_line(c)} [{c.doc_id} {c.start}-{c.end}]")
    return "\n".join(lines).rstrip()


def render_timeline(timeline: Timeline) -> str:
    if not timeline.events:
        about = f" about “{timeline.topic}”" if timeline.topic else ""
        return f"The articles give no dated events{about}."
    lines: list[str] = []
    for event in timeline.events:
        lines.append(f"{shown_date(event.date, event.date_estimated)}  {event.summary}")
        for c in event.citations:
            quote = "" if c.quote == event.summary else f"“{c.quote}” "
            lines.append(f"            — {quote}({source_line(c)})")
    return "\n".join(lines)


def render_sources(sources: SourcesList) -> str:
    if not sources.sources:
        return "No articles are indexed."
    lines = [f"{len(sources.sources)} articles:"]
    for s in sources.sources:
        meta = " · ".join(x for x in (shown_date(s.date, s.date_estimated) or "undated", s.source, s.url) if x)
        lines.append(f"- {s.doc_id}: {s.title} ({meta}; {s.chunks} chunks)")
    return "\n".join(lines)


def render_status(status: IndexStatus) -> str:
    return (f"{status.docs} articles, {status.chunks} chunks; model {status.model}; "
            f"FAISS {status.faiss_factory}; built {status.built_at}")


def render(result: Result) -> str:
    if isinstance(result, Answer):
        return render_answer(result)
    if isinstance(result, Timeline):
        return render_timeline(result)
    if isinstance(result, SourcesList):
        return render_sources(result)
    if isinstance(result, IndexChange):
        return result.summary()
    if isinstance(result, IndexStatus):
        return render_status(result)
    if isinstance(result, Notice):
        return result.text
    if isinstance(result, Feedback):
        more = [f"[{n}] “{c.quote}”\n    — {source_line(c)}" for n, c in enumerate(result.alternatives, start=1)]
        return "\n".join([result.text, *more])
    if isinstance(result, GapReport):
        return "\n".join(result.lines())
    raise TypeError(f"cannot render {type(result).__name__}")
