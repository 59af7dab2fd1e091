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
from bot.refusals import SPOKEN
from bot.slack.adding import ADD_HINT
from tests.bot.conftest import CoreFactory
from tests.bot.slack.dm_results import results_in
from tests.bot.slack.slack_requests import message_event, posts_in, send_event, settled, shown_text
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack
from tests.bot.slack.test_adding_by_dm import KOO
from tests.bot.slack.test_events import QUESTION

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
    [reply] = await results_in(stub, timeout=60)
    assert "added: koo" in reply["text"], reply["text"]
    assert stub.downloads == [("F1", True)]


def clip(file_id: str = "F9") -> dict[str, Any]:
    """A clip recorded in Slack's message box, as its file comes in a ``file_share`` event (``subtype``
    ``slack_audio``; Slack's transcription may still be under way)."""
    return {"id": file_id, "name": "audio_message.m4a", "title": "Audio clip", "mimetype": "audio/mp4",
            "filetype": "m4a", "subtype": "slack_audio", "media_display_type": "audio", "duration_ms": 4200,
            "mode": "hosted", "size": 30_000, "transcription": {"status": "processing"}}


async def test_a_clip_recorded_to_the_bot_is_told_to_type_the_question(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """A question spoken into an audio clip, in the bot's DM or in a thread it answered in: the DM's was told how
    to add articles, as if the clip were one, and the thread's was passed over in silence."""
    await send_event(seed_app, message_event("", channel="D9", channel_type="im", subtype="file_share",
                                             files=[clip()], ts="1699999999.100001"))
    [told] = await posts_in(stub, "chat.postEphemeral")
    assert "voice" in told["text"] and "add" not in told["text"], told["text"]
    asked = message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="1699999999.200001")
    await send_event(seed_app, asked)
    await posts_in(stub, "chat.postMessage")
    await send_event(seed_app, message_event("", thread_ts="1699999999.200001", subtype="file_share",
                                             files=[clip("F10")], ts="1699999999.200002"))
    told = (await posts_in(stub, "chat.postEphemeral", 2))[1]
    assert "voice" in told["text"] and told["thread_ts"] == "1699999999.200001"
    await settled(seed_core)
    assert len(stub.posted("chat.postMessage")) == 1 and not stub.downloads


# A canvas and a list as a message's ``files`` carry them: Slack's own document types, with no file extension in
# their names (``filetype`` "quip" or "canvas" and ``mimetype`` "application/vnd.slack-docs" for a canvas,
# "list" and "application/vnd.slack-list" for a list, as files.info describes them).
CANVAS = {"id": "FCANVAS", "name": "Koo_notes", "title": "Koo notes", "filetype": "quip", "pretty_type": "Canvas",
          "mimetype": "application/vnd.slack-docs", "mode": "hosted", "size": 2_000}
LIST = {"id": "FLIST", "name": "Sources_to_check", "title": "Sources to check", "filetype": "list",
        "pretty_type": "List", "mimetype": "application/vnd.slack-list", "mode": "hosted", "size": 900}


