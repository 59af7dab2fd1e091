"""Slack's App Home: the page a user sees on opening the app's Home tab, published for them (``views.publish``)
each time they open it (``app_home_opened``).

With the tab off the page was empty: nothing said what the bot is, how to ask, which articles it quotes or, to a
moderator, how to change them. The core says what the page holds for this user (``CommandCore.home``); this module
lays it out in Block Kit (``render_home``, pure) and publishes it. A user's admin status is looked up as for a
moderator command, so a workspace admin sees the moderator part too.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import CommandCore
from bot.render.dates import shown_date
from bot.results import Home
from bot.slack.blocks import pack, section
from bot.slack.mrkdwn import escape, link, literal
from bot.slack.users import UserDirectory, installed_in

log = logging.getLogger(__name__)

MAX_VIEW_BLOCKS = 100  # a view's limit (a message's is 50)
SOURCE_BLOCKS = 40  # the articles' share of them; the rest are counted, with where to see them all
HOW_TO_ASK = ("Mention me with a question in a channel I was invited to (`/invite` me) or in a group DM, or write to "
              "me in the *Messages* tab here. I answer in a thread, and follow-ups there need no new mention. "
              "Every answer quotes the articles word for word, each quote with its source.")
COMMANDS = ("• `/ask <question>`: an answer, shown in the channel\n"
            "• `/timeline [topic]`: dated events, about a topic, a day or a period\n"
            "• `/sources`: the articles, with their ids\n"
            "• `/status`: the index, and whether a rebuild is running (only you see it)")
MODERATOR_COMMANDS = ("• `/reindex [full]`: rebuild the index after articles changed on disk\n"
                      "• `/remove-article <id>`: take an article out\n"
                      "• `/restore-article <id>`: bring a removed or replaced article back as it was\n"
                      "• `/report [7d]`: answer rate, unanswered questions, down-voted answers\n"
                      "• `/index-history [10]`: the latest adds, removals and rebuilds, by whom\n"
                      "Replies to these are shown only to you.")


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:150], "emoji": False}}


def _sources(home: Home) -> list[dict[str, Any]]:
    if home.sources is None:
        return [_header("Sources"), section("The article index can't be read right now; `/status` says more.")]
    items = []
    for s in home.sources:
        when = shown_date(s.date, s.date_estimated) or "undated"
        meta = " · ".join(literal(x) for x in (when, s.source) if x)
        items.append(f"• {link(s.url, s.title or s.doc_id)} ({meta})")
    if not items:
        return [_header("Sources"), section("No articles are indexed yet.")]
    count = f"{len(items)} article" + ("s" if len(items) != 1 else "")
    return [_header(f"Sources ({count})"), *pack(items, SOURCE_BLOCKS, "articles", "\n", "; `/sources` lists them all")]


def render_home(home: Home) -> dict[str, Any]:
    """The Home tab's view for ``home``: what the bot is, how to ask, the commands, the articles (title, date,
    link) and, for a moderator, the moderator commands and how to add an article."""
    blocks = [_header("What I do"), section(escape(home.intro)), _header("How to ask"), section(HOW_TO_ASK),
              _header("Commands"), section(COMMANDS), *_sources(home)]
    if home.moderator:
        blocks += [_header("For moderators"), section(MODERATOR_COMMANDS), section(escape(home.adding))]
    return {"type": "home", "blocks": blocks[:MAX_VIEW_BLOCKS]}


class AppHome:
    """The ``app_home_opened`` listener."""

    def __init__(self, core: CommandCore, users: UserDirectory) -> None:
        self.core = core
        self.users = users

    async def opened(self, event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext,
                     client: AsyncWebClient) -> None:
        """Publish the page for the user who opened the Home tab. The Messages tab sends the same event
        (``tab`` "messages"): that one shows the DM, nothing to publish. A failure is logged; the user sees
        the page they last got."""
        user = str(event.get("user") or "")
        if event.get("tab") != "home" or not user:
            return
        async with self.core.in_flight.handling():
            try:
                actor = await self.users.actor(user, lookup=True, client=client, team=str(body.get("team_id") or ""),
                                               installation=installed_in(context))
                await client.views_publish(user_id=user, view=render_home(await self.core.home(actor)))
            except SlackApiError as exc:
                log.warning("could not publish the App Home for %s: %s", user, exc.response.get("error"))
            except Exception:
                log.exception("the App Home for %s failed", user)
