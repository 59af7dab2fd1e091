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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.history_results import CHAT_QUESTION_CHARS, Feedback, GapReport
from bot.render import plain
from bot.render.dates import shown_date, shown_event_date, span_words
from bot.render.examples import TIMELINE_DAY, TIMELINE_TOPIC
from bot.render.lines import one_line
from bot.render.typed import given_back
from bot.results import CHAT_IDS, IndexChange, IndexStatus, Notice, Reply, Result, SourcesList
from bot.slack.mrkdwn import SECTION_LIMIT, clip, escape, link, literal, split_text, without_neutralisers
from retrieval.types import Answer, Citation, Timeline, TimelineEvent, same_title_and_date

CONTEXT_LIMIT = 2000  # kept below the 3,000 of a text object: context lines are meant to be short
MAX_BLOCKS = 50  # blocks in one message
# All the blocks' text together: Slack refuses a message over about 12,000 characters (msg_blocks_too_long),
# and its plain-text fallback would then carry only the first few events of a long timeline, without links.
MESSAGE_TEXT_LIMIT = 11_000
EVENT_SUMMARY_LIMIT = 600  # one long web paragraph read as a sentence would crowd out its own sources
FALLBACK_LIMIT = 3000  # the notification/fallback ``text``; Slack allows 40,000 but nobody reads that
MAX_ANSWER_SECTIONS = 2  # 6,000 characters: the quotes need the rest of the message's 12,000
MAX_EVENT_SOURCES = 3
QUOTE_LIMIT = 1500  # one cited quote; a web paragraph read as one sentence would leave no room for the others
# How to reach the events a timeline leaves out (Discord's footer says it too): a topic narrows it down.
TIMELINE_HINT = f"; name a topic to narrow it down (`/timeline {TIMELINE_TOPIC}`, `/timeline {TIMELINE_DAY}`)"
FEEDBACK_ACTIONS = {"feedback_up": 1, "feedback_down": -1}  # action_id -> vote; the button value is the answer id



@dataclass(frozen=True)
class SlackMessage:
    """What is posted: Block Kit ``blocks`` plus the plain ``text`` fallback used by notifications."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    ephemeral: bool = False  # only the asker should see it (refusals, errors, moderator reports)
    file: tuple[str, bytes] | None = None  # (name, data) to share in the channel with it: what didn't fit
    # What to send instead when ``file`` can't be shared (a channel the bot is not in answers not_in_channel):
    # the text of a cut /sources list speaks of its file, and must not once there is none.
    unshared: SlackMessage | None = None

    def payload(self) -> dict[str, Any]:
        """What is posted. With blocks, ``text`` is only the notification's plain text: the word joiners that
        keep formatting characters inert in it when it is sent alone (Slack refused the blocks) are left out."""
        return {"text": without_neutralisers(self.text), "blocks": self.blocks} if self.blocks else {"text": self.text}


# -- text ------------------------------------------------------------------------------------------


def _mrkdwn(text: str, limit: int) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(text, limit), "verbatim": True}


def _plain(escaped: str, limit: int) -> dict[str, Any]:
    """A ``plain_text`` object: shown as written, no formatting and no ``:emoji:`` codes. Slack decodes the
    three entities in it as in mrkdwn, so it is escaped all the same, and pings stay impossible."""
    return {"type": "plain_text", "text": clip(escaped, limit), "emoji": False}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": _mrkdwn(text, SECTION_LIMIT)}


def _plain_section(escaped: str) -> dict[str, Any]:
    return {"type": "section", "text": _plain(escaped, SECTION_LIMIT)}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [_mrkdwn(text, CONTEXT_LIMIT)]}


def _labelled(label: str, words: str) -> dict[str, Any]:
    """A context line of the bot's mrkdwn ``label`` then someone's ``words`` as written."""
    return {"type": "context", "elements": [_mrkdwn(label, CONTEXT_LIMIT),
                                            _plain(escape(words), CONTEXT_LIMIT)]}


def _fallback(result: Result) -> str:
    """The notification text: mrkdwn that Slack auto-links, so addresses stay whole (``literal``)."""
    return clip(literal(plain.render(result, locate=False), keep_urls=True), FALLBACK_LIMIT)


def _text_sections(escaped: str, max_sections: int) -> list[dict[str, Any]]:
    """Escaped text that is someone's words, or has none of the bot's formatting, as plain_text sections."""
    pieces = split_text(escaped) or ["(empty)"]
    if len(pieces) > max_sections:
        pieces = pieces[:max_sections]
        pieces[-1] = clip(pieces[-1] + " …", SECTION_LIMIT)
    return [_plain_section(p) for p in pieces]


def _pack(items: list[str], budget: int, noun: str, sep: str, hint: str = "") -> list[dict[str, Any]]:
    """One section per item when they fit in ``budget`` blocks, otherwise items share sections; never more
    text than one message carries (``MESSAGE_TEXT_LIMIT``): what is left is counted in a closing note, with
    ``hint`` (how to see it) after the count."""
    separate = len(items) <= budget
    sections: list[str] = []
    total = 0
    for i, item in enumerate(items):
        item = clip(item, SECTION_LIMIT)
        join = not separate and bool(sections) and len(sections[-1]) + len(sep) + len(item) <= SECTION_LIMIT
        grow = len(sep) + len(item) if join else len(item)
        if total + grow > MESSAGE_TEXT_LIMIT or not (separate or join or len(sections) < budget - 1):
            return [*map(_section, sections), _context(f"…and {len(items) - i} more {noun} not shown{hint}.")]
        if join:
            sections[-1] += sep + item
        else:
            sections.append(item)
        total += grow
    return [_section(s) for s in sections]


# -- results ---------------------------------------------------------------------------------------


def _citation(n: int | None, c: Citation) -> list[dict[str, Any]]:
    """The source's title, link and date, then the quote in a plain_text section of its own: shown and copied
    exactly as the article has it. ``n`` is the answer's marker for the quote; a related sentence, which the
    answer doesn't cite, has none."""
    head = link(c.url, c.title or c.doc_id) if n is None else f"*[{n}]* {link(c.url, c.title or c.doc_id)}"
    head += f" · {literal(shown_date(c.date, c.date_estimated) or c.date) if c.date else 'undated'}"
    quote = "\n".join(line for line in escape(c.quoted).splitlines() if line.strip()) or "…"
    return [_section(head), {"type": "section", "text": _plain(quote, QUOTE_LIMIT)}]


