"""Block Kit rendering: Slack's limits hold for any size of result, and nothing unescaped gets through.
Also: the shipped manifest declares what the app serves.

The limits are checked with the stub's own rules (``slack_rules.block_errors``), not the renderer's constants.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import pytest
import yaml
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.actors import ModeratorPolicy
from bot.core import CommandCore
from bot.history_results import SHOWN_GROUPS, GapReport
from bot.results import IndexChange, Notice, NoticeKind, SourcesList
from bot.slack.handlers import SlackHandlers
from bot.slack.mrkdwn import as_shown, clip, escape, link, plain_from_slack, split_text
from bot.slack.render import render
from bot.validation import clean_question
from retrieval.types import Answer, Citation, SourceInfo, Timeline, TimelineEvent
from tests.bot.slack.slack_requests import strings
from tests.bot.slack.slack_rules import block_errors, message_error
from tests.bot.slack.stub_slack import StubSlack
from tests.conftest import ROOT

EVIL = "<!everyone> <!channel> <!here> <@U123> <https://evil.example|click> &amp;"
PINGS = re.compile(r"<[!@#]|<https?://evil")


def citation(n: int, quote: str = "A quote.", url: str | None = "https://news.example/a?x=1&y=2") -> Citation:
    return Citation(doc_id=f"doc{n}", title=f"Title {n} {EVIL}", date="2021-02-10", url=url, quote=quote,
                    start=0, end=len(quote), score=1.0)


def assert_valid(message: dict[str, object] | object) -> None:
    payload = message.payload() if hasattr(message, "payload") else message
    assert isinstance(payload, dict)
    assert message_error(payload) is None, message_error(payload)
    assert payload["text"], "every message needs a plain-text fallback"
    assert len(str(payload["text"])) <= 3000
    block_text = sum(len(t) for t in strings(payload.get("blocks", [])))
    assert block_text <= StubSlack().block_text_limit, f"{block_text} characters of block text: msg_blocks_too_long"
    for text in strings(payload):
        assert not PINGS.search(text), text


def test_escape_and_links() -> None:
    assert escape("a & <b> <!everyone>") == "a &amp; &lt;b&gt; &lt;!everyone&gt;"
    assert escape("\u202eevil\u202c \u2067x\u2069 \u200fمرحبا") == "evil x \u200fمرحبا"  # marks stay
    assert link("https://x.example/p?a=1&b=2", "T <!here>") == "<https://x.example/p?a=1&amp;b=2|T &lt;!here&gt;>"
    for bad in ("javascript:alert(1)", "https://x.example/a b", "ftp://x", ""):
        assert link(bad, "Title") == "Title"
    # "|", "<" and ">" are encoded, so the address can neither end early nor carry markup.
    assert link("https://x.example/|<!everyone>", "T") == "<https://x.example/%7C%3C!everyone%3E|T>"
    assert link("https://x.example/a>b", "T") == "<https://x.example/a%3Eb|T>"
    assert link(None, "") == "untitled"


def test_clip_never_splits_an_entity() -> None:
    text = escape("x" * 10 + "&" * 10)
    for limit in range(5, 30):
        clipped = clip(text, limit)
        assert len(clipped) <= limit
        assert re.fullmatch(r"x*(?:&amp;)*", clipped.removesuffix("…"))
    pieces = split_text(escape("word&word " * 1000), 3000)
    assert all(len(p) <= 3000 for p in pieces)
    assert "".join(pieces).count("&amp;") == 1000


def test_incoming_text_is_read_as_the_user_meant_it() -> None:
    raw = "<@UBOT> what about <@U2|ravi> in <#C1|general>, <https://a.example|this> &amp; &lt;b&gt; <!everyone>?"
    # Mentions stay as markup for the core to remove (see ``clean_question``); links become their labels.
    plain = plain_from_slack(raw, "UBOT")
    assert plain == "what about <@U2|ravi> in <#C1|general>, this & <b> <!everyone>?"
    assert clean_question(plain, 1000) == "what about in , this & <b> ?"
    assert plain_from_slack("<@UBOT>", "UBOT") == ""


def test_mentions_given_back_read_as_a_client_shows_them() -> None:
    typed = "<@U2|ravi> <@U3> <#C1|general> <#C2> <!here> <!subteam^S1|@mods> <!subteam^S2> <!date^1|Feb 18>"
    assert as_shown(typed) == "@ravi @U3 #general #C2 @here @mods @S2 <!date^1|Feb 18>"


def test_answer_lists_each_quote_with_title_date_and_link() -> None:
    answer = Answer("q <!everyone>?", "257 accounts [1].", True, [citation(1, "MeitY asked Twitter to block 257.")])
    message = render(answer)
    assert_valid(message)
    body = "\n".join(strings(message.blocks))
    assert "q &lt;!everyone&gt;?" in body
    assert "<https://news.example/a?x=1&amp;y=2|Title 1 &lt;!everyone&gt;" in body
    assert "2021-02-10" in body and "\n“MeitY asked Twitter to block 257.”" in body
    assert not message.ephemeral


def test_oversized_answer_stays_within_limits() -> None:
    many = [citation(n, f"{EVIL} " * 400 + "\nsecond line") for n in range(80)]
    answer = Answer(EVIL * 50, EVIL * 2000, True, many)
    message = render(answer)
    assert_valid(message)
    texts = strings(message.blocks)
    assert "Title 0" in " ".join(texts)  # the first source is shown, the rest counted
    assert re.search(r"…and \d+ more sources not shown", texts[-1])


def test_long_timeline_and_source_lists_stay_within_limits() -> None:
    events = [TimelineEvent("2021-02-10", f"Event {n} {EVIL} " * 20, [citation(n), citation(n + 1)])
              for n in range(300)]
    message = render(Timeline(events, topic=EVIL))
    assert_valid(message)
    assert "more events not shown" in strings(message.blocks)[-1]
    sources = SourcesList([SourceInfo(f"d{n}", f"T {EVIL}", None, None, EVIL, 3) for n in range(2000)])
    assert_valid(render(sources))
    assert_valid(render(Timeline([])))
    assert_valid(render(SourcesList([])))


def test_timeline_events_keep_their_links_whole() -> None:
    """A long summary and long addresses: sources that don't fit are counted, never cut mid-link (Slack
    would show a half "<https://…|title" as raw text)."""
    long_url = "https://news.example/" + "a" * 180 + "?x=1&y=2"
    sources = [Citation(f"d{n}", "Twitter & government: what we know so far about the standoff " * 2, "2021-02-10",
                        long_url, f"Another report {n} <b> & more " * 12, 0, 10, 1.0) for n in range(3)]
    for summary in ("The ministry & Twitter <met> " * 32, "x" * 3500):
        message = render(Timeline([TimelineEvent("2021-02-10", summary, sources)]))
        assert_valid(message)
        for text in strings(message.blocks):
            assert not re.search(r"<https?://[^>\n]*(\n|$)", text), text
        assert "news.example" in " ".join(strings(message.blocks))  # the first source survives a long summary


def test_many_events_fit_in_one_message_with_a_count_of_the_rest() -> None:
    events = [TimelineEvent(f"2021-02-{n % 28 + 1:02d}", f"Event {n}: " + "the ministry wrote again. " * 8,
                            [citation(n), citation(n + 1)]) for n in range(30)]
    message = render(Timeline(events))
    assert_valid(message)
    assert re.search(r"…and \d+ more events not shown", strings(message.blocks)[-1])


def test_a_timeline_date_shows_other_articles_reports_as_their_own_sentences() -> None:
    said = citation(1, "Twitter released a blog post on Wednesday.")
    other = citation(2, "The ministry sent a notice on Wednesday.")
    text = " ".join(strings(render(Timeline([TimelineEvent("2021-02-10", said.quote, [said, other])])).blocks))
    assert "also that day: “The ministry sent a notice on Wednesday.”" in text
    assert "also that day: “Twitter released" not in text


def test_a_timeline_says_how_many_dated_events_it_left_out() -> None:
    events = [TimelineEvent("2021-02-10", "The ministry wrote again.", [citation(1)])]
    assert "and 7 less supported, not shown" in " ".join(strings(render(Timeline(events, omitted=7)).blocks))
    assert "not shown" not in " ".join(strings(render(Timeline(events)).blocks))
    later = " ".join(strings(render(Timeline(events, omitted=7, later=True)).blocks))
    assert "(and 7 later, not shown: ask “and then?” for the next ones)" in later


def test_notices_and_reports_are_private() -> None:
    notice = render(Notice(NoticeKind.FORBIDDEN, f"Only moderators {EVIL}"))
    assert notice.ephemeral and not notice.blocks
    assert_valid(notice)
    report = {"unchanged": False, "seconds": 1.5, "docs": 5, "chunks": 40, "embedded_chunks": 3,
              "reused_chunks": 37, "added_doc_ids": ["koo"]}
    change = render(IndexChange("add", report, [{"file": "a.png", "reason": EVIL}]))
    assert change.ephemeral
    assert_valid(change)


@pytest.mark.parametrize("blocks, error", [
    ([{"type": "divider"}] * 51, "no more than 50 items"),
    ([{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}], "less than 3001"),
    ([{"type": "context", "elements": []}], "1 to 10 elements"),
    ([{"type": "header", "text": {"type": "mrkdwn", "text": "x"}}], "invalid text object"),
])
def test_stub_refuses_what_slack_refuses(blocks: list[dict[str, object]], error: str) -> None:
    assert any(error in e for e in block_errors(blocks))
    assert message_error({"text": "t", "blocks": blocks}) is not None


class Registered:
    """Stands in for Bolt's app in ``SlackHandlers.register``, noting the slash commands it is given."""

    def __init__(self) -> None:
        self.commands: list[str] = []

    def command(self, name: str) -> Callable[[object], object]:
        self.commands.append(name)
        return lambda handler: handler

    def __getattr__(self, _: str) -> Callable[..., Callable[[object], object]]:  # middleware, event, action …
        return lambda *_, **__: lambda handler: handler


