"""Block Kit rendering of command results, within Slack's limits and with mrkdwn escaped.

Pure functions, so every limit is testable without Slack. Each string that came from a user or an article
goes through ``escape``: Slack turns ``<!everyone>``, ``<@U…>`` or ``<url|label>`` into pings and links only
when ``<`` and ``>`` arrive unescaped, so escaping ``&``, ``<`` and ``>`` is what stops a question or an
article from pinging a workspace or disguising a link. Links are built here, and only from http(s) URLs.
mrkdwn text objects are ``verbatim``: Slack does not turn bare URLs or channel names in a quote or a question
into links either; only the links built here are live.

Escaping does not stop formatting: in mrkdwn an article's "*farm*" turns bold and "~now~" struck. Text that
is only an article's or a user's words (the question, the answer, each quote, a report) therefore goes in
``plain_text`` objects, which Slack shows as written and people copy exactly; where it shares a line with
the bot's own formatting (a title in a link, a timeline's summaries) it goes through ``literal``, which
leaves its formatting characters nothing to pair with.

The building blocks are ``bot.slack.blocks``, the two long lists (a timeline, the sources) ``bot.slack.listings``,
every message's plain-text fallback ``bot.slack.fallback_text``, and the message itself ``bot.slack.message``; this
module renders the rest and dispatches each result.
"""

from __future__ import annotations

from typing import Any

from bot.change_history import ChangeHistory
from bot.history_results import CHAT_QUESTION_CHARS, Feedback, GapReport
from bot.render import plain
from bot.render.dates import shown_date, shown_meant
from bot.render.typed import given_back
from bot.results import CHAT_IDS, IndexChange, IndexStatus, Notice, Reply, Result, SourcesList
from bot.slack.blocks import FALLBACK_LIMIT as FALLBACK_LIMIT
from bot.slack.blocks import MAX_BLOCKS as MAX_BLOCKS
from bot.slack.blocks import (
    MESSAGE_TEXT_LIMIT,
    QUOTE_LIMIT,
    context,
    labelled,
    plain_text,
    section,
    text_sections,
)
from bot.slack.fallback_text import fallback
from bot.slack.listings import render_sources, render_timeline
from bot.slack.message import SlackMessage as SlackMessage
from bot.slack.mrkdwn import as_shown, clip, escape, link, literal
from retrieval.types import Answer, Citation, Timeline

MAX_ANSWER_SECTIONS = 2  # 6,000 characters: the quotes need the rest of the message's 12,000
FEEDBACK_ACTIONS = {"feedback_up": 1, "feedback_down": -1}  # action_id -> vote; the button value is the answer id


# -- results ---------------------------------------------------------------------------------------


def _citation(n: int | None, c: Citation) -> list[dict[str, Any]]:
    """The source's title, link and date, then the quote in a plain_text section of its own: shown and copied
    exactly as the article has it. ``n`` is the answer's marker for the quote; a related sentence, which the
    answer doesn't cite, has none."""
    head = link(c.url, c.title or c.doc_id) if n is None else f"*[{n}]* {link(c.url, c.title or c.doc_id)}"
    head += f" · {literal(shown_date(c.date, c.date_estimated) or c.date) if c.date else 'undated'}"
    if c.meant:
        head += f" · {literal(shown_meant(c.meant))}"
    quote = "\n".join(line for line in escape(c.quoted).splitlines() if line.strip()) or "…"
    return [section(head), {"type": "section", "text": plain_text(quote, QUOTE_LIMIT)}]


def _text_of(blocks: list[dict[str, Any]]) -> int:
    return sum(len(e["text"]) for b in blocks for e in ([b["text"]] if "text" in b else b.get("elements", []))
               if isinstance(e.get("text"), str))


def render_answer(answer: Answer, show_question: bool = True) -> SlackMessage:
    """The answer, then each cited quote with its title, date and link; quotes that would take the message
    past Slack's block or text limits are counted in a note instead."""
    blocks: list[dict[str, Any]] = []
    if show_question and answer.question:
        blocks.append(labelled("*Question:*", answer.question))
    blocks.extend(text_sections(escape(answer.text), MAX_ANSWER_SECTIONS))
    if answer.searched_for:  # a follow-up, searched with words from earlier in the thread
        blocks.append(labelled("_Searched for:_", " ".join(answer.searched_for.split())))
    buttons = [feedback_buttons(answer.answer_id)] if answer.answer_id else []
    if answer.citations:
        heading = "*Sources*" if answer.answered else "*Closest passages* (they do not answer the question)"
        blocks.append(context(heading))
        blocks += _quotes([_citation(n, c) for n, c in enumerate(answer.citations, start=1)],
                          MAX_BLOCKS - len(blocks) - len(buttons), MESSAGE_TEXT_LIMIT - _text_of(blocks),
                          "sources")
    room = MAX_BLOCKS - len(blocks) - len(buttons) - 1
    if answer.related and room > 0:
        heading_block = context(f"*{plain.RELATED_HEADING[:-1]}*")
        related = _quotes([_citation(None, c) for c in answer.related], room,
                          MESSAGE_TEXT_LIMIT - _text_of(blocks) - _text_of([heading_block]), "", note=False)
        blocks += [heading_block, *related] if related else []
    return SlackMessage(fallback(answer), blocks + buttons)