async def test_a_canvas_or_list_shared_with_the_bot_is_no_article_and_never_downloaded(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """A canvas or list shared to the bot's DM alone gets the hint on adding articles (the types it takes),
    privately; with a question, the question is answered and no hint follows (neither is a file ``add`` takes);
    with ``add``, a moderator is told each was refused and why. Nothing is fetched: a canvas downloads as Slack's
    HTML export, which would be read as a saved page."""
    for ts, files in (("1.1", [CANVAS]), ("1.2", [LIST])):
        await send_event(seed_app, message_event("", channel="D9", channel_type="im", subtype="file_share",
                                                 files=files, ts=ts))
    hints = await posts_in(stub, "chat.postEphemeral", 2)
    assert all("with the text `add`" in hint["text"] and hint["user"] == "UASKER" for hint in hints), hints
    await send_event(seed_app, message_event(QUESTION, channel="D9", channel_type="im", subtype="file_share",
                                             files=[CANVAS], ts="1.3"))
    [answer] = await posts_in(stub, "chat.postMessage")
    assert "257" in shown_text(answer)
    await send_event(seed_app, message_event("add", user="UADMIN", channel="D9", channel_type="im",
                                             subtype="file_share", files=[CANVAS, LIST], ts="1.4"))
    refused = (await results_in(stub, 2))[1]["text"].replace("\u2060", "")  # mrkdwn kept inert
    assert refused.startswith("Nothing was added.") and refused.count("can be added (got 'no extension')") == 2
    assert "Koo_notes" in refused and "Sources_to_check" in refused, refused
    await settled(seed_core)
    assert len(stub.posted("chat.postMessage")) == 2 and not stub.downloads and not stub.posted("files.info")


def canvas_link(label: str | None = "Koo notes", host: str = "acme.slack.com", kind: str = "docs") -> str:
    """A link to a canvas (or a list, ``kind="lists"``) as Slack writes one in a message's text: the document's
    title as its label, as the client shows it."""
    url = f"https://{host}/{kind}/T1/F0CANVAS"
    return f"<{url}|{label}>" if label else f"<{url}>"


async def test_a_link_to_a_canvas_or_list_alone_is_told_the_bot_cant_open_it(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """A canvas link sent alone to the bot's DM was asked as its title: "Koo notes" got "I couldn't find a clear
    answer to “Koo notes”" and the closest passages, as if the bot had read it. Now it is told, privately, that
    the bot can't open canvases or lists and what to send instead; so is a mention with nothing but such a link.
    A question with a canvas link in it is still answered."""
    alone = [message_event(canvas_link(), channel="D9", channel_type="im", ts="2.1"),
             message_event(canvas_link(), channel="D9", channel_type="im", files=[CANVAS], ts="2.2"),
             message_event(canvas_link(None, "acme.enterprise.slack.com", "lists"), channel="D9", channel_type="im",
                           ts="2.3"),
             message_event(f"<@{BOT_USER_ID}> {canvas_link('Sources to check', 'gov.slack-gov.com')}",
                           kind="app_mention", ts="2.4")]
    for event in alone:
        await send_event(seed_app, event)
    told = await posts_in(stub, "chat.postEphemeral", len(alone))
    assert all(t["text"].startswith("I can't open Slack canvases or lists.") for t in told), told
    assert {t["user"] for t in told} == {"UASKER"}
    await send_event(seed_app, message_event(f"{QUESTION} {canvas_link()}", channel="D9", channel_type="im", ts="2.5"))
    [answer] = await posts_in(stub, "chat.postMessage")
    assert "257" in shown_text(answer)
    await settled(seed_core)
    assert len(stub.posted("chat.postEphemeral")) == len(alone) and not stub.downloads


def test_only_links_to_slacks_own_documents_are_documents() -> None:
    from bot.slack.events import only_documents

    assert only_documents(canvas_link(), None) and only_documents(f"<@UBOT> {canvas_link(None)}", "UBOT")
    assert not only_documents("<https://news.example/docs/koo|Koo notes>", None), "a news site's /docs/ page"
    assert not only_documents(f"{canvas_link()} <https://news.example/koo>", None), "a page besides"
    assert not only_documents(f"is this right? {canvas_link()}", None), "words of its own"
    assert not only_documents("<https://acme.slack.com/archives/C1/p1690000000000088>", None), "a message link"


async def test_adding_a_canvas_by_its_link_is_refused_by_name_without_fetching_it(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``add`` and a canvas's link was fetched as a news page: Slack answers it with its sign-in page."""
    fetched: list[object] = []

    async def fetch(*args: object, **kw: object) -> object:
        fetched.append(args)
        raise AssertionError("a canvas was fetched")

    monkeypatch.setattr(seed_core, "add_articles", fetch)
    await send_event(seed_app, message_event(f"add {canvas_link()}", user="UADMIN", channel="D9", channel_type="im",
                                             ts="4.1"))
    [refused] = await results_in(stub)
    text = refused["text"].replace("\u2060", "")
    assert text.startswith("Nothing was added.") and "a Slack canvas or list, which I can't open" in text, text
    assert "https://acme.slack.com/docs/T1/F0CANVAS" in text and not fetched


async def test_an_article_sent_with_a_question_in_a_channel_gets_the_add_hint_privately_once(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """In a DM an article sent with a question got the answer and the hint on adding it; in a channel (a mention,
    or a reply in a thread the bot answered in) the answer came and the article was dropped without a word.
    A picture with a question is a question only; the post arrives as two events and is hinted once."""
    stub.add_file("F1", "koo.md", KOO)
    article, picture = [{"id": "F1", "name": "koo.md"}], [{"id": "F2", "name": "screenshot.png"}]
    both = {"text": f"<@{BOT_USER_ID}> {QUESTION}", "ts": "500.1", "files": article, "subtype": "file_share"}
    await send_event(seed_app, message_event(kind="app_mention", **both))
    await send_event(seed_app, message_event(**both))
    [answer] = await posts_in(stub, "chat.postMessage")
    [hint] = await posts_in(stub, "chat.postEphemeral")
    assert answer["thread_ts"] == "500.1" and "257" in shown_text(answer)
    assert hint["user"] == "UASKER" and hint["thread_ts"] == "500.1" and "with the text `add`" in hint["text"]
    await send_event(seed_app, message_event("and who ordered it?", thread_ts="500.1", ts="500.2", files=article,
                                             subtype="file_share"))
    hints = await posts_in(stub, "chat.postEphemeral", 2)
    assert hints[1]["thread_ts"] == "500.1" and "with the text `add`" in hints[1]["text"]
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="501.1",
                                             files=picture))
    await posts_in(stub, "chat.postMessage", 3)
    await settled(seed_core)
    assert len(stub.posted("chat.postEphemeral")) == 2 and not stub.downloads


async def test_add_with_an_article_in_a_thread_the_bot_follows_is_told_privately_to_use_a_dm(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """A mention's "add" got the hint; the same in the bot's thread, where no mention is needed, was answered in
    public as the question "add", with the closest passages, and the article read by nobody."""
    await send_event(seed_app, message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", ts="600.1"))
    await posts_in(stub, "chat.postMessage")
    await send_event(seed_app, message_event("add", user="UADMIN", thread_ts="600.1", ts="600.2",
                                             files=[{"id": "F1", "name": "koo.md"}], subtype="file_share"))
    [hint] = await posts_in(stub, "chat.postEphemeral")
    assert hint["user"] == "UADMIN" and hint["thread_ts"] == "600.1" and "direct message" in hint["text"]
    await send_event(seed_app, message_event("and who ordered it?", thread_ts="600.1", ts="600.3"))
    await posts_in(stub, "chat.postMessage", 2)  # the sentinel: the thread is still followed
    await settled(seed_core)
    assert len(stub.posted("chat.postMessage")) == 2 and len(stub.posted("chat.postEphemeral")) == 1
    assert not stub.downloads


async def test_a_mention_with_only_a_clip_or_an_article_is_told_what_the_bot_reads(
    stub: StubSlack, seed_core: CommandCore, seed_app: AsyncApp
) -> None:
    """"@bot" with a clip recorded in the message box, or with an article attached, and no words: in a DM the same
    post is told to type the question, or how to add the article; as a mention in a channel (or a group DM) it
    was told "Please ask a question", as if nothing had come, and the article's sender got that and the add hint,
    two private messages. Each post arrives as app_mention and message, and is told once."""
    spoken = {"text": f"<@{BOT_USER_ID}>", "ts": "600.1", "files": [clip()], "subtype": "file_share"}
    article = {"text": f"<@{BOT_USER_ID}>", "ts": "600.2", "files": [{"id": "F1", "name": "koo.md"}],
               "subtype": "file_share"}
    for post in (spoken, article):
        await send_event(seed_app, message_event(kind="app_mention", **post))
        await send_event(seed_app, message_event(**post))
    in_group = {**spoken, "ts": "600.3", "channel": "G1", "channel_type": "mpim"}
    await send_event(seed_app, message_event(**in_group))
    await settled(seed_core)
    told = [(p["thread_ts"], p["text"]) for p in stub.posted("chat.postEphemeral")]
    assert sorted(told) == [("600.1", SPOKEN), ("600.2", ADD_HINT), ("600.3", SPOKEN)], told
    assert not stub.posted("chat.postMessage") and not stub.downloads