def test_manifest_matches_the_app() -> None:
    """Every command the app handles is declared (Slack never sends an undeclared one), and every declared one
    is handled: /remove-article was Discord's alone, so Slack's moderators could add articles but not remove one."""
    manifest = yaml.safe_load((ROOT / "slack" / "manifest.yml").read_text(encoding="utf-8"))
    app = Registered()
    core = SimpleNamespace(moderators=ModeratorPolicy())  # all the handlers read of the core when registering
    SlackHandlers(cast(CommandCore, core), cast(AsyncWebClient, None)).register(cast(AsyncApp, app))
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == app.commands
    assert "/remove-article" in app.commands
    assert manifest["settings"]["interactivity"]["is_enabled"] is True  # the feedback buttons
    assert {"app_mention", "message.im"} <= set(manifest["settings"]["event_subscriptions"]["bot_events"])
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "app_mentions:read", "im:history", "files:read", "users:read"} <= scopes
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert len(manifest["display_information"]["description"]) <= 140
    # Typed text with mentions: unescaped, '/ask @dispute-bot what …' searched for '@dispute-bot'.
    assert {c["command"]: c["should_escape"] for c in manifest["features"]["slash_commands"]
            if c["command"] in ("/ask", "/timeline")} == {"/ask": True, "/timeline": True}


