"""Results → Discord messages that Discord always accepts.

Every part is fitted to Discord's limits (``bot.discord.limits``); long results are clipped or split over a
few messages, so nothing is ever sent that Discord would refuse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import discord

from bot.change_history import ChangeHistory
from bot.discord.limits import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    ELLIPSIS,
    EMBED_TOTAL_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    TITLE_LIMIT,
    clip,
    fit_embed,
    link,
    safe,
)
from bot.discord.outgoing import Outgoing
from bot.discord.plain_text import REPORT_HINT, TIMELINE_HINT, plain_content, plain_sources
from bot.history_results import CHAT_QUESTION_CHARS, Feedback, GapReport
from bot.render.dates import shown_date, shown_event_date, shown_meant, span_words
from bot.render.lines import one_line
from bot.render.plain import (
    NEXT_HINT,
    no_events_text,
    render_status,
    sources_file,
    sources_not_sent,
    without_direction_changes,
)
from bot.render.typed import given_back
from bot.render.whole import fitting_whole, passages_not_shown
from bot.results import CHAT_IDS, IndexChange, IndexStatus, Notice, Reply, Result, SourcesList
from retrieval.types import Answer, Citation, Timeline, TimelineEvent, same_title_and_date
from retrieval.wording import ALSO_IN_THE_ARTICLES

# Our own, tighter choices: a reply should be readable, not merely accepted.
MAX_CITATIONS = 10
ANSWER_TEXT_LIMIT = 2048
PAGE_LIMIT = 4000  # one page of a list (timeline, sources) per embed
MAX_MESSAGES = 3  # a long list is cut after this many messages rather than flooding the channel


# -- results ----------------------------------------------------------------------------------------


def _citation_value(c: Citation, limit: int) -> str:
    when = safe(shown_date(c.date, c.date_estimated) or "undated", 40)
    if c.meant:
        when += f" · {safe(shown_meant(c.meant), 80)}"
    source = f"{when} · {link('Read the article', c.url) if c.url else safe(c.doc_id, 100)}"
    room = limit - len(source) - 1  # the line break
    if room < 20:  # a pathological source line: keep the quote, drop the source details
        source = safe(c.doc_id, 40)
        room = limit - len(source) - 1
    return clip(f"{safe(c.quoted, max(room, 1))}\n{source}", limit)


def render_answer(answer: Answer) -> list[Outgoing]:
    shown = answer.citations[:MAX_CITATIONS]
    embed = discord.Embed(
        title=safe(answer.question, TITLE_LIMIT) or None,
        description=safe(answer.text, ANSWER_TEXT_LIMIT, keep_lines=True) or "\u200b",
        colour=discord.Colour.blurple() if answer.answered else discord.Colour.light_grey(),
    )
    # A decline with no passage to show ("The articles name no laws.") points at none: "these are the closest
    # ones" sat under an empty embed.
    footer = ("Quotes are verbatim from the indexed news articles." if answer.answered
              else "No passage answers this directly; these are the closest ones." if answer.citations
              else "No passage answers this.")
    if answer.searched_for:  # a follow-up, searched with words from earlier in the conversation
        footer = clip(f"Searched for: {' '.join(answer.searched_for.split())}", 400) + "\n" + footer
    if len(answer.citations) > len(shown):
        footer += f" {len(answer.citations) - len(shown)} more sources not shown."
    embed.set_footer(text=footer)
    related = answer.related[: max(0, MAX_CITATIONS - len(shown))]
    names = [clip(f"[{n}] " + safe(c.title or c.doc_id, FIELD_NAME_LIMIT), FIELD_NAME_LIMIT)
             for n, c in enumerate(shown, start=1)]
    names += [clip(f"{ALSO_IN_THE_ARTICLES}: " + safe(c.title or c.doc_id, FIELD_NAME_LIMIT), FIELD_NAME_LIMIT)
              for c in related]
    quoted = [*shown, *related]
    room = EMBED_TOTAL_LIMIT - len(embed) - sum(len(name) for name in names)
    per_value = min(FIELD_VALUE_LIMIT, room // max(1, len(quoted)))
    for name, c in zip(names, quoted, strict=True):
        embed.add_field(name=name, value=_citation_value(c, per_value), inline=False)
    return [Outgoing(embeds=(fit_embed(embed),), feedback=answer.answer_id)]


def render_feedback(feedback: Feedback) -> list[Outgoing]:
    """The clicker's thanks; after a 👎, the next-best passages as quotes, the best ones first and whole, each
    with its source line, while they fit in the embed's 6,000 characters; the rest are counted in the footer.
    Given a share each (as an answer's citations are), the best passages lost most of their words to make room
    for the weakest; cut down to fit afterwards, the first ones were left as a bare "…" without their link."""
    thanks = clip(feedback.text, CONTENT_LIMIT)
    if not feedback.alternatives:
        return [Outgoing(content=thanks, ephemeral=True)]
    embed = discord.Embed(title="Other passages", colour=discord.Colour.light_grey())
    offered = feedback.alternatives[:MAX_CITATIONS]
    names = [clip(f"[{n}] " + safe(c.title or c.doc_id, FIELD_NAME_LIMIT), FIELD_NAME_LIMIT)
             for n, c in enumerate(offered, start=1)]
    values = [_citation_value(c, FIELD_VALUE_LIMIT) for c in offered]
    shown = fitting_whole([len(name) + len(value) for name, value in zip(names, values, strict=True)],
                          EMBED_TOTAL_LIMIT - len(embed), len(passages_not_shown(len(feedback.alternatives))))
    for name, value in zip(names[:shown], values[:shown], strict=True):
        embed.add_field(name=name, value=value, inline=False)
    if len(feedback.alternatives) > shown:
        embed.set_footer(text=passages_not_shown(len(feedback.alternatives) - shown))
    return [Outgoing(content=thanks, embeds=(fit_embed(embed),), ephemeral=True)]


def render_report(report: GapReport) -> list[Outgoing]:
    lines = [safe(line, PAGE_LIMIT, keep_lines=True) for line in report.lines(CHAT_QUESTION_CHARS)]
    pages = paged("Knowledge gaps", lines[1:], "lines", REPORT_HINT, discord.Colour.orange())
    return [Outgoing(content=clip(lines[0], CONTENT_LIMIT), embeds=p.embeds, ephemeral=True) if n == 0
            else Outgoing(embeds=p.embeds, ephemeral=True) for n, p in enumerate(pages)]


def _event_line(event: TimelineEvent) -> str:
    """The date, its summary and the article that says it (with any copy of it); other articles' reports of
    that date (or week, or period) are named as such, never as sources of a sentence they may not contain,
    and never the summary's own article again."""
    own, copies, others = _summary_sources(event)
    when = shown_event_date(event.date, event.date_estimated, event.planned)
    line = f"**{safe(when, 90)}** — “{safe(one_line(event.summary), 600)}”"
    if own is not None:
        line += f" — {link(safe(own.title or own.doc_id, 80), own.url)}"
        line += "".join(f" · {link('a copy', c.url)}" if same_title_and_date(own, c)
                        else f" · {link(safe(c.title or c.doc_id, 80), c.url)}" for c in copies)
    if others:
        also = [link(safe(c.title or c.doc_id, 80), c.url) for c in others[:2]]
        also += [f"+{len(others) - 2} more"] if len(others) > 2 else []
        line += f" (also reported {span_words(event.date)}: {' · '.join(also)})"
    return line


def paged(title: str, lines: Sequence[str], noun: str, hint: str, colour: discord.Colour, omitted: int = 0
          ) -> list[Outgoing]:
    """Lines over at most ``MAX_MESSAGES`` messages of one embed each; a footer says what was left out
    (``omitted``: how many the result itself already left out)."""
    pages: list[list[str]] = []
    size = 0
    for line in (clip(line, PAGE_LIMIT) for line in lines):
        if pages and size + 1 + len(line) <= PAGE_LIMIT:
            pages[-1].append(line)
            size += 1 + len(line)
        else:
            pages.append([line])
            size = len(line)
    shown = pages[:MAX_MESSAGES]
    hidden = len(lines) - sum(len(page) for page in shown) + omitted
    embeds = [discord.Embed(title=clip(title if n == 0 else f"{title} (continued)", 200),
                            description="\n".join(page), colour=colour) for n, page in enumerate(shown)]
    if hidden:
        embeds[-1].set_footer(text=clip(f"{hidden} more {noun} not shown; {hint}", 200))
    return [Outgoing(embeds=(fit_embed(e),)) for e in embeds]


def render_timeline(timeline: Timeline) -> list[Outgoing]:
    title = "Timeline" + (f": {safe(timeline.topic, 150)}" if timeline.topic else "")
    title += " (newest first)" if timeline.newest_first else ""
    if timeline.searched_for:  # the topic's typos mended
        title += f" (searched for: {safe(' '.join(timeline.searched_for.split()), 150)})"
    if not timeline.events:
        said = no_events_text(timeline, safe(timeline.topic, 300) if timeline.topic else None)
        return [Outgoing(embeds=(discord.Embed(title=clip(title, 200), description=said,
                                               colour=discord.Colour.teal()),))]
    hint = NEXT_HINT if timeline.later else TIMELINE_HINT
    return paged(title, [_event_line(e) for e in timeline.events], "events", hint, discord.Colour.teal(),
                 omitted=timeline.omitted)


def render_sources(sources: SourcesList) -> list[Outgoing]:
    if not sources.sources:
        return [Outgoing(embeds=(discord.Embed(title="Sources", description="No articles are indexed."),))]
    lines = []
    for s in sources.sources:
        when = safe(shown_date(s.date, s.date_estimated) or "undated", 40)
        meta = " · ".join(x for x in (when, safe(s.source or "", 80), f"{s.chunks} chunks") if x)
        doc_id = s.doc_id.replace("`", "'")[:100]
        lines.append(f"`{doc_id}` {link(safe(s.title or s.doc_id, 200), s.url)} ({meta})")
    name, data = sources_file(sources)
    count, title, colour = len(sources.sources), f"Sources: {len(sources.sources)} articles", discord.Colour.dark_grey()
    messages = paged(title, lines, "articles", f"all {count} are in the attached {name}.", colour)
    if messages[-1].embeds[0].footer.text:  # some were left out: the whole list goes with the last page
        # Without Attach Files the page goes again without the file, and then says how to get the list.
        unattached = paged(title, lines, "articles",
                           sources_not_sent(count, "run /sources where the bot may attach files") + ".", colour)[-1]
        messages[-1] = replace(messages[-1], files=((name, data),), unattached=unattached)
    return messages


_CHANGE_TITLES = {"reindex": "Index rebuilt", "add": "Articles added", "remove": "Article removed"}


def _summary_sources(event: TimelineEvent) -> tuple[Citation | None, list[Citation], list[Citation]]:
    """The citation whose sentence is the event's summary, its copies (``TimelineEvent.reports``), and the
    other articles reporting that date, each once: none of them the summary's own article or a copy's."""
    reports = event.reports()
    own, copies = next(((c, more) for c, more in reports if c.quote == event.summary), (None, []))
    named = {c.doc_id for c in ([own] if own else []) + copies}
    others: list[Citation] = []
    for c, more in reports:
        if c.doc_id not in named:
            others.append(c)
            named |= {c.doc_id, *(m.doc_id for m in more)}
    return own, copies, others


def render(result: Result, show_question: bool = True) -> list[Outgoing]:
    """The messages for ``result``: never empty, each one within every Discord limit. ``show_question``: a
    refusal gives back the question as typed (``Notice.asked``); not to a message, whose words stay."""
    if isinstance(result, Answer):
        return render_answer(result)
    if isinstance(result, Timeline):
        return render_timeline(result)
    if isinstance(result, SourcesList):
        return render_sources(result)
    if isinstance(result, IndexChange):
        embed = discord.Embed(title=_CHANGE_TITLES.get(result.action, "Index changed"),
                              description=safe(result.summary(CHAT_IDS), DESCRIPTION_LIMIT, keep_lines=True),
                              colour=discord.Colour.green())
        return [Outgoing(embeds=(fit_embed(embed),))]
    if isinstance(result, IndexStatus):
        embed = discord.Embed(title="Index status", description=safe(render_status(result), DESCRIPTION_LIMIT,
                                                                     keep_lines=True))
        return [Outgoing(embeds=(fit_embed(embed),))]
    if isinstance(result, ChangeHistory):  # names and titles are anyone's words: escaped, as a notice's are
        embed = discord.Embed(title="Moderator changes", description=safe("\n".join(result.lines()),
                                                                          DESCRIPTION_LIMIT, keep_lines=True))
        return [Outgoing(embeds=(fit_embed(embed),))]
    if isinstance(result, Notice):
        # A notice may repeat what was typed or uploaded (an article id, a file name, a period): escaped, so
        # "/remove-article article_id:**x**" is not answered in bold. Notices mean no markdown of their own.
        text = safe(result.text, CONTENT_LIMIT, keep_lines=True) or ELLIPSIS
        if show_question and result.asked:  # in a code block: shown as typed, and no mention in it pings
            text = given_back(text, result.asked, CONTENT_LIMIT, without_direction_changes)
        return [Outgoing(content=text, ephemeral=result.ephemeral)]
    if isinstance(result, Reply):  # the bot's own words (``bot.smalltalk``), never a user's
        return [Outgoing(content=clip(result.text, CONTENT_LIMIT) or ELLIPSIS, ephemeral=result.ephemeral)]
    if isinstance(result, Feedback):
        return render_feedback(result)
    if isinstance(result, GapReport):
        return render_report(result)
    raise TypeError(f"cannot render {type(result).__name__}")


def render_plain(result: Result) -> list[Outgoing]:
    """``result`` as text alone, for a channel where the bot may send messages but not embeds: without
    Embed Links, Discord refuses an embed-only message (403, code 50013). The 👍/👎 buttons need no such
    permission, so an answer keeps them."""
    messages = render(result)
    if not any(m.embeds for m in messages):
        return messages
    if isinstance(result, SourcesList):
        return [plain_sources(result)]
    return [Outgoing(content=plain_content(result), feedback=result.answer_id if isinstance(result, Answer) else None)]
