"""Slack's fallback ``text`` (what notifications show, and what is sent alone when Slack refuses the blocks): an
answer's passages, a timeline's events, /sources' articles and a report's lines whole and in order within its
limit, the rest counted with how to see them. It was the whole text cut at the limit, which ended in the middle of
a quote, an event's sources or an article's address, and said nothing of what came after it."""

from __future__ import annotations

import re

from bot.render.plain import sources_not_sent
from bot.slack.blocks import FALLBACK_LIMIT
from bot.slack.message import SlackMessage
from bot.slack.render import render
from retrieval.types import Answer
from tests.bot.long_lists import long_report, long_sources, long_timeline
from tests.bot.long_passages import URL, passage

SLACK_URL = URL.replace("&", "&amp;")


def fallback(message: SlackMessage) -> list[str]:
    """The fallback's lines, checked against its limit and for live mention markup (Slack reads only ``<…>``)."""
    for text in (message.text, str(message.payload()["text"])):
        assert 0 < len(text) <= FALLBACK_LIMIT
        assert "<" not in text, "no mention, broadcast or link markup from an article or a question"
    return message.text.split("\n")


def closing(lines: list[str], pattern: str) -> int:
    match = re.fullmatch(pattern, lines[-1])
    assert match, f"the text closes with the count: {lines[-1]!r}"
    return int(match.group(1))


def test_an_answers_fallback_keeps_whole_passages_and_counts_the_rest() -> None:
    cited = [passage(n) for n in range(9)]
    lines = fallback(render(Answer("why?", "Twitter was directed to block the accounts <!everyone> [1].", True, cited)))
    hidden = closing(lines, r"…and (\d+) more passages? not shown\.")
    assert lines[:3] == ["Twitter was directed to block the accounts &lt;!everyone&gt; [1].", "", "Sources:"]
    quotes = [n for n, line in enumerate(lines) if line.startswith("[")]
    assert 1 <= len(quotes) < 9 and hidden == 9 - len(quotes)
    for k, at in enumerate(quotes):  # the best first, each quote whole with its source line after it
        assert lines[at].startswith(f"[{k + 1}] “Passage {k}:") and lines[at].endswith("”")
        assert lines[at + 1].endswith(f"2021-02-10 · {SLACK_URL}"), lines[at + 1]


def test_a_timelines_fallback_keeps_whole_events_in_order() -> None:
    lines = fallback(render(long_timeline(60, omitted=4)))
    hidden = closing(lines, r"…and (\d+) more events not shown; name a topic to narrow it down "
                            r"\(`/timeline blocking orders`, `/timeline feb 10`\)\.")
    firsts = [line for line in lines[:-1] if not line.startswith(" ")]
    assert 2 <= len(firsts) < 60 and hidden == 60 - len(firsts) + 4
    for n, first in enumerate(firsts):
        assert first.endswith(f"(end of event {n}).") and f"Event {n}:" in first
        assert f"{SLACK_URL}&amp;event={n})" in "\n".join(lines) and f"{SLACK_URL}&amp;other={n})" in "\n".join(lines)
    assert lines[-2].endswith(f"{SLACK_URL}&amp;other={len(firsts) - 1})"), "the last event shown is whole"


def test_a_source_lists_fallback_keeps_whole_articles_and_says_where_the_rest_are() -> None:
    message = render(long_sources(45))
    assert message.file is not None and message.unshared is not None
    lines = fallback(message)
    hidden = closing(lines, r"…and (\d+) more articles not shown; all 45 are in sources\.txt, shared here\.")
    head, *articles = lines[:-1]
    assert head == "45 articles:" and 2 <= len(articles) < 45 and hidden == 45 - len(articles)
    for n, line in enumerate(articles):
        assert line.startswith(f"- web-twitter-government-{n:03d}: Twitter restores")
        assert line.endswith(f"{SLACK_URL}&amp;article={n}; 12 chunks)"), line
    unshared = fallback(message.unshared)
    assert unshared[:-1] == lines[:-1]
    elsewhere = sources_not_sent(45, "invite the bot to this channel or run /sources in a DM with it")
    assert unshared[-1] == f"…and {hidden} more articles not shown; {elsewhere}."


def test_a_reports_fallback_keeps_whole_lines() -> None:
    lines = fallback(render(long_report(30)))
    hidden = closing(lines, r"…and (\d+) more lines not shown; narrow it down with a shorter period \(`/report 1d`\)\.")
    groups = [line for line in lines if line.startswith("  3× ")]
    assert groups and hidden
    assert all(line.endswith(f"Question {n}.2: why did Twitter withhold the accounts @everyone &lt;@123456789&gt; "
                             "&lt;!here&gt; &lt;@U0123ABCD&gt;?”") for n, line in enumerate(groups))