def test_related_sentences_follow_the_sources_unnumbered_and_escaped() -> None:
    answer = Answer("q?", "257 accounts [1].", True, [citation(1, "MeitY asked Twitter to block 257.")],
                    related=[citation(2, f"Twitter suspended 500 accounts {EVIL}")])
    message = render(answer)
    assert_valid(message)
    body = strings(message.blocks)
    heading = next(i for i, text in enumerate(body) if "Also in the articles" in text)
    assert heading > next(i for i, text in enumerate(body) if "Sources" in text)
    after = "\n".join(body[heading:])
    assert "Twitter suspended 500 accounts" in after and "[2]" not in after  # the answer cites it nowhere
    many = Answer("q?", "a [1].", True, [citation(n) for n in range(80)], related=[citation(99)] * 3)
    assert_valid(render(many))  # no room left: the related sentences give way to the sources


def test_a_report_of_long_questions_keeps_its_down_voted_answers(long_question_report: GapReport) -> None:
    """Ten sections of 3,000 characters held eight groups of 1,000-character questions; the rest of the report,
    the down-voted answers included, was cut off after a bare "…"."""
    message = render(long_question_report)
    assert_valid(message)
    assert message.ephemeral
    shown = "\n".join(strings(message.blocks))
    assert shown.count("×") == SHOWN_GROUPS and "4 more groups" in shown
    assert "Most down-voted answers" in shown and shown.count("👎") == 5
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown


def test_a_cut_timeline_says_how_to_see_the_rest() -> None:
    """Discord's footer names the filter (``/timeline topic:…``); Slack said only "…and 85 more events not
    shown.", leaving no way to reach them."""
    events = [TimelineEvent(f"2021-02-{n % 28 + 1:02d}", f"Event {n}: " + "the ministry wrote again. " * 8,
                            [citation(n), citation(n + 1)]) for n in range(120)]
    message = render(Timeline(events))
    assert_valid(message)
    assert re.fullmatch(r"…and \d+ more events not shown; name a topic to narrow it down "
                        r"\(`/timeline blocking orders`, `/timeline feb 10`\)\.",
                        strings(message.blocks)[-1])


