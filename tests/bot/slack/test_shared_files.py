"""A message shared with Slack's "Share message" that holds files and no text: an article passed on to the bot.

The share arrives as an attachment marked ``is_share`` / ``is_msg_unfurl`` (as in ``test_pointed.shared``) whose
``files`` lists the post's files (Slack's Java SDK added ``Attachment.files`` for it, slackapi/java-slack-sdk
#647); it has no text, and the sharing message none of its own files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from slack_bolt.async_app import AsyncApp

from bot.core import CommandCore
from tests.bot.conftest import CoreFactory
from tests.bot.slack.slack_requests import message_event, posts_in, send_event, settled, shown_text
from tests.bot.slack.stub_slack import StubSlack
from tests.bot.slack.test_events import KOO, QUESTION

pytestmark = pytest.mark.asyncio(loop_scope="function")


def shared_files(*files: tuple[str, str], channel: str = "C9", ts: str = "1690000000.000088") -> dict[str, Any]:
    """The attachment of a post holding only ``files`` ((id, name) pairs), shared on."""
    link = f"https://stub.slack.com/archives/{channel}/p{ts.replace('.', '')}"
    return {"ts": ts, "author_id": "UOTHER", "channel_id": channel, "channel_team": "T1", "is_msg_unfurl": True,
            "is_share": True, "from_url": link, "color": "D0D0D0", "fallback": "[December 1st, 2026] other: ",
            "author_name": "other", "author_subname": "other", "mrkdwn_in": ["text"], "footer": "Slack Conversation",
            "files": [{"id": fid, "name": name, "title": name, "mimetype": "text/plain", "filetype": "text",
                       "mode": "hosted", "size": 200} for fid, name in files]}


def in_dm(text: str, user: str, *files: tuple[str, str]) -> dict[str, Any]:
    return message_event(text, user=user, channel="D9", channel_type="im", attachments=[shared_files(*files)])


async def test_a_shared_post_of_files_alone_gets_the_add_hint_privately(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """Shared to the bot's DM with no words it was asked as an empty question ("Please ask a question"), as if
    nothing came: a file sent directly gets the hint on adding articles, and so does one passed on."""
    stub.add_file("F1", "koo.md", KOO)
    await send_event(seed_app, in_dm("", "UASKER", ("F1", "koo.md")))
    [hint] = await posts_in(stub, "chat.postEphemeral")
    assert hint["user"] == "UASKER" and "with the text `add`" in hint["text"], hint["text"]
    await settled(seed_core)
    assert not stub.posted("chat.postMessage") and not stub.downloads


async def test_a_question_with_a_shared_article_is_answered_and_its_sender_told_how_to_add_it(
    stub: StubSlack, seed_app: AsyncApp
) -> None:
    stub.add_file("F1", "koo.md", KOO)
    await send_event(seed_app, in_dm(QUESTION, "UASKER", ("F1", "koo.md")))
    [answer] = await posts_in(stub, "chat.postMessage")
    assert "257" in shown_text(answer)
    [hint] = await posts_in(stub, "chat.postEphemeral")
    assert hint["user"] == "UASKER" and "with the text `add`" in hint["text"]
    assert not stub.downloads


async def test_a_moderator_adds_the_article_of_a_post_shared_with_add(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path],
) -> None:
    """"add" with a post passed on that holds the article: the files were not read (only the message's own), and
    the moderator was told nothing was added."""
    core = make_core(*copied_index)
    stub.add_file("F1", "koo.md", KOO)
    await send_event(make_app(core), in_dm("add", "UADMIN", ("F1", "koo.md")))
    [reply] = await posts_in(stub, "chat.postMessage", timeout=60)
    assert "added: koo" in reply["text"], reply["text"]
    assert stub.downloads == [("F1", True)]
