"""Replies in a channel where the bot lacks Embed Links (``render_plain``): a 👎's next-best passages and an
answer's quotes arrive whole, best first, each with its source line, within Discord's 2,000 characters, and
those that don't fit are counted. Cut at the limit instead, the text ended in the middle of a quote or of its
article's address, and said nothing of the passages after it."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.discord.limits import CONTENT_LIMIT
from bot.discord.outgoing import Outgoing
from bot.discord.render import render_plain
from bot.history_results import Feedback
from bot.render.plain import RELATED_HEADING
from retrieval.types import Answer, Citation
from tests.bot.discord.discord_rules import message_errors
from tests.bot.long_passages import URL, passage

# A passage as the plain text shows it: its marker (escaped "[n]", or "-" for a related sentence) opening a line.
MARKER = re.compile(r"\n(?=\\\[\d+\\\] “|\\- “)")
COUNT = re.compile(r"\n…and (\d+) more passages? not shown\.$")
LIVE_MENTION = re.compile(r"(?<!\\)(?:<(?:[@#/]|a?:|t:)|(?<![\w@])@(?:everyone|here))")


def single_text(messages: list[Outgoing]) -> str:
    [message] = messages
    assert not message.embeds and message.content
    assert message_errors({"content": message.content}) == {}
    assert len(message.content) <= CONTENT_LIMIT
    return message.content


def shown_passages(content: str, offered: list[Citation]) -> tuple[str, list[str]]:
    """The text before the passages, and each passage shown; checks that each is whole, keeps its source line
    (ending in the article's address), that they are the first ones offered, in order, and that the count
    says how many others there are."""
    count = COUNT.search(content)
    body = content[: count.start()] if count else content
    head, *blocks = MARKER.split(body)
    assert blocks, "at least the best passage is shown"
    for c, block in zip(offered, blocks, strict=False):
        quote, source, *heading = block.split("\n")  # the next passages' heading may close it
        assert heading in ([], [RELATED_HEADING]), block[-200:]
        assert c.quote in quote, f"passage {c.doc_id} whole: {quote[-80:]}"
        assert source == f"    — {c.title} · 2021-02-10 · {URL}", source
    hidden = len(offered) - len(blocks)
    assert (int(count.group(1)) if count else 0) == hidden, content[-200:]
    return head, blocks


def test_a_thumbs_down_in_a_text_only_channel_shows_whole_passages_and_counts_the_rest() -> None:
    alternatives = [passage(n) for n in range(9)]
    content = single_text(render_plain(Feedback(-1, "Thanks, your vote changed.", alternatives)))
    thanks, blocks = shown_passages(content, alternatives)
    assert thanks == "Thanks, your vote changed."
    assert 1 <= len(blocks) < 9
    # Passages that fit together are all shown, and none is said to be left out.
    short = [passage(n, 100) for n in range(4)]
    _, blocks = shown_passages(single_text(render_plain(Feedback(-1, "Thanks.", short))), short)
    assert len(blocks) == 4


def test_an_answer_in_a_text_only_channel_keeps_its_quotes_and_sources_whole() -> None:
    cited, related = [passage(n) for n in range(3)], [passage(n) for n in range(3, 5)]
    answer = Answer("why?", "Twitter was directed to block the accounts @everyone [1].", True, cited,
                    related=related, answer_id="ab" * 16)
    messages = render_plain(answer)
    content = single_text(messages)
    assert messages[0].feedback == answer.answer_id, "the 👍/👎 buttons stay"
    assert not LIVE_MENTION.search(content), "an answer's words still cannot ping"
    head, blocks = shown_passages(content, [*cited, *related])
    assert head == "Twitter was directed to block the accounts \\@everyone \\[1\\].\n\nSources:"
    # A long text (several questions answered at once) is cut to leave the best quote room.
    longer = replace(answer, text="Twitter was directed to block the accounts [1]. " * 45)
    head, blocks = shown_passages(single_text(render_plain(longer)), [*cited, *related])
    assert head.endswith("…\n\nSources:") and len(blocks) == 1
    # All of them, with their headings, when they fit.
    short = Answer("why?", "Twitter was directed to block them [1].", False, [passage(0, 100)],
                   related=[passage(1, 100)])
    head, blocks = shown_passages(single_text(render_plain(short)), [*short.citations, *short.related])
    assert head.endswith("\n\nClosest passages:") and len(blocks) == 2
    assert blocks[0].endswith(f"\n{RELATED_HEADING}") and blocks[1].startswith("\\- “")