def test_sources_that_do_not_fit_come_whole_in_a_file(many_sources: SourcesList) -> None:
    """45 articles: 31 were listed and the rest only counted, ids and all (the ids moderators remove by)."""
    message = render(many_sources)
    assert_valid(message)
    assert re.fullmatch(r"…and \d+ more articles not shown; all 45 are in sources\.txt, shared here\.",
                        strings(message.blocks)[-1])
    assert message.file is not None and message.file[0] == "sources.txt"
    assert all(s.doc_id in message.file[1].decode() for s in many_sources.sources)
    assert render(SourcesList(many_sources.sources[:5])).file is None
    unshared = message.unshared  # sent instead where the file can't be shared: it speaks of no file there
    assert unshared is not None and unshared.file is None and unshared.blocks[:-1] == message.blocks[:-1]
    assert_valid(unshared)
    assert re.fullmatch(r"…and \d+ more articles not shown; sources\.txt could not be sent here; for all 45, .*"
                        r"`dispute-bot sources`.*\.", strings(unshared.blocks)[-1])


FORMATTED_TITLE = "Protest hashtags trend again as *farm* unions plan rally"
FORMATTED_QUOTE = "Unions plan a ~~now~~ __chakka jam__ as `#FarmersProtest` trends _x_ & *more*."
BOT_FORMATTING = re.compile(r"\*\[\d+\]\*|\*Question:\*|_Searched for:_|\*Sources\*|\*Also in the articles\*"
                            r"|\*Timeline[^\n]*?\*(?=:)|\*\d+ indexed articles\*|`[^`\n]+`(?=; \d+ chunks)"
                            r"|^\*[^*\n]+\*(?=  )", re.MULTILINE)


def mrkdwn_texts(blocks: list[dict[str, object]]) -> list[str]:
    objects = [b["text"] for b in blocks if isinstance(b.get("text"), dict)]
    objects += [e for b in blocks for e in b.get("elements", []) if isinstance(e, dict) and "text" in e]  # type: ignore[union-attr]
    return [o["text"] for o in objects if o.get("type") == "mrkdwn"]  # type: ignore[union-attr]


def assert_no_live_formatting(text: str) -> None:
    """Outside the bot's own formatting, every *, _, ~ and ` has a word joiner on each side: nothing to pair."""
    rest = BOT_FORMATTING.sub("", text)
    for match in re.finditer(r"[*_~`]", rest):
        assert rest[match.start() - 1: match.start()] == "\u2060" == rest[match.end(): match.end() + 1], text


def test_article_and_user_formatting_shows_as_written() -> None:
    """Escaping &, < and > left Slack's formatting live: a title's "*farm*" showed bold, a quote's "~~now~~"
    struck and "`#FarmersProtest`" as code, and the question echoed as "*Question:* {question}" too."""
    c = Citation("farm_rally", FORMATTED_TITLE, "2021-02-04", "https://news.example/farm?a=1&b=2", FORMATTED_QUOTE,
                 0, len(FORMATTED_QUOTE), 1.0)
    answer = Answer("what do the *farm* unions plan, _x_?", f"{FORMATTED_QUOTE} [1]", True, [c], related=[c],
                    searched_for="*farm* ~unions~")
    message = render(answer)
    assert_valid(message)
    plain = [o["text"] for b in message.blocks for o in [b.get("text"), *b.get("elements", [])]
             if isinstance(o, dict) and o.get("type") == "plain_text" and "emoji" in o]
    assert "what do the *farm* unions plan, _x_?" in plain  # the question, as asked
    assert f"“{escape(FORMATTED_QUOTE)}”" in plain  # each quote exactly as the article has it
    assert f"{escape(FORMATTED_QUOTE)} [1]" in plain and "*farm* ~unions~" in plain
    for text in mrkdwn_texts(message.blocks):
        assert_no_live_formatting(text)
    assert "\u2060*\u2060farm\u2060*\u2060 unions" in "\n".join(mrkdwn_texts(message.blocks))  # the title
    assert_no_live_formatting(message.text)

    event = TimelineEvent("2021-02-04", FORMATTED_QUOTE, [c, replace(c, quote=f"Also {FORMATTED_QUOTE}")])
    for result in (Timeline([event], topic="*farm*"), Timeline([], topic="_x_ ~y~"),
                   SourcesList([SourceInfo("farm_rally", FORMATTED_TITLE, "2021-02-04", c.url, "*Site*", 3)])):
        message = render(result)
        assert_valid(message)
        for text in [*mrkdwn_texts(message.blocks), message.text]:
            assert_no_live_formatting(text)
    assert "`farm_rally`" in "\n".join(mrkdwn_texts(message.blocks))  # the id to copy, in code, unchanged

    notice = render(Notice(NoticeKind.INVALID, "There is no article with id '**x** _y_'; see /sources."))
    assert notice.text == "There is no article with id '\u2060*\u2060\u2060*\u2060x\u2060*\u2060\u2060*\u2060 " \
                          "\u2060_\u2060y\u2060_\u2060'; see /sources."
