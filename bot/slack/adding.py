"""``add`` in a DM to the bot: the files shared with it (.txt, .md, .pdf, saved .html) and the pages whose
addresses follow the word, added in one rebuild by a moderator (the core refuses anyone else, and audits it).

Every reply is an ordinary message of the DM: in a 1:1 DM an ephemeral one hides nothing from anyone, reaches only
a user active in Slack and vanishes on reload, so a "failed, the previous index is still used" fifteen minutes
later was likely never seen. While the add runs, ``bot.slack.add_progress`` keeps one message up to date."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.core import CommandCore
from bot.results import IndexChange, Notice, Result
from bot.slack.add_progress import ProgressPost
from bot.slack.events import event_files, links_in, slack_document, without_links
from bot.slack.files import fetch_uploads
from bot.slack.mrkdwn import escape, plain_from_slack
from bot.slack.render import SlackMessage, render
from bot.slack.users import UserDirectory
from bot.validation import strip_mentions

ADD_HINT = ("To add articles, share .txt, .md, .pdf or saved .html files with me in a direct message with the "
            "text `add`, or send `add` followed by the address of a news page.")
NOT_A_PAGE = "a Slack canvas or list, which I can't open: put its text in a .txt or .md file and add that"
ADD_USAGE = ("Usage: `add <https://…>` (the address of a news page), or `add` with .txt, .md, .pdf or saved "
             ".html files attached.")


def is_add(raw: str, text: str, has_files: bool = False) -> bool:
    """The message asks to add: the word alone, or followed by links or with files attached. "add these"
    with files attached asks to add them too: read as a question, it got a decline quoting "add these" and
    the files were dropped without a word (``add_from_dm`` adds them)."""
    words = text.lower().split()  # "add⏎<link>": the message keeps its line breaks
    return words == ["add"] or (words[:1] == ["add"] and (has_files or bool(links_in(raw))))


def addable(core: CommandCore, files: list[Any]) -> bool:
    """Whether any of the shared files is of a type ``add`` takes (by its name, as the core rules): someone
    who shares an article with a question about it is told how to add it, not left to guess why nothing
    read it. A screenshot with a question is a question only."""
    return any(isinstance(f, dict) and core.uploads.refusal(str(f.get("name") or f.get("title") or ""), 0) is None
               for f in files)


async def add_from_dm(core: CommandCore, users: UserDirectory, event: dict[str, Any],
                      client: AsyncWebClient, team: str = "", installation: str = "") -> tuple[SlackMessage, bool]:
    """The reply, and whether it is for the moderator's eyes only. ``team``: the workspace the DM came from;
    ``installation``: the bot's installation serving it (``bot.slack.users.installed_in``), the workspace
    whose admins count; an admin of another one is no moderator here."""
    actor = await users.actor(str(event["user"]), lookup=True, client=client, team=team, installation=installation)
    raw = str(event.get("text") or "")
    # A canvas or list is no news page: fetched, Slack's sign-in page came back to be read as an article.
    documents = [{"file": url, "reason": NOT_A_PAGE} for url in links_in(raw) if slack_document(url)]
    urls = [url for url in links_in(raw) if not slack_document(url)]
    # The files sent with "add", and those of a post shared with it (an article passed on: its files are in the
    # share, none on the message).
    files = [f for f in event_files(event) if isinstance(f, dict)]
    # Words other than "add", the links and mentions: none without files. With files, "add this" and "add these
    # please" name them: the usage it got left the moderator to send the files again.
    leftover = [] if files else strip_mentions(plain_from_slack(without_links(raw))).split()[1:]
    too_many = core.uploads.too_many_addresses(urls)
    result: Result
    if not core.is_moderator(actor):
        result = await core.add_articles(actor, [])  # the core refuses (and audits it); no download
    elif leftover or too_many:
        result = core.refuse_add(actor, too_many or ADD_USAGE)
    else:
        uploads, fetched = await fetch_uploads(client, files, core)
        problems = [*documents, *fetched]
        if uploads or urls or not problems:
            progress = ProgressPost(client, event)
            result = await core.add_articles(actor, uploads, urls, progress=progress.show)
            await progress.finish(result)
        else:
            result = core.refuse_add(actor, "Nothing was added.")
        if problems and isinstance(result, IndexChange):
            result = replace(result, rejected=[*problems, *result.rejected])
        elif problems and isinstance(result, Notice):
            reasons = "; ".join(f"{p['file']}: {p['reason']}" for p in problems)
            result = Notice(result.kind, f"{result.text} {reasons}")
    if isinstance(result, Notice) and result.text == ADD_USAGE:  # the bot's own words: its code spans stay
        return SlackMessage(escape(ADD_USAGE)), False
    return replace(render(result), ephemeral=False), False