def _text_of(blocks: list[dict[str, Any]]) -> int:
    return sum(len(e["text"]) for b in blocks for e in ([b["text"]] if "text" in b else b.get("elements", []))
               if isinstance(e.get("text"), str))


def render_answer(answer: Answer, show_question: bool = True) -> SlackMessage:
    """The answer, then each cited quote with its title, date and link; quotes that would take the message
    past Slack's block or text limits are counted in a note instead."""
    blocks: list[dict[str, Any]] = []
    if show_question and answer.question:
        blocks.append(_labelled("*Question:*", answer.question))
    blocks.extend(_text_sections(escape(answer.text), MAX_ANSWER_SECTIONS))
    if answer.searched_for:  # a follow-up, searched with words from earlier in the thread
        blocks.append(_labelled("_Searched for:_", " ".join(answer.searched_for.split())))
    buttons = [feedback_buttons(answer.answer_id)] if answer.answer_id else []
    if answer.citations:
        heading = "*Sources*" if answer.answered else "*Closest passages* (they do not answer the question)"
        blocks.append(_context(heading))
        blocks += _quotes([_citation(n, c) for n, c in enumerate(answer.citations, start=1)],
                          MAX_BLOCKS - len(blocks) - len(buttons), MESSAGE_TEXT_LIMIT - _text_of(blocks),
                          "sources")
    room = MAX_BLOCKS - len(blocks) - len(buttons) - 1
    if answer.related and room > 0:
        heading_block = _context(f"*{plain.RELATED_HEADING[:-1]}*")
        related = _quotes([_citation(None, c) for c in answer.related], room,
                          MESSAGE_TEXT_LIMIT - _text_of(blocks) - _text_of([heading_block]), "", note=False)
        blocks += [heading_block, *related] if related else []
    return SlackMessage(_fallback(answer), blocks + buttons)


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
                out.append(_context(f"…and {len(items) - i} more {noun} not shown."))
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
    blocks = [_section(escape(feedback.text))]
    for n, c in enumerate(feedback.alternatives[:(MAX_BLOCKS - 1) // 2], start=1):
        blocks += _citation(n, c)
    return SlackMessage(clip(escape(feedback.text), FALLBACK_LIMIT), blocks, ephemeral=True)


def render_report(report: GapReport) -> SlackMessage:
    lines = "\n".join(report.lines(CHAT_QUESTION_CHARS))  # people's questions: plain_text sections
    return SlackMessage(clip(literal(lines, keep_urls=True), FALLBACK_LIMIT), _text_sections(escape(lines), 10),
                        ephemeral=True)


def _event(event: TimelineEvent) -> str:
    """The summary with the article that says it; another article's report of the date shows its own
    sentence, so no article is named as the source of a sentence it does not contain. Sources that would
    take the section past Slack's limit are counted, not cut: a cut inside ``<url|title>`` shows raw markup."""
    when = literal(shown_event_date(event.date, event.date_estimated, event.planned))
    text = f"*{when}*  {clip(literal(one_line(event.summary)), EVENT_SUMMARY_LIMIT)}"
    reports = event.reports()
    for k, (c, copies) in enumerate(reports[:MAX_EVENT_SOURCES]):
        day = shown_date(c.date, c.date_estimated)
        source = link(c.url, c.title or c.doc_id) + (f" · {literal(day)}" if day else "")
        source += "".join(f" · also {link(copy.url, _copy_label(c, copy))}" for copy in copies)
        if c.quote == event.summary:
            line = f"      — {source}"
        else:
            line = f"      — also {span_words(event.date)}: “{literal(clip(one_line(c.quote), 300))}” ({source})"
        left = min(len(reports), MAX_EVENT_SOURCES) - k
        if len(text) + 1 + len(line) + 40 > SECTION_LIMIT:
            return text + f"\n      — and {left} more source{'s' if left != 1 else ''}"
        text += "\n" + line
    return text


def _copy_label(c: Citation, copy: Citation) -> str:
    """A copy of the same title and date is "a copy" (its title again would read as the same source twice)."""
    return "a copy" if same_title_and_date(c, copy) else copy.title or copy.doc_id


def render_timeline(timeline: Timeline) -> SlackMessage:
    about = f" about “{literal(timeline.topic)}”" if timeline.topic else ""
    if timeline.searched_for:  # the topic's typos mended
        about += f" (searched for: {literal(' '.join(timeline.searched_for.split()))})"
    if not timeline.events:  # a time that can't be placed ("last week"): the note alone, nothing was looked up
        said = (literal(timeline.note) if timeline.asked_back
                else f"The articles give no dated events{about}. {literal(timeline.note)}".rstrip())
        return SlackMessage(_fallback(timeline), [_section(said)])
    count = len(timeline.events)
    why = (f"later, not shown: {plain.NEXT_HINT}" if timeline.later
           else "less supported, not shown: name a topic to narrow it down")
    more = f" (and {timeline.omitted} {why})" if timeline.omitted else ""
    header = _section(f"*Timeline{about}*: {count} dated event{'s' if count != 1 else ''}{more}")
    items = [_event(e) for e in timeline.events]
    return SlackMessage(_fallback(timeline), [header, *_pack(items, MAX_BLOCKS - 1, "events", "\n\n", TIMELINE_HINT)])


def render_sources(sources: SourcesList) -> SlackMessage:
    if not sources.sources:
        return SlackMessage("No articles are indexed.", [_section("No articles are indexed.")])
    items = []
    for s in sources.sources:
        when = shown_date(s.date, s.date_estimated) or "undated"
        # The id is what /remove-article takes: in code, shown and copied as it is (no word joiners).
        doc_id = "`" + escape(s.doc_id.replace("`", "'")) + "`" if s.doc_id else ""
        meta = " · ".join(x for x in (*(literal(y) for y in (when, s.source) if y), doc_id) if x)
        items.append(f"• {link(s.url, s.title or s.doc_id)} ({meta}; {s.chunks} chunks)")
    header = _section(f"*{len(items)} indexed articles*")
    name, data = plain.sources_file(sources)
    blocks = [header, *_pack(items, MAX_BLOCKS - 1, "articles", "\n", f"; all {len(items)} are in {name}, shared here")]
    if blocks[-1]["type"] != "context":  # _pack's closing note: some were left out
        return SlackMessage(_fallback(sources), blocks)
    elsewhere = plain.sources_not_sent(len(items), "invite the bot to this channel or run /sources in a DM with it")
    unshared = [header, *_pack(items, MAX_BLOCKS - 1, "articles", "\n", f"; {elsewhere}")]
    return SlackMessage(_fallback(sources), blocks, file=(name, data),
                        unshared=SlackMessage(_fallback(sources), unshared))


def render_notice(notice: Notice, show_question: bool = True) -> SlackMessage:
    """A notice may repeat what was typed or uploaded (an id, a file name): it is shown as written. A refusal
    gives back the question as typed (``Notice.asked``) to a slash command, whose text is gone once sent."""
    said = clip(literal(notice.text, keep_urls=True), FALLBACK_LIMIT)
    if show_question and notice.asked:
        said = given_back(said, notice.asked, FALLBACK_LIMIT, escape)
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
        return SlackMessage(clip(escape(result.text), FALLBACK_LIMIT))
    if isinstance(result, Feedback):
        return render_feedback(result)
    if isinstance(result, GapReport):
        return render_report(result)
    if isinstance(result, IndexChange | IndexStatus):
        said = result.summary(CHAT_IDS) if isinstance(result, IndexChange) else plain.render(result)
        return SlackMessage(clip(literal(said, keep_urls=True), FALLBACK_LIMIT), _text_sections(escape(said), 10),
                            ephemeral=True)
    raise TypeError(f"cannot render {type(result).__name__}")
