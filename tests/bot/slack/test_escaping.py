"""Neither a user's question nor an article's text can make the bot ping a channel or post a disguised link."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from bot.slack.mrkdwn import literal, without_neutralisers
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from tests.bot.conftest import CoreFactory
from tests.bot.slack.slack_requests import (
    command_reply,
    message_event,
    posts_in,
    reply_to,
    send_event,
    shown_text,
    slash,
    slash_payload,
    strings,
)
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")

INJECTED = re.compile(r"<!|<https?://evil|<@U(?!BOT)")
EVIL_ARTICLE = """---
title: "Koo <!everyone> rally <https://evil.example|official statement>"
date: 2021-02-12
url: https://news.example/koo-rally
---
Koo founders urged <!everyone> and <!channel> to read <https://evil.example/body|the official statement> before \
Koo reached four million users on 12 February 2021.
"""


def assert_nothing_injected(stub: StubSlack) -> None:
    messages = stub.messages()
    assert messages
    for text in strings(messages):
        assert not INJECTED.search(text), text


async def test_pings_and_links_in_questions_are_escaped(stub: StubSlack, seed_app: AsyncApp) -> None:
    # How Slack delivers "@everyone" (as <!everyone>) and a literal "<!here>" typed by the user (&lt;…&gt;).
    question = ("<!everyone> <!channel> &lt;!here&gt; <@U999> &lt;https://evil.example|x&gt; "
                "how many accounts were blocked?")
    payload = slash_payload(stub, "/ask", question)
    await slash(seed_app, payload)
    reply = await reply_to(stub, payload)
    # Mentions (and text typed to look like one) are dropped from the question, and so are web addresses,
    # typed link markup included: the reply never posts a link its asker wrote.
    assert "evil.example" not in shown_text(reply) and "here&gt;" not in shown_text(reply)
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {question}", kind="app_mention"))
    await send_event(seed_app, message_event("&lt;!channel&gt; weather?", channel="D1", channel_type="im"))
    await posts_in(stub, "chat.postMessage", 2)
    assert_nothing_injected(stub)


def with_article(copied_index: tuple[Path, Path], encoder_provider: EncoderProvider, name: str, text: str
                 ) -> tuple[Path, Path]:
    index_dir, corpus = copied_index
    (corpus / name).write_text(text, encoding="utf-8")
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    return index_dir, corpus


@pytest.fixture
def evil_index(copied_index: tuple[Path, Path], encoder_provider: EncoderProvider) -> tuple[Path, Path]:
    """The seed corpus plus one article whose title and text carry Slack markup. Building over a copy of the
    seed index reuses its embeddings, so only the new article is encoded."""
    return with_article(copied_index, encoder_provider, "koo-rally.md", EVIL_ARTICLE)


async def test_markup_in_articles_is_escaped(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    evil_index: tuple[Path, Path],
) -> None:
    app = make_app(make_core(*evil_index))
    for command, text in (("/ask", "How many users did Koo reach?"), ("/sources", ""), ("/timeline", "Koo")):
        payload = slash_payload(stub, command, text)
        await slash(app, payload)
        await reply_to(stub, payload)
    await send_event(app, message_event("How many users did Koo reach?", channel="D1", channel_type="im"))
    await posts_in(stub, "chat.postMessage")
    shown = "\n".join(strings(stub.messages()))
    assert "&lt;https://evil.example/body|the official statement&gt;" in shown  # the article text was quoted
    assert "<https://news.example/koo-rally|Koo &lt;!everyone&gt; rally" in shown  # a real link, escaped label
    assert_nothing_injected(stub)


FORMATTED_ARTICLE = """---
title: "Protest hashtags trend again as *farm* unions plan rally"
date: 2021-02-04
url: https://news.example/farm-rally
---
Farm unions announced a nationwide __chakka jam__ road blockade for 6 February 2021, as ~~now~~ the hashtag \
`#FarmersProtest` trended _x_ on Twitter in India.
"""
LIVE_MARKER = re.compile(r"(?<!\u2060)[*_~`]|[*_~`](?!\u2060)")


@pytest.fixture
def formatted_index(copied_index: tuple[Path, Path], encoder_provider: EncoderProvider) -> tuple[Path, Path]:
    """The seed corpus plus one article whose title and text carry Slack's formatting characters."""
    return with_article(copied_index, encoder_provider, "farm-rally.txt", FORMATTED_ARTICLE)


async def test_formatting_in_articles_and_questions_shows_as_written(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    formatted_index: tuple[Path, Path],
) -> None:
    """Slack showed the title's "*farm*" bold, the quote's "~~now~~" struck, "`#FarmersProtest`" as code and
    "__chakka jam__" in italics, so a quote was not verbatim; the question echoed with "*Question:*" too."""
    app = make_app(make_core(*formatted_index))
    payload = slash_payload(stub, "/ask", "When is the *chakka jam* road blockade?")
    await slash(app, payload)
    reply = await reply_to(stub, payload)
    plain = [o["text"] for o in _text_objects(reply["blocks"]) if o["type"] == "plain_text"]
    # the question as read: its bold marks are no words of it (``bot.validation.plain_markup``), never bold here
    assert "When is the chakka jam road blockade?" in plain
    assert any("__chakka jam__" in t and "~~now~~ the hashtag `#FarmersProtest` trended _x_" in t for t in plain), plain
    mrkdwn = [o["text"] for o in _text_objects(reply["blocks"]) if o["type"] == "mrkdwn"]
    title = next(t for t in mrkdwn if "farm-rally" in t)
    assert "as \u2060*\u2060farm\u2060*\u2060 unions" in title and not LIVE_MARKER.search(title.split("> ", 1)[-1])
    for command, text in (("/sources", ""), ("/timeline", "chakka jam")):
        payload = slash_payload(stub, command, text)
        await slash(app, payload)
        shown = [o["text"] for o in _text_objects((await reply_to(stub, payload))["blocks"])
                 if o["type"] == "mrkdwn" and "farm" in o["text"].lower()]
        assert shown and all("\u2060*\u2060farm\u2060*\u2060" in t for t in shown if "Protest hashtags" in t)


def _text_objects(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [o for b in blocks for o in [b.get("text"), *b.get("elements", [])] if isinstance(o, dict) and "type" in o
            and isinstance(o.get("text"), str)]


async def test_a_notification_text_shows_article_ids_without_invisible_characters(
    stub: StubSlack, seed_app: AsyncApp
) -> None:
    """With blocks, a message's ``text`` is what push notifications show, as plain text: /sources' named each
    article id with word joiners around its underscores ("000⁠_⁠23ab…"), which only the mrkdwn of a message
    sent without blocks needs."""
    reply = await command_reply(stub, seed_app, "/sources")
    assert reply["blocks"] and "000_23ab69559cfb75aa" in reply["text"] and "\u2060" not in reply["text"]
    await send_event(seed_app, message_event("which articles are there about koo?", channel="D1", channel_type="im"))
    [answer] = await posts_in(stub, "chat.postMessage", timeout=60)
    assert answer["blocks"] and "\u2060" not in answer["text"]
    assert without_neutralisers(literal("*x* _y_\n> z")) == "*x* _y_\n&gt; z"
