"""Lists in a channel where the bot lacks Embed Links (``render_plain``): a timeline's events, /sources' articles
and a report's lines arrive whole and in order within Discord's 2,000 characters, the rest counted with how to see
them. Cut at the limit instead, the text ended in the middle of an event's source or an article's address, and
said nothing of the dozens after it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from bot.change_history import ChangeHistory, ChangeRecord
from bot.discord.limits import CONTENT_LIMIT
from bot.discord.outgoing import Outgoing, without_files
from bot.discord.render import render_plain
from bot.render.plain import NEXT_HINT
from tests.bot.discord.discord_rules import message_errors
from tests.bot.long_lists import long_report, long_sources, long_timeline
from tests.bot.long_passages import URL

LIVE_MENTION = re.compile(r"(?<!\\)(?:<(?:[@#/]|a?:|t:)|(?<![\w@])@(?:everyone|here))")
INDENT = "            — "


def single(messages: list[Outgoing]) -> Outgoing:
    [message] = messages
    assert not message.embeds and message.content
    assert message_errors({"content": message.content}) == {}
    assert len(message.content) <= CONTENT_LIMIT
    assert not LIVE_MENTION.search(message.content), "an article's words cannot ping"
    return message


def counted(content: str, pattern: str) -> tuple[list[str], int]:
    """The lines before the closing count, and the count."""
    *lines, last = content.split("\n")
    match = re.fullmatch(pattern, last)
    assert match, f"the text closes with the count: {last!r}"
    return lines, int(match.group(1))


def events_shown(lines: list[str]) -> list[list[str]]:
    events: list[list[str]] = []
    for line in lines:
        if line.startswith(INDENT):
            events[-1].append(line)
        else:
            events.append([line])
    return events


def test_a_long_timeline_shows_whole_events_in_order_and_counts_the_rest() -> None:
    content = single(render_plain(long_timeline(60, omitted=4))).content or ""
    lines, hidden = counted(content, r"…and (\d+) more events not shown; narrow it down with /timeline topic:…")
    events = events_shown(lines)
    assert 2 <= len(events) < 60
    for n, (first, own, other) in enumerate(events):  # the first ones, in order, each with both its sources
        assert first.endswith(f"(end of event {n}).") and f"Event {n}:" in first
        assert own.startswith(INDENT + "(") and own.endswith(f"{URL}&event={n})"), own
        assert other.endswith(f"{URL}&other={n})") and f"sentence on event {n}." in other, other
    assert hidden == 60 - len(events) + 4, "those cut for length and those the timeline left out"


def test_a_timeline_of_later_events_says_how_to_see_the_next_ones() -> None:
    content = single(render_plain(long_timeline(60, omitted=4, later=True))).content or ""
    _, hidden = counted(content, r"…and (\d+) more events not shown; " + re.escape(NEXT_HINT))
    assert hidden > 4


def test_a_long_article_list_shows_whole_articles_and_attaches_them_all() -> None:
    message = single(render_plain(long_sources(45)))
    lines, hidden = counted(message.content or "",
                            r"…and (\d+) more articles not shown; all 45 are in the attached sources\.txt\.")
    head, *articles = lines
    assert head == "45 articles:" and 3 <= len(articles) < 45
    for n, line in enumerate(articles):
        assert line.startswith(f"\\- web-twitter-government-{n:03d}: Twitter restores") and f"(article {n})" in line
        assert line.endswith(f"{URL}&article={n}; 12 chunks)"), line
    assert hidden == 45 - len(articles)
    [(name, data)] = message.files
    assert name == "sources.txt" and data.decode().count("\n- web-twitter-government-") == 45
    # Without Attach Files, the same articles, and how to read them all instead.
    alone = single([without_files(message)])
    assert not alone.files and alone.content and alone.content.split("\n")[:-1] == lines
    assert re.fullmatch(r"…and \d+ more articles not shown; sources\.txt could not be sent here; for all 45, run "
                        r"/sources where the bot may attach files \(or `dispute-bot sources` where the bot runs\)\.",
                        alone.content.split("\n")[-1])


def test_a_long_report_keeps_whole_lines() -> None:
    content = single(render_plain(long_report(10))).content or ""
    lines, hidden = counted(content, r"…and (\d+) more lines not shown; narrow it down with /report since:…")
    groups = [line for line in lines if line.startswith("  3× ")]
    assert groups and hidden
    for n, line in enumerate(groups):
        assert f"Question {n}.0" in line and line.endswith(f"Question {n}.2: why did Twitter withhold the accounts "
                                                          "\\@everyone \\<@123456789> <!here> \\<@U0123ABCD>?”"), line


def test_a_long_change_history_counts_the_older_changes() -> None:
    changes = [ChangeRecord("add", "discord", "42", "refused", user_name="mod", given=[f"{URL}&n={n}"],
                            reason=f"change {n}: the page could not be read as an article", at=datetime(2026, 12, 6))
               for n in range(30)]
    content = single(render_plain(ChangeHistory(changes))).content or ""
    lines, hidden = counted(content, r"…and (\d+) more changes not shown; `[^`]+ index history --limit 30` where "
                                     r"the bot runs lists them\.")
    assert lines[0] == "The last 30 moderator changes, newest first:"
    assert [line.endswith(f"change {n}: the page could not be read as an article") for n, line in
            enumerate(lines[1:])] == [True] * (len(lines) - 1)
    assert hidden == 30 - (len(lines) - 1)


def test_an_event_many_articles_reported_names_its_first_sources_and_counts_the_others() -> None:
    """One event reported by a dozen articles, each with a sentence of its own, took more than a message: cut at
    the limit, it lost its later sources' addresses, and the events after it were not even counted."""
    many = long_timeline(3)
    first = many.events[0]
    others = [replace(first.citations[1], doc_id=f"{k:03d}_more", url=f"{URL}&more={k}", title=f"Paper {k}'s report",
                      quote=f"Paper {k} on the first event: " + "the accounts were withheld in India. " * 8)
              for k in range(12)]
    many.events[0] = replace(first, citations=[first.citations[0], *others])
    content = single(render_plain(many)).content or ""
    lines, hidden = counted(content, r"…and (\d+) more events? not shown; narrow it down with /timeline topic:…")
    [event, *rest] = events_shown(lines)
    assert event[1].endswith(f"{URL}&event=0)") and event[2].endswith(f"{URL}&more=0)")
    assert event[3].endswith(f"{URL}&more=1)") and event[4] == INDENT + "and 10 more sources"
    assert hidden == 3 - 1 - len(rest)
