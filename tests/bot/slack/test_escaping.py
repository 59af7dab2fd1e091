"""Neither a user's question nor an article's text can make the bot ping a channel or post a disguised link."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from tests.bot.conftest import CoreFactory
from tests.bot.slack.slack_requests import (
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


@pytest.fixture
def evil_index(copied_index: tuple[Path, Path], encoder_provider: EncoderProvider) -> tuple[Path, Path]:
    """The seed corpus plus one article whose title and text carry Slack markup. Building over a copy of the
    seed index reuses its embeddings, so only the new article is encoded."""
    index_dir, corpus = copied_index
    (corpus / "koo-rally.md").write_text(EVIL_ARTICLE, encoding="utf-8")
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    return index_dir, corpus


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
