"""Property tests: whatever users and articles write, the renderers stay within every platform limit,
never ping anyone and never turn user or article text into a link; ``clean_question`` never fails oddly.

Example counts are modest so the suite stays quick; the strategies mix arbitrary Unicode with the
fragments that have broken chat renderers before (mention markup, masked links, entities, markdown).
"""

from __future__ import annotations

import re
from typing import Any

import discord
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.discord import render as discord_render
from bot.discord.limits import problems
from bot.slack import render as slack_render
from bot.validation import InvalidInput, clean_question
from retrieval.types import Answer, Citation, Timeline, TimelineEvent
from tests.bot.discord.discord_rules import message_errors, pings
from tests.bot.slack.slack_requests import strings
from tests.bot.slack.slack_rules import message_error

ARTICLE_URL = "https://news.example/story?id=1&part=2"
FRAGMENTS = st.sampled_from([
    "@everyone", "@here", "@channel", "<!everyone>", "<!channel>", "<!here|here>", "<!subteam^S1|@team>", "<@U123>",
    "<@123456789>", "<@!1>", "<@&5>", "<#C1|general>", "<#42>", "[click](https://evil.example/x)",
    "<https://evil.example|click>", "<https://evil.example>", "https://evil.example/bare", "](https://evil.example)",
    "&lt;!everyone&gt;", "&amp;", "&", "<", ">", "*", "_", "`", "```", "~~", "||", "\\", "\n", "> ", "# ", "- ",
    "\u202e", "\x1b[31m", "\u200b", "\x00", "😀", "👍🏽", "ﷺ", "e\u0301",
])
TEXT = st.lists(st.one_of(st.text(max_size=30), FRAGMENTS), max_size=25).map("".join)
LONG_TEXT = st.one_of(TEXT, TEXT.map(lambda s: s * 80))  # past every limit now and then
URL = st.one_of(st.none(), st.just(ARTICLE_URL), st.text(max_size=30))
CITATION = st.builds(Citation, doc_id=st.text(min_size=1, max_size=40), title=TEXT,
                     date=st.one_of(st.none(), st.just("2021-02-10"), TEXT), url=URL, quote=LONG_TEXT,
                     start=st.just(0), end=st.just(1), score=st.just(1.0))
ANSWER = st.builds(Answer, question=LONG_TEXT, text=LONG_TEXT, answered=st.booleans(),
                   citations=st.lists(CITATION, max_size=14))
TIMELINE = st.builds(Timeline, events=st.lists(st.builds(TimelineEvent, date=TEXT, summary=LONG_TEXT,
                                                         citations=st.lists(CITATION, max_size=4)), max_size=30),
                     topic=st.one_of(st.none(), TEXT))
RESULT = st.one_of(ANSWER, TIMELINE)
CHECKS = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# A masked link as Discord reads it: an unescaped "[", a label in which "\x" is a literal x, "](", a target.
MASKED_LINK = re.compile(r"(?:^|(?<=[^\\]))(?:\\\\)*\[(?:\\.|[^\[\]\\])*\]\(\s*<?([^)\s>]*)", re.DOTALL)
SLACK_MARKUP = re.compile(r"<([^<>]*)>")
MENTION = re.compile(r"<(?:@[!&]?|#)[A-Za-z0-9]+(?:\|[^<>]*)?>|<!(?:everyone|channel|here|subteam\^[A-Za-z0-9]+)"
                     r"(?:\|[^<>]*)?>|(?<![\w@])@(?:everyone|here|channel)(?!\w)", re.IGNORECASE)


def _citation_urls(result: Answer | Timeline) -> set[str]:
    citations = result.citations if isinstance(result, Answer) else [c for e in result.events for c in e.citations]
    return {c.url for c in citations if c.url}


def _discord_texts(embed: dict[str, Any]) -> list[str]:
    texts = [embed.get("description") or "", (embed.get("footer") or {}).get("text") or ""]
    return texts + [f"{f['name']}\n{f['value']}" for f in embed.get("fields") or []]


def _text_objects(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        found = [value] if value.get("type") in ("mrkdwn", "plain_text") else []
        return found + [o for v in value.values() for o in _text_objects(v)]
    if isinstance(value, list):
        return [o for v in value for o in _text_objects(v)]
    return []


@CHECKS
@given(RESULT)
def test_discord_messages_fit_never_ping_and_link_only_articles(result: Answer | Timeline) -> None:
    messages = discord_render.render(result)
    assert 1 <= len(messages) <= discord_render.MAX_MESSAGES
    urls = _citation_urls(result)
    for message in messages:
        kwargs = message.send_kwargs()
        body = {"content": message.content, "embeds": [e.to_dict() for e in message.embeds],
                "allowed_mentions": kwargs["allowed_mentions"].to_dict()}
        assert problems(message) == [] and message_errors(body) == {}
        assert kwargs["allowed_mentions"].to_dict() == discord.AllowedMentions.none().to_dict()
        assert pings(body) == []
        for embed in body["embeds"]:
            for text in _discord_texts(embed):
                for target in MASKED_LINK.findall(text):
                    assert target in urls, f"a link to {target!r} came from text, not an article's URL"


@CHECKS
@given(RESULT, st.booleans())
def test_slack_messages_fit_never_ping_and_link_only_articles(result: Answer | Timeline, show: bool) -> None:
    message = slack_render.render_answer(result, show) if isinstance(result, Answer) else slack_render.render(result)
    payload = message.payload()
    assert message_error(payload) is None, message_error(payload)
    assert len(payload["text"]) <= slack_render.FALLBACK_LIMIT and len(message.blocks) <= slack_render.MAX_BLOCKS
    # verbatim: Slack must not auto-link bare URLs or #channel names in quoted or asked text either.
    assert all(obj.get("verbatim") is True for obj in _text_objects(message.blocks) if obj["type"] == "mrkdwn")
    urls = {url.replace("&", "&amp;") for url in _citation_urls(result)}
    for text in strings(payload):
        for markup in SLACK_MARKUP.findall(text):
            target, bar, _ = markup.partition("|")
            assert bar and target in urls, f"<{markup}> in a message came from text, not an article's URL"


@settings(max_examples=200, deadline=None, database=None)
@given(st.one_of(st.none(), TEXT, st.text()), st.integers(min_value=1, max_value=2000))
@example("_HTTP://0\u16800", 10)  # markup gone uncovered an address: read again, it was cut out ("0")
@example("_HTTP://0", 8)
def test_clean_question_returns_clean_text_or_refuses_politely(text: str | None, limit: int) -> None:
    try:
        cleaned = clean_question(text, limit)
    except InvalidInput as exc:
        assert str(exc)
        return
    assert 0 < len(cleaned) <= limit and cleaned == cleaned.strip()
    assert clean_question(cleaned, limit) == cleaned, "cleaning is stable"
    assert not MENTION.search(cleaned), "no mention of any platform is left"
    assert not any(ch in cleaned for ch in "\x00\x1b\n\r\u202e\u200b")
