"""Slack renderings of the two long lists: a timeline's dated events and ``/sources``' articles, packed within
one message's limits, what does not fit counted and said how to reach (see ``bot.slack.render``)."""

from __future__ import annotations

from bot.render import plain
from bot.render.dates import shown_date, shown_event_date, span_words
from bot.render.lines import one_line
from bot.results import SourcesList
from bot.slack.blocks import MAX_BLOCKS, MESSAGE_TEXT_LIMIT, pack, section
from bot.slack.fallback_text import TIMELINE_HINT, fallback
from bot.slack.message import SlackMessage
from bot.slack.mrkdwn import SECTION_LIMIT, clip, escape, link, literal
from retrieval.types import Citation, Timeline, TimelineEvent, same_title_and_date

EVENT_SUMMARY_LIMIT = 600  # one long web paragraph read as a sentence would crowd out its own sources
MAX_EVENT_SOURCES = 3
TOPIC_LIMIT = 200  # characters of a timeline's topic its heading shows


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


def _topic(text: str) -> str:
    """A timeline's topic (or the words searched for) as its heading shows it, within ``TOPIC_LIMIT``: a topic
    may be as long as a question, and the heading's text was left out of the message's budget (Slack refused a
    long topic's timeline, over 12,000 characters, and the asker saw only the fallback text)."""
    text = " ".join(text.split())
    return literal(text if len(text) <= TOPIC_LIMIT else text[: TOPIC_LIMIT - 1].rstrip() + "…")


def render_timeline(timeline: Timeline) -> SlackMessage:
    about = f" about “{_topic(timeline.topic)}”" if timeline.topic else ""
    if timeline.searched_for:  # the topic's typos mended
        about += f" (searched for: {_topic(timeline.searched_for)})"
    if not timeline.events:  # a time that can't be placed ("last week"): the note alone, nothing was looked up
        said = (literal(timeline.note) if timeline.asked_back
                else f"The articles give no dated events{about}. {literal(timeline.note)}".rstrip())
        return SlackMessage(fallback(timeline), [section(said)])
    count = len(timeline.events)
    why = (f"later, not shown: {plain.NEXT_HINT}" if timeline.later
           else "less supported, not shown: name a topic to narrow it down")
    more = f" (and {timeline.omitted} {why})" if timeline.omitted else ""
    newest = ", newest first" if timeline.newest_first else ""
    header = section(f"*Timeline{about}*: {count} dated event{'s' if count != 1 else ''}{newest}{more}")
    items = [_event(e) for e in timeline.events]
    events = pack(items, MAX_BLOCKS - 1, "events", "\n\n", TIMELINE_HINT,
                  chars=MESSAGE_TEXT_LIMIT - len(header["text"]["text"]))
    return SlackMessage(fallback(timeline), [header, *events])


def render_sources(sources: SourcesList) -> SlackMessage:
    if not sources.sources:
        return SlackMessage("No articles are indexed.", [section("No articles are indexed.")])
    items = []
    for s in sources.sources:
        when = shown_date(s.date, s.date_estimated) or "undated"
        # The id is what /remove-article takes: in code, shown and copied as it is (no word joiners).
        doc_id = "`" + escape(s.doc_id.replace("`", "'")) + "`" if s.doc_id else ""
        meta = " · ".join(x for x in (*(literal(y) for y in (when, s.source) if y), doc_id) if x)
        items.append(f"• {link(s.url, s.title or s.doc_id)} ({meta}; {s.chunks} chunks)")
    header = section(f"*{len(items)} indexed articles*")
    name, data = plain.sources_file(sources)
    shared = f"; all {len(items)} are in {name}, shared here"
    blocks = [header, *pack(items, MAX_BLOCKS - 1, "articles", "\n", shared)]
    if blocks[-1]["type"] != "context":  # pack's closing note: some were left out
        return SlackMessage(fallback(sources), blocks)
    elsewhere = plain.sources_not_sent(len(items), "invite the bot to this channel or run /sources in a DM with it")
    unshared = [header, *pack(items, MAX_BLOCKS - 1, "articles", "\n", f"; {elsewhere}")]
    return SlackMessage(fallback(sources, f"{shared}."), blocks, file=(name, data),
                        unshared=SlackMessage(fallback(sources, f"; {elsewhere}."), unshared))