def _quotes(items: list[list[dict[str, Any]]], room: int, chars: int, noun: str, note: bool = True
            ) -> list[dict[str, Any]]:
    """Each item's blocks while ``room`` blocks and ``chars`` characters last (one block and a few
    characters kept for the note that counts the rest)."""
    out: list[dict[str, Any]] = []
    for i, blocks in enumerate(items):
        size = _text_of(blocks)
        last = i == len(items) - 1
        if (len(out) + len(blocks) > room - (0 if last else 1)) or size > chars - (0 if last else 60):
            if note:
                out.append(context(f"…and {len(items) - i} more {noun} not shown."))
            return out
        out += blocks
        chars -= size
    return out


def feedback_buttons(answer_id: str) -> dict[str, Any]:
    """👍/👎 for the answer; the votes go to the core and never show on the shared message."""
    def button(action_id: str, text: str) -> dict[str, Any]:
        return {"type": "button", "action_id": action_id, "value": answer_id,
                "text": {"type": "plain_text", "text": text, "emoji": True}}

    return {"type": "actions", "block_id": f"feedback:{answer_id}"[:255],
            "elements": [button("feedback_up", "👍 Helpful"), button("feedback_down", "👎 Not helpful")]}


def render_feedback(feedback: Feedback) -> SlackMessage:
    """The thanks, then after a 👎 the next-best passages, the best first, within the message's block and text
    limits (a passage past them is counted, not sent: Slack refuses the whole message). The fallback text
    carries the passages too: it is what is sent when Slack refuses the blocks, and it held only the thanks."""
    thanks = section(escape(feedback.text))
    passages = _quotes([_citation(n, c) for n, c in enumerate(feedback.alternatives, start=1)],
                       MAX_BLOCKS - 1, MESSAGE_TEXT_LIMIT - _text_of([thanks]), "passages")
    return SlackMessage(fallback(feedback), [thanks, *passages] if passages else [thanks], ephemeral=True)


def render_report(report: GapReport) -> SlackMessage:
    lines = "\n".join(report.lines(CHAT_QUESTION_CHARS))  # people's questions: plain_text sections
    return SlackMessage(fallback(report), text_sections(escape(lines), 10), ephemeral=True)


def render_notice(notice: Notice, show_question: bool = True) -> SlackMessage:
    """A notice may repeat what was typed or uploaded (an id, a file name): it is shown as written. A refusal
    gives back the question as typed (``Notice.asked``) to a slash command, whose text is gone once sent."""
    said = clip(literal(notice.text, keep_urls=True), FALLBACK_LIMIT)
    if show_question and notice.asked:
        said = given_back(said, as_shown(notice.asked), FALLBACK_LIMIT, escape)
    return SlackMessage(said, ephemeral=True)


def render(result: Result, show_question: bool = True) -> SlackMessage:
    """Any core result as a Slack message; ``Notice`` and moderator reports are marked ephemeral."""
    if isinstance(result, Answer):
        return render_answer(result, show_question)
    if isinstance(result, Timeline):
        return render_timeline(result)
    if isinstance(result, SourcesList):
        return render_sources(result)
    if isinstance(result, Notice):
        return render_notice(result, show_question)
    if isinstance(result, Reply):
        return SlackMessage(clip(escape(result.text), FALLBACK_LIMIT), ephemeral=result.ephemeral)
    if isinstance(result, Feedback):
        return render_feedback(result)
    if isinstance(result, GapReport):
        return render_report(result)
    if isinstance(result, IndexChange | IndexStatus | ChangeHistory):
        said = result.summary(CHAT_IDS) if isinstance(result, IndexChange) else plain.render(result)
        return SlackMessage(fallback(result), text_sections(escape(said), 10), ephemeral=True)
    raise TypeError(f"cannot render {type(result).__name__}")
